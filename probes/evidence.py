"""The evidence types probes produce: the only thing of ours that probes import.

A probe writes blobs (HTML, screenshots, raw e-mails, axe results) through a `BlobSink`
and returns an artifact: plain JSON-serialisable data that points at its blobs by
SHA-256. Rubrics judge artifacts; they never see the network.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Protocol


class BlobSink(Protocol):
    """Where probes put evidence. Returns the blob's SHA-256 (hex)."""

    def put(self, data: bytes, media_type: str, producer: str) -> str: ...


class MemorySink:
    """A BlobSink kept in memory: for probes run without a database and for tests."""

    def __init__(self) -> None:
        self.blobs: dict[str, tuple[bytes, str, str]] = {}
        self._lock = threading.Lock()

    def put(self, data: bytes, media_type: str, producer: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            self.blobs.setdefault(digest, (data, media_type, producer))
        return digest

    def get(self, digest: str) -> bytes:
        return self.blobs[digest][0]
