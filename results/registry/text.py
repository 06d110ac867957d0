"""Text helpers for matching what people type: diacritics, case, spacing."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-/.]+")


def fold(value: str) -> str:
    """Lower-case ASCII with Polish letters folded ("Łódzkie" → "lodzkie")."""
    value = value.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def slug(value: str) -> str:
    """A header or label as a key: folded, separators as underscores ("Strona WWW" → "strona_www")."""
    return _SEPARATORS.sub("_", fold(value)).strip("_")
