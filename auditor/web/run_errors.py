"""A probe run's last error, said in Polish for the organiser.

`ProbeRun.error_kind` names the failure (probes.failures.FAILURE_KINDS, the one catalogue the
probes raise and the scheduler records); its explanation is the catalogue's. Rows written
before runs stored their kind have only the raw text (`ProbeRun.error`): for them, and for an
unknown kind, the text is matched against a few fragments. The raw text stays visible beside.
"""

from __future__ import annotations

import builtins

from probes.failures import FAILURE_KINDS, explanation, kind_of_exception_type

# What the browser client said when the browser or a tab died, before errors were typed
# (probes.website.cdp.BrowserGone): legacy rows only.
_LEGACY_BROWSER_GONE = (
    "Target page, context or browser has been closed",
    "Target closed",
    "Browser has been closed",
    "browser has disconnected",
    "Connection closed",
    "Browser closed",
    "Target crashed",
)
# Legacy rows: (needle, failure kind), first match wins; needles are matched case-insensitively.
_LEGACY_NEEDLES: tuple[tuple[str, str], ...] = (
    *((needle, "browser_crash") for needle in _LEGACY_BROWSER_GONE),
    ("przeglądarka zakończyła pracę", "browser_crash"),
    ("kontrola nie powiodła się", "our_network"),
    ("zapytania nieprzyjęte", "enquiries_not_accepted"),
    ("zapytanie nieprzyjęte", "enquiries_not_accepted"),
    ("nie udało się zaplanować zapyta", "enquiries_not_planned"),
    ("nieznana sonda", "unknown_probe"),
    ("SMTP", "our_mail_server"),
    ("lease", "lease_lost"),
)


def legacy_kind(text: str) -> str:
    """The kind of a run recorded before kinds were stored, guessed from its text."""
    lowered = text.lower()
    for needle, kind in _LEGACY_NEEDLES:
        if needle.lower() in lowered:
            return kind
    # "TimeoutError: …": the exception's name leads the text the worker recorded.
    name = text.split(":", 1)[0].strip()
    error_type = getattr(builtins, name, None)
    if isinstance(error_type, type) and issubclass(error_type, BaseException):
        return kind_of_exception_type([cls.__name__ for cls in error_type.__mro__])
    return kind_of_exception_type([name])


def explain_error(error: str, kind: str = "") -> str:
    """A Polish sentence for the organiser; the raw text is shown separately."""
    if kind not in FAILURE_KINDS:
        text = (error or "").strip()
        if not text:
            return "Brak opisu błędu."
        kind = legacy_kind(text)
    return explanation(kind) or ""
