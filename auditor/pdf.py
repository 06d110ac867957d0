"""HTML documents of ours (reports, certificates) printed to PDF by the Chromium already
installed for the probes: A4, page numbers, fonts embedded, tagged (accessible) with the
document's language and an outline from its headings.

The HTML is our own and self-contained: it is opened from a local file in a context whose
network is switched off, so nothing remote is ever fetched while printing.
"""

from __future__ import annotations

import asyncio
import base64
import tempfile
from pathlib import Path

from probes.website.browser import default_executable, launch_args
from probes.website.cdp.browser import Browser

PRINT_TIMEOUT_S = 120.0
FOOTER = (
    '<div style="font: 8px DejaVu Sans, sans-serif; width: 100%; text-align: center; '
    'color: #555;">strona <span class="pageNumber"></span> z <span class="totalPages"></span>'
    "</div>"
)


class PdfError(Exception):
    """Printing failed on our side; the message is in Polish."""


async def _print(html: str, footer: str) -> bytes:
    browser = await Browser.launch(default_executable(), launch_args())
    try:
        context = await browser.new_context(viewport={"width": 794, "height": 1123})
        page = await context.new_page()
        send = page.connection.send
        # Our documents need nothing from the network: switch it off for the tab.
        await send(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
            page.session,
        )
        with tempfile.TemporaryDirectory(prefix="auditor-pdf-") as folder:
            source = Path(folder) / "dokument.html"
            source.write_text(html, encoding="utf-8")
            await page.goto(source.as_uri(), timeout=60_000)
            result = await send(
                "Page.printToPDF",
                {
                    "paperWidth": 8.27,  # A4, inches
                    "paperHeight": 11.69,
                    "marginTop": 0.6,
                    "marginBottom": 0.7,
                    "marginLeft": 0.6,
                    "marginRight": 0.6,
                    "printBackground": True,
                    "preferCSSPageSize": True,
                    "displayHeaderFooter": bool(footer),
                    "headerTemplate": "<span></span>",
                    "footerTemplate": footer or "<span></span>",
                    "generateTaggedPDF": True,
                    "generateDocumentOutline": True,
                },
                page.session,
                timeout=PRINT_TIMEOUT_S,
            )
        return base64.b64decode(result["data"])
    finally:
        await browser.close()


def html_to_pdf(html: str, *, page_numbers: bool = True) -> bytes:
    """The PDF of an HTML document (which must declare <html lang="pl">)."""
    try:
        return asyncio.run(_print(html, FOOTER if page_numbers else ""))
    except Exception as exc:  # the browser failed: ours, said in Polish
        raise PdfError(f"Nie udało się wydrukować PDF w Chromium: {exc}") from exc
