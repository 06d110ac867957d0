"""Hydrating artifacts: adding the page bodies and axe results that rubrics judge.

Artifacts point at blobs by SHA-256 (docs/artifacts.md); rubrics never read the disk, so
the scoring layer adds, for each website page, `html` and `text` (decoded strings) and
`axe` (the parsed axe-core result, or None). A blob that is missing from the store leaves
the field None: the rubric then reports the criterion as not measured, never as failed.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Protocol


class BlobReader(Protocol):
    def read(self, sha256: str) -> bytes: ...

    def exists(self, sha256: str) -> bool: ...


def _text(store: BlobReader, sha256: str | None) -> str | None:
    if not sha256 or not store.exists(sha256):
        return None
    # Probes store decoded pages as UTF-8; a stray byte must not stop the scoring.
    return store.read(sha256).decode("utf-8", errors="replace")


def _json(store: BlobReader, sha256: str | None) -> Any:
    raw = _text(store, sha256)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return None


def load_artifact(store: BlobReader, sha256: str) -> dict[str, Any]:
    """The artifact stored as a JSON blob."""
    return json.loads(store.read(sha256).decode("utf-8"))


def hydrate_website(artifact: dict[str, Any], store: BlobReader) -> dict[str, Any]:
    """A copy of a website artifact with `html`, `text` and `axe` on every page."""
    hydrated = copy.deepcopy(artifact)
    for page in hydrated.get("pages") or []:
        page["html"] = _text(store, page.get("html_blob"))
        page["text"] = _text(store, page.get("text_blob"))
        page["axe"] = _json(store, page.get("axe_blob"))
    return hydrated


def hydrate_email(artifact: dict[str, Any], store: BlobReader) -> dict[str, Any]:
    """E-mail artifacts carry their texts inline already; a copy keeps callers' data safe."""
    return copy.deepcopy(artifact)
