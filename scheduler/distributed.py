"""The distributed executor: probe runs as Dramatiq messages on Redis.

`auditor worker` processes on any number of machines consume the "probes" queue. A
message names only a probe-run id; the run's claim (scheduler.execute) makes delivering it
twice harmless. Politeness holds across the cluster: a Redis-backed concurrency limiter
keyed by host lets one probe at a time reach a host. The coordinator (`auditor sweep run`)
re-sends runs whose lease lapsed (a worker died) or whose backoff ended, until the sweep
is complete.
"""

from __future__ import annotations

import dramatiq
from django.conf import settings
from dramatiq.brokers.redis import RedisBroker
from dramatiq.rate_limits import ConcurrentRateLimiter
from dramatiq.rate_limits.backends import RedisBackend

QUEUE = "probes"
PROBE_TIME_LIMIT_MS = settings.AUDITOR.probe_time_limit_s * 1000
_configured: RedisBroker | None = None


def configure(url: str) -> RedisBroker:
    """Set Dramatiq's broker to Redis at `url` (once per process)."""
    global _configured
    if _configured is None:
        # Messages of a worker that stops heart-beating (killed) return to the queue after this.
        heartbeat_ms = settings.AUDITOR.worker_heartbeat_ms
        _configured = RedisBroker(
            url=url, heartbeat_timeout=heartbeat_ms, dead_message_ttl=7 * 86400 * 1000
        )
        dramatiq.set_broker(_configured)
    return _configured


def limiter_for(host: str) -> ConcurrentRateLimiter:
    assert _configured is not None
    backend = RedisBackend(client=_configured.client)
    # The slot expires on its own if its holder is killed: a dead worker must not keep a host
    # closed for long. A probe outliving it only lets a second probe onto a shared host.
    ttl_ms = settings.AUDITOR.host_slot_ttl_s * 1000
    return ConcurrentRateLimiter(backend, f"host:{host}", limit=1, ttl=ttl_ms)
