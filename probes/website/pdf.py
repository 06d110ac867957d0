"""Does a PDF have a text layer (not a scan), and is it tagged? Poppler's tools answer."""

from __future__ import annotations

import re
import subprocess
import tempfile


def _iso_date(text: str) -> str | None:
    """pdfinfo's CreationDate ("Tue Mar 14 10:22:01 2017 CET" or ISO with -isodates)."""
    from datetime import datetime

    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return "-".join(iso.groups())
    m = re.search(r"([A-Z][a-z]{2}) +(\d{1,2}) [\d:]+ (\d{4})", text)
    if not m:
        return None
    try:
        return datetime.strptime(" ".join(m.groups()), "%b %d %Y").date().isoformat()
    except ValueError:
        return None


def inspect_pdf(data: bytes, timeout: float = 20.0) -> dict:
    """`{"has_text_layer", "tagged", "pages", "created", "error"}` for PDF bytes.

    `created`: the CreationDate pdfinfo reports, as YYYY-MM-DD (None when absent), which
    TEC-08 uses to leave out office files published before 23 Sep 2018 (UDC art. 3).
    """
    result: dict = {
        "has_text_layer": None,
        "tagged": None,
        "pages": None,
        "created": None,
        "error": None,
    }
    if not data.startswith(b"%PDF"):
        result["error"] = "to nie jest plik PDF"
        return result
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        try:
            info = subprocess.run(
                ["pdfinfo", fh.name], capture_output=True, text=True, timeout=timeout, check=False
            )
            text = subprocess.run(
                ["pdftotext", "-l", "5", "-enc", "UTF-8", fh.name, "-"],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            result["error"] = f"poppler: {exc}"
            return result
    for line in info.stdout.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Tagged":
            result["tagged"] = value.strip().lower() == "yes"
        elif key.strip() == "Pages" and value.strip().isdigit():
            result["pages"] = int(value.strip())
        elif key.strip() == "CreationDate":
            result["created"] = _iso_date(value.strip())
    if text.returncode != 0:
        result["error"] = text.stderr.decode("utf-8", "replace").strip()[:200] or "pdftotext"
        return result
    words = text.stdout.decode("utf-8", "replace").split()
    result["has_text_layer"] = len(words) >= 5
    return result
