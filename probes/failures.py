"""Whose failure is it? One vocabulary for probes, the scheduler and the pages.

The project's central fairness rule: a participant's failure (their site down, their address
bouncing) is evidence and is scored; our failure (our browser, our network, our mail server)
is retried, then reported as *not measured* and never scored. Every failure has a *kind*;
`FAILURE_KINDS` says for each whose it is, how to explain it to an organiser (Polish) and
whether another attempt may help. Probes raise `OurFailure(kind, detail)` and return
`TheirFailure(kind, detail)` in their artifact; the scheduler stores the kind
(`ProbeRun.error_kind`) and the sweep page explains it (`auditor.web.run_errors`).

Imports nothing of Django or of the other layers, so every layer may import it
(after Lighthouse's `core/lib/lh-error.js`: a catalogue of codes with messages and flags).
"""

from __future__ import annotations

from dataclasses import dataclass

# A probe run's outcome (artifact "outcome", ProbeRun.outcome).
OK = "ok"
SITE_FAILURE = "site_failure"  # theirs: evidence, scored
NOT_MEASURED = "not_measured"  # ours: retried, then never scored
OUTCOMES = (OK, SITE_FAILURE, NOT_MEASURED)


@dataclass(frozen=True)
class FailureKind:
    kind: str
    ours: bool
    explanation: str  # Polish, for organisers (ours) or jurors (theirs)
    retry: bool = True  # may another attempt help?


_BROWSER_GONE = "Przeglądarka audytora przestała działać w trakcie badania."

FAILURE_KINDS: dict[str, FailureKind] = {
    f.kind: f
    for f in (
        # ours: retried with backoff, then "not measured"
        FailureKind("browser_crash", True, _BROWSER_GONE),
        FailureKind(
            "our_network",
            True,
            "Sieć audytora nie działała: nie odpowiedziała też strona kontrolna.",
        ),
        FailureKind("our_proxy", True, "Pośrednik sieciowy audytora zawiódł."),
        FailureKind(
            "our_ipv6_route",
            True,
            "Strona ma tylko adresy IPv6, a sieć audytora nie ma trasy IPv6.",
            retry=False,
        ),
        FailureKind(
            "enquiries_not_accepted", True, "Nasz serwer poczty nie przyjął zapytania do wysłania."
        ),
        FailureKind("enquiries_not_planned", True, "Nie udało się zaplanować zapytania e-mail."),
        FailureKind("sender_busy", True, "Trwała inna wysyłka poczty audytora (blokada nadawcy)."),
        FailureKind(
            "unknown_probe",
            True,
            "Wykonawca nie zna tej sondy (błąd konfiguracji audytora).",
            retry=False,
        ),
        FailureKind("our_timeout", True, "Przekroczono czas oczekiwania po naszej stronie."),
        FailureKind(
            "our_service_refused", True, "Usługa audytora odmówiła połączenia (czy działa?)."
        ),
        FailureKind("our_connection", True, "Błąd połączenia po naszej stronie."),
        FailureKind("our_system", True, "Błąd systemu lub sieci po naszej stronie."),
        FailureKind("our_memory", True, "Zabrakło pamięci na maszynie audytora."),
        FailureKind("our_database", True, "Błąd bazy danych audytora."),
        FailureKind("our_mail_server", True, "Błąd serwera poczty audytora."),
        FailureKind("lease_lost", True, "Wykonawca utracił dzierżawę (zatrzymany lub zbyt wolny)."),
        FailureKind("our_error", True, "Błąd po naszej stronie (szczegóły techniczne obok)."),
        FailureKind(
            "cancelled", True, "Organizator anulował przebieg, zanim sonda ruszyła (nie zmierzono)."
        ),
        # theirs: evidence, scored (never retried by the scheduler)
        FailureKind("dns", False, "Nazwa domeny strony nie daje się rozwiązać (DNS).", False),
        FailureKind("refused", False, "Serwer strony odmówił połączenia.", False),
        FailureKind("reset", False, "Serwer strony zerwał połączenie.", False),
        FailureKind("timeout", False, "Strona nie odpowiedziała w wyznaczonym czasie.", False),
        FailureKind("tls", False, "Błąd certyfikatu lub szyfrowania (TLS) strony.", False),
        FailureKind("redirect_loop", False, "Strona przekierowuje w kółko.", False),
        FailureKind(
            "refused_address", False, "Adres strony prowadzi do sieci niedozwolonej.", False
        ),
        FailureKind("invalid_response", False, "Serwer strony odesłał błędną odpowiedź.", False),
        FailureKind("http_5xx", False, "Strona główna odpowiada błędem serwera (HTTP 5xx).", False),
        FailureKind("http_4xx", False, "Strona główna odpowiada błędem HTTP 4xx.", False),
        FailureKind("pdf_home", False, "Strona główna jest plikiem PDF, nie stroną WWW.", False),
        FailureKind("no_address", False, "Uczestnik nie podał adresu e-mail.", False),
        FailureKind("other", False, "Strona nie działa (inny błąd).", False),
    )
}

# Exception types a probe may let through, by name (probes import no Django), → kind.
_EXCEPTION_KINDS = (
    ("TimeoutError", "our_timeout"),
    ("ConnectionRefusedError", "our_service_refused"),
    ("ConnectionError", "our_connection"),
    ("MemoryError", "our_memory"),
    ("OperationalError", "our_database"),
    ("SMTPException", "our_mail_server"),
    ("OSError", "our_system"),
)


class OurFailure(Exception):
    """Our side failed (browser crash, our network, our mail server): retry, then "not
    measured". `kind` is a key of FAILURE_KINDS."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass
class TheirFailure:
    """The participant's failure: evidence in the artifact, scored."""

    kind: str
    detail: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "detail": self.detail, "ours": False}


def kind_of_exception(error: BaseException) -> str:
    """The failure kind of an exception a probe raised (any exception is ours)."""
    if isinstance(error, OurFailure):
        return error.kind
    return kind_of_exception_type([cls.__name__ for cls in type(error).__mro__])


def kind_of_exception_type(names: list[str]) -> str:
    """The kind for an exception type given by its class names (itself, then its bases)."""
    for name, kind in _EXCEPTION_KINDS:
        if name in names:
            return kind
    return "our_error"


def explanation(kind: str) -> str | None:
    """The Polish explanation of a failure kind, or None for a kind not in the catalogue."""
    known = FAILURE_KINDS.get(kind or "")
    return known.explanation if known else None


def failure_text(kind: str | None, detail: str | None = None) -> str:
    """One sentence for a failure: the catalogue's text of its kind (an unknown kind as
    is), the technical detail in brackets; ends with a full stop."""
    text = (explanation(kind or "") or kind or "brak odpowiedzi serwera").rstrip(".")
    return f"{text} ({detail})." if detail else f"{text}."


def may_retry(kind: str) -> bool:
    known = FAILURE_KINDS.get(kind or "")
    return known.retry if known else True
