"""A lease held in the database: one holder at a time, across processes and machines.

One row per name (`results.Lease`). Taking it is one conditional UPDATE ("free or expired →
mine"), which is atomic on SQLite and on PostgreSQL alike: no file lock (which cannot hold
across machines), no Redis. The holder renews it while it works; a crashed holder's lease
expires after `ttl` (at once if the holder was a process of this machine that is gone). Expiry compares the machines' clocks, so `ttl` is kept far above any
NTP skew (minutes, not seconds).
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from results.email_models import Lease


class LeaseBusy(Exception):
    """Another holder has the lease (message in Polish)."""


@dataclass(frozen=True)
class Held:
    name: str
    token: str
    ttl: timedelta

    def renew(self) -> bool:
        """Extend the lease; False if it was lost (expired and taken by another holder)."""
        until = timezone.now() + self.ttl
        return Lease.objects.filter(name=self.name, holder=self.token).update(expires_at=until) == 1


def _dead_here(holder: str) -> bool:
    """A holder on this machine whose process is gone (crashed): no need to wait for expiry."""
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _try_take(name: str, token: str, ttl: timedelta) -> bool:
    now = timezone.now()
    free = Q(holder="") | Q(expires_at__isnull=True) | Q(expires_at__lt=now)
    current = Lease.objects.filter(name=name).values_list("holder", flat=True).first() or ""
    if current and _dead_here(current):
        free |= Q(holder=current)
    return Lease.objects.filter(free, name=name).update(holder=token, expires_at=now + ttl) == 1


@contextmanager
def held(
    name: str, *, ttl: timedelta = timedelta(minutes=5), wait: float = 0.0, poll: float = 0.2
) -> Iterator[Held]:
    """Hold the lease `name` for the block; wait up to `wait` seconds for it, else LeaseBusy."""
    token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
    Lease.objects.get_or_create(name=name)  # handles two creators racing (unique name)
    deadline = time.monotonic() + wait
    while not _try_take(name, token, ttl):
        if time.monotonic() >= deadline:
            holder = Lease.objects.filter(name=name).values_list("holder", flat=True).first()
            raise LeaseBusy(f"blokada {name!r} jest zajęta (posiadacz: {holder or '?'})")
        time.sleep(poll)
    try:
        yield Held(name, token, ttl)
    finally:
        Lease.objects.filter(name=name, holder=token).update(holder="", expires_at=None)
