"""Who our plain fetches say they are: the installed Chromium, as a desktop Chrome on Linux
sends itself (the browser's tabs say the same: probes.website.cdp.browser)."""

from __future__ import annotations

import functools
import re
import subprocess

# Only when the browser cannot tell its version (not installed yet, say).
FALLBACK_MAJOR = "156"
ACCEPT_LANGUAGE = "pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7"


@functools.cache
def chromium_major() -> str:
    """The major version of the Chromium the probe drives (`--version`, ~30 ms, once)."""
    from probes.website.browser import default_executable

    try:
        done = subprocess.run(
            [default_executable(), "--version"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_MAJOR
    found = re.search(r"\b(\d+)\.\d+\.\d+\.\d+\b", done.stdout)
    return found.group(1) if found else FALLBACK_MAJOR


def user_agent() -> str:
    """Chrome's reduced user agent: the major version only, as every desktop Chrome sends."""
    return (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{chromium_major()}.0.0.0 Safari/537.36"
    )


def plain_headers() -> dict[str, str]:
    return {"User-Agent": user_agent(), "Accept": "*/*", "Accept-Language": ACCEPT_LANGUAGE}
