"""A small Chrome DevTools Protocol client: Chromium without a Node driver beside it.

Playwright's Node driver took ~120 MB of the probe's ~600 MB peak; speaking CDP from
Python over the browser's own pipe removes it (bench/website_throughput.py).
"""

from probes.website.cdp.browser import Browser, Context
from probes.website.cdp.connection import (
    BrowserClosed,
    BrowserError,
    BrowserGone,
    CallTimeout,
    ProtocolError,
)
from probes.website.cdp.page import Page
from probes.website.cdp.types import (
    BudgetSpent,
    ConsoleMessage,
    EvaluationFailed,
    NavigationError,
    NavigationTimeout,
    Request,
    Response,
    TargetClosed,
    TargetCrashed,
)

__all__ = [
    "Browser",
    "BrowserClosed",
    "BrowserError",
    "BrowserGone",
    "BudgetSpent",
    "CallTimeout",
    "ConsoleMessage",
    "Context",
    "EvaluationFailed",
    "NavigationError",
    "NavigationTimeout",
    "Page",
    "ProtocolError",
    "Request",
    "Response",
    "TargetClosed",
    "TargetCrashed",
]
