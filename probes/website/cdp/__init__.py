"""A small Chrome DevTools Protocol client: Chromium without a Node driver beside it.

Playwright's Node driver took ~120 MB of the probe's ~600 MB peak; speaking CDP from
Python over the browser's own pipe removes it (bench/website_throughput.py).
"""

from probes.website.cdp.browser import Browser, Context
from probes.website.cdp.connection import BrowserClosed, BrowserError, CallTimeout
from probes.website.cdp.page import (
    BudgetSpent,
    ConsoleMessage,
    NavigationError,
    Page,
    Request,
    Response,
)

__all__ = [
    "Browser",
    "BrowserClosed",
    "BrowserError",
    "BudgetSpent",
    "CallTimeout",
    "ConsoleMessage",
    "Context",
    "NavigationError",
    "Page",
    "Request",
    "Response",
]
