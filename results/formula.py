"""Text that a spreadsheet would run as a formula (CWE-1236).

CSV and XLSX exports put an apostrophe before a cell starting with =, +, -, @, a tab or a
carriage return (OWASP's advice); JSON keeps the exact text; importing our own CSV again
takes the apostrophe off, so a round trip changes nothing.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in FORMULA_PREFIXES:
        return "'" + value
    return value


def unquote_formula(text: str) -> str:
    if text[:1] == "'" and text[1:2] in FORMULA_PREFIXES:
        return text[1:]
    return text
