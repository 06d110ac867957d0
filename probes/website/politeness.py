"""Per-host politeness: at most N requests in flight per host, a delay between them,
and backoff on 429 and 5xx that honours Retry-After (Scrapy's download slots, small)."""

from __future__ import annotations

import asyncio
import email.utils
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class HostSlot:
    semaphore: asyncio.Semaphore
    next_start: float = 0.0
    backoff: float = 0.0
    delay: float | None = None  # the host's own (its robots.txt Crawl-delay), else the default


@dataclass
class Politeness:
    """Slots per host. `delay` is the minimum gap between request starts on one host."""

    per_host: int = 2
    delay: float = 0.25
    max_backoff: float = 30.0
    _slots: dict[str, HostSlot] = field(default_factory=dict)

    def _slot(self, host: str) -> HostSlot:
        slot = self._slots.get(host)
        if slot is None:
            slot = self._slots[host] = HostSlot(asyncio.Semaphore(self.per_host))
        return slot

    @asynccontextmanager
    async def slot(self, host: str):
        """Hold one of the host's slots, waiting for its delay (and any backoff) first."""
        async with self._slot(host).semaphore:
            await self.pace(host)
            yield

    def slow_down(self, host: str, delay: float) -> None:
        """Space the host's starts by `delay` at least (its robots.txt Crawl-delay)."""
        slot = self._slot(host)
        slot.delay = max(self.delay, slot.delay or 0.0, delay)

    def delay_of(self, host: str) -> float:
        slot = self._slots.get(host)
        return slot.delay if slot is not None and slot.delay is not None else self.delay

    async def pace(self, host: str) -> None:
        """Wait for the host's next start (its delay and backoff) and take it; for a
        caller that holds one of the host's slots already."""
        slot = self._slot(host)
        now = asyncio.get_running_loop().time()
        start = max(now, slot.next_start)
        slot.next_start = start + self.delay_of(host) + slot.backoff
        if start > now:
            await asyncio.sleep(start - now)

    def record(self, host: str, status: int | None, retry_after: str | None = None) -> float:
        """Adapt the host's backoff to a response; returns the wait before a retry."""
        slot = self._slot(host)
        if status == 429 or (status is not None and status >= 500):
            told = retry_after_seconds(retry_after)
            slot.backoff = min(
                self.max_backoff, told if told is not None else max(1.0, slot.backoff * 2)
            )
            loop = asyncio.get_running_loop()
            slot.next_start = max(slot.next_start, loop.time() + slot.backoff)
            return slot.backoff
        # Never speed up faster than halving after errors (AutoThrottle's rule).
        slot.backoff = slot.backoff / 2 if slot.backoff > 0.05 else 0.0
        return 0.0
