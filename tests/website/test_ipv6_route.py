"""An IPv6 route missing on OUR side is our failure ("not measured"), never the site's.

Run in a network namespace of its own (`unshare -rn`: only loopback, no route anywhere),
where a connect to an IPv6 address fails as on a machine without IPv6 (EADDRNOTAVAIL or
ENETUNREACH). 2001:db8::1 (documentation range) plays a participant's IPv6-only site,
exempt from the SSRF guard as a test world's "public" address.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from probes.netguard import NetGuard
from probes.website.cdp import NavigationError
from probes.website.failures import navigation_failure
from probes.website.httpfetch import fetch

ROOT = Path(__file__).resolve().parents[2]
SITE = "2001:db8::1"

PLAIN = f"""
import json
from probes.netguard import NetGuard
from probes.website.httpfetch import fetch
guard = NetGuard(allow_private=False, exempt=frozenset({{"{SITE}"}}))
print(json.dumps(fetch("http://[{SITE}]/", guard, timeout=5).error))
"""

PROBE = f"""
import asyncio, json
from probes.evidence import MemorySink
from probes.website.crawler import ProbeSettings, probe_website
settings = ProbeSettings(
    allow_private_networks=False, exempt_addresses=("{SITE}",), run_axe=False,
    retries_ours=0, mail_dns=False,
)
artifact = asyncio.run(probe_website("http://[{SITE}]/", MemorySink(), settings))
print(json.dumps({{"outcome": artifact["outcome"], "failure": artifact["failure"]}}))
"""


def _in_namespace_without_routes(code: str) -> object:
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("no user network namespaces here")
    done = subprocess.run(
        [
            "unshare",
            "-rn",
            "sh",
            "-c",
            f'ip link set lo up && exec "{sys.executable}" -c "$0"',
            code,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_plain_fetch_without_our_ipv6_route_is_ours():
    assert _in_namespace_without_routes(PLAIN) == "our_ipv6_route"


@pytest.mark.browser
def test_a_site_only_on_ipv6_we_cannot_route_to_is_not_measured():
    seen = _in_namespace_without_routes(PROBE)
    assert seen["outcome"] == "not_measured"
    assert seen["failure"]["kind"] == "our_ipv6_route" and seen["failure"]["ours"]


def test_the_sites_own_failure_wins_over_our_missing_ipv6_route():
    # Through the proxy: the proxy's record decides; a refused IPv4 address is theirs.
    error = NavigationError("net::ERR_SOCKS_CONNECTION_FAILED", [], "http://x.test/")
    theirs = navigation_failure(error, ("refused", "net::ERR_CONNECTION_REFUSED (…)"))
    ours = navigation_failure(error, ("our_ipv6_route", "[Errno 101]"))
    assert (theirs.kind, theirs.ours) == ("refused", False)
    assert (ours.kind, ours.ours) == ("our_ipv6_route", True)
    # A plain fetch to a refused loopback port stays the site's refusal, not ours.
    assert fetch("http://127.0.0.1:9/", NetGuard(allow_private=True), timeout=5).error == (
        "refused"
    )
