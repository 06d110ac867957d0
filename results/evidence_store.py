"""The content-addressed evidence store.

Each blob is kept once under `<data dir>/evidence/sha256/ab/cd/<sha256>`, named by the
SHA-256 of its content, with a database row (media type, size, producer, time). Because the
name is the hash, any change to a file on disk shows: `verify()` re-hashes every blob.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

CHUNK = 1 << 20


@dataclass
class VerifyReport:
    checked: int = 0
    altered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.altered and not self.missing


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class EvidenceStore:
    """Blobs on disk plus their records in the database. Implements probes' BlobSink."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else settings.AUDITOR.evidence_dir

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 digest: {sha256!r}")
        return self.root / "sha256" / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes, media_type: str, producer: str) -> str:
        """Store `data` once and return its SHA-256; adding it again changes nothing."""
        from results.models import EvidenceBlob

        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write beside the target and rename, so a crash never leaves half a blob
            # under a valid name.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, 0o444)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        EvidenceBlob.objects.get_or_create(
            sha256=sha256,
            defaults={"media_type": media_type, "size": len(data), "producer": producer},
        )
        return sha256

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def open(self, sha256: str):
        return self.path(sha256).open("rb")

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def verify(self, progress=None) -> VerifyReport:
        """Re-hash every recorded blob; report those altered on disk or missing."""
        report = VerifyReport()
        for sha256 in self._recorded():
            report.checked += 1
            path = self.path(sha256)
            if not path.exists():
                report.missing.append(sha256)
            elif _hash_file(path) != sha256:
                report.altered.append(sha256)
            if progress is not None:
                progress(report.checked)
        return report

    def _recorded(self) -> Iterator[str]:
        from results.models import EvidenceBlob

        yield from (
            EvidenceBlob.objects.order_by("sha256").values_list("sha256", flat=True).iterator()
        )


class ThreadedSink:
    """The evidence store for probes that run in an event loop.

    Django's ORM refuses to run inside an async context, so every put goes to one worker
    thread (with its own database connection). Close it when the probe is done.
    """

    def __init__(self, store: EvidenceStore) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evidence")

    def put(self, data: bytes, media_type: str, producer: str) -> str:
        return self._pool.submit(self.store.put, data, media_type, producer).result()

    def close(self) -> None:
        from django.db import connection

        # The worker thread's connection is closed on that thread.
        self._pool.submit(lambda: connection.close()).result()
        self._pool.shutdown(wait=True)

    def __enter__(self) -> ThreadedSink:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
