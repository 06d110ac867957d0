"""Does a PDF have a text layer (not a scan), and is it tagged? Poppler's tools answer."""

from __future__ import annotations

import subprocess
import tempfile


def inspect_pdf(data: bytes, timeout: float = 20.0) -> dict:
    """`{"has_text_layer", "tagged", "pages", "error"}` for PDF bytes."""
    result: dict = {"has_text_layer": None, "tagged": None, "pages": None, "error": None}
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
    if text.returncode != 0:
        result["error"] = text.stderr.decode("utf-8", "replace").strip()[:200] or "pdftotext"
        return result
    words = text.stdout.decode("utf-8", "replace").split()
    result["has_text_layer"] = len(words) >= 5
    return result
