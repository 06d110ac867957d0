"""One downloader for every request the website probe makes to a participant's hosts.

After Scrapy's downloader (`scrapy/core/downloader/__init__.py`): one object per site
probe owns the per-host politeness slots (`Politeness`: requests in flight, the delay
between starts, backoff on 429/5xx honouring Retry-After, robots' Crawl-delay), keyed by
one `key` (the host name: the home page, the other pages, the plain fetches and every
redirect hop of one host share a slot, whatever the scheme or port). Browser navigations
hold a slot (`slot`) for their main document; plain fetches (robots.txt, sitemaps, link
checks, documents, http→https, the TLS handshake) go through `fetch`/`connect`, one hop
at a time, each hop in its host's slot and asked of the SSRF guard (httpfetch pins the
connection to the checked address). The site's budget is here too: no plain fetch starts
past `deadline`, and together they read at most `max_bytes`.

It owns robots.txt too (`robots`): each host's, fetched once through that host's slot and
kept (a failure allows everything), its Crawl-delay applied to that host's slot only.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import TypeVar
from urllib.parse import urljoin

from probes.netguard import NetGuard, RefusedAddress
from probes.website.httpfetch import REDIRECTS, HttpResult, fetch_hop, prepare
from probes.website.politeness import Politeness
from probes.website.robots import Robots, parse_robots, robots_url
from probes.website.scope import host_of

T = TypeVar("T")

# Plain-fetch failures on our side: no verdict on the URL (not a broken link, not a page).
BUDGET = "budget"  # the site's time or byte budget was spent before the request
OURS = frozenset({BUDGET, "our_ipv6_route"})
# A robots.txt Crawl-delay slows its host down to this at most (a longer one is not obeyed).
MAX_CRAWL_DELAY = 10.0


class Downloader:
    """Per-host slots, the guard and the budget for one site's requests."""

    def __init__(
        self,
        guard: NetGuard,
        politeness: Politeness,
        *,
        deadline: float = math.inf,
        max_bytes: int = 100 << 20,
        refused: list[dict] | None = None,
    ) -> None:
        self.guard = guard
        self.politeness = politeness
        self.deadline = deadline  # time.monotonic(): no plain fetch starts after it
        self.max_bytes = max_bytes
        self.read_bytes = 0
        self.refused = refused if refused is not None else []  # [{url, reason}], the guard's
        self.budget_cut = False  # a fetch was not made: the budget was spent
        self.requests = 0  # plain-fetch hops made (for the record and the tests)
        self.no_head: set[str] = set()  # hosts that refuse HEAD: link checks GET 1 byte
        self.robots_fetched: dict[str, Robots] = {}  # host -> its robots.txt, once
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._ready = False

    @staticmethod
    def key(url: str) -> str:
        """The slot of a URL: its host name (no scheme, no port)."""
        return host_of(url)

    # ----------------------------------------------------------- browser pages

    @asynccontextmanager
    async def slot(self, url: str):
        """Hold the slot of `url`'s host for a browser navigation (after its delay)."""
        async with self.politeness.slot(self.key(url)):
            yield

    def record(self, url: str, status: int | None, retry_after: str | None = None) -> float:
        """Adapt the host's pace to a response; the wait before a retry."""
        return self.politeness.record(self.key(url), status, retry_after)

    async def admit(self, url: str) -> str | None:
        """Ask the guard about `url`: None if it may be fetched, else the reason (kept in
        `refused`)."""
        try:
            await asyncio.to_thread(self.guard.check, url)
        except RefusedAddress as refused:
            self.refused.append({"url": url, "reason": refused.reason})
            return refused.reason
        return None

    # -------------------------------------------------------------- robots.txt

    async def robots(self, url: str) -> Robots:
        """The robots.txt of `url`'s host: fetched once (in its slot, within the budget),
        then kept, a failure too (it allows everything). Its Crawl-delay (at most
        MAX_CRAWL_DELAY) spaces that host's starts from then on."""
        key = self.key(url)
        async with self._robots_locks.setdefault(key, asyncio.Lock()):
            robots = self.robots_fetched.get(key)
            if robots is None:
                result = await self.fetch(robots_url(url), timeout=10.0, max_bytes=500_000)
                robots = self.robots_fetched[key] = parse_robots(result)
                delay = robots.crawl_delay()
                if delay:
                    self.politeness.slow_down(key, min(float(delay), MAX_CRAWL_DELAY))
            return robots

    # ------------------------------------------------------------ plain fetches

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        timeout: float = 15.0,
        max_bytes: int = 20_000_000,
        max_redirects: int = 5,
        held: str | None = None,
    ) -> HttpResult:
        """Fetch `url` plainly, following redirects one hop at a time, each in its host's
        slot. `held`: the URL of a slot the caller holds already (a page visit that turned
        into a download): a hop to that host waits for its delay only.

        `method="HEAD"` is a link check: a host that refuses HEAD (405, 501) is asked
        with a one-byte GET instead, at once in the same slot (after its delay), and from
        then on (`no_head`)."""
        if not self._ready:
            # Built before the first turn, so the request leaves when its turn starts.
            await asyncio.to_thread(prepare)
            self._ready = True
        current, redirects = url, []
        for _hop in range(max_redirects + 1):
            if self._spent(method):
                return HttpResult(url, current, None, redirects=redirects, error=BUDGET)
            async with self._turn(current, held):
                # Asked again after the wait for the turn (the host's delay, its backoff).
                if self._spent(method):
                    return HttpResult(url, current, None, redirects=redirects, error=BUDGET)
                result = await self._request(current, method, timeout, max_bytes)
                if method == "HEAD" and result.status in (405, 501):
                    # Not an overloaded server (no backoff): one that does not do HEAD.
                    self.no_head.add(self.key(current))
                    await self.politeness.pace(self.key(current))
                    result = await self._request(current, method, timeout, max_bytes)
            self.record(current, result.status, result.headers.get("retry-after"))
            if result.error == "refused_address":
                self.refused.append({"url": current, "reason": result.detail})
            location = result.headers.get("location")
            if result.status in REDIRECTS and location:
                redirects.append(current)
                current = urljoin(current, location)
                continue
            result.url, result.redirects = url, redirects
            return result
        return HttpResult(url, current, None, redirects=redirects, error="too_many_redirects")

    async def _request(self, url: str, method: str, timeout: float, max_bytes: int) -> HttpResult:
        if method == "HEAD" and self.key(url) in self.no_head:
            method, max_bytes = "GET", 1
        limit = max(1, min(max_bytes, self.max_bytes - self.read_bytes))
        self.requests += 1
        result = await asyncio.to_thread(
            fetch_hop, url, self.guard, method=method, timeout=timeout, max_bytes=limit
        )
        self.read_bytes += len(result.body)
        return result

    def _spent(self, method: str) -> bool:
        """The site's time is over, or (for a request with a body) its bytes are."""
        spent = time.monotonic() > self.deadline or (
            method != "HEAD" and self.read_bytes >= self.max_bytes
        )
        self.budget_cut = self.budget_cut or spent
        return spent

    async def connect(self, url: str, call: Callable[..., T], *args) -> T:
        """Run a blocking exchange with `url`'s host (the TLS handshake) in its slot."""
        async with self._turn(url, None):
            self.requests += 1
            return await asyncio.to_thread(call, *args)

    @asynccontextmanager
    async def _turn(self, url: str, held: str | None):
        key = self.key(url)
        if held is not None and self.key(held) == key:
            await self.politeness.pace(key)
            yield
        else:
            async with self.politeness.slot(key):
                yield
