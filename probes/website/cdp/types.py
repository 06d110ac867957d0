"""What a tab reports and raises: requests, responses, console messages, navigation
errors; and the device metrics of a viewport."""

from __future__ import annotations

from dataclasses import dataclass, field

from probes.website.cdp.connection import BrowserError, BrowserGone


@dataclass(eq=False)  # identity: the crawler keeps requests in flight in a set
class Request:
    url: str
    request_id: str
    resource_type: str = ""


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    redirect_chain: list[str] = field(default_factory=list)  # URLs before the final one

    @property
    def ok(self) -> bool:
        return self.status == 0 or 200 <= self.status < 300


@dataclass
class ConsoleMessage:
    type: str
    text: str


@dataclass
class Document:
    url: str = ""  # the hop being requested now
    chain: list[str] = field(default_factory=list)
    response: Response | None = None


class BudgetSpent(BrowserError):
    """The time its owner gave this page (`Page.deadline`) is over: the call was not made."""


class TargetCrashed(BrowserGone):
    """The tab's renderer died (our memory caps, or a page built to crash browsers)."""


class TargetClosed(BrowserGone):
    """The tab was closed (by us: closed, or cut past the hard cap of its bytes)."""


class EvaluationFailed(BrowserError):
    """A script evaluated in the page threw."""


class NavigationTimeout(BrowserError):
    """A navigation did not end (response and load) in its time: the site's slowness."""

    def __init__(self, url: str, timeout_ms: float) -> None:
        super().__init__(f"Timeout {timeout_ms:.0f}ms exceeded navigating to {url}")
        self.url = url


class NavigationError(BrowserError):
    """A navigation failed: Chromium's net::ERR_* code (`code`), and the redirects
    followed first."""

    def __init__(self, code: str, redirect_chain: list[str], url: str) -> None:
        super().__init__(f"{code} at {url}")
        self.code = code  # Chromium's errorText, e.g. "net::ERR_NAME_NOT_RESOLVED"
        self.redirect_chain = redirect_chain
        self.url = url  # the hop that failed


def metrics(viewport: dict) -> dict:
    width, height = viewport["width"], viewport["height"]
    if width >= 1024:
        # A desktop viewport sits in a window on a larger screen (the window is 1366×853:
        # --window-size in probes.website.browser); a phone's screen is its viewport, so
        # `max-device-width` queries still match it.
        screen = (max(width, 1920), max(height, 1080))
    else:
        screen = (width, height)
    return {
        "width": width,
        "height": height,
        "screenWidth": screen[0],
        "screenHeight": screen[1],
        "deviceScaleFactor": 1,
        "mobile": False,
    }
