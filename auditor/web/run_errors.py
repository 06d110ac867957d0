"""A probe run's last error, said in Polish for the organiser.

`ProbeRun.error` holds what the worker saw: an exception (`TimeoutError: …`), a browser
message from Playwright, or a probe's own (Polish) failure detail. The organiser needs to know
what went wrong on our side and what to check; the raw text stays visible beside it.
"""

from __future__ import annotations

from probes.website.failures import OUR_BROWSER_ERRORS

# (needle, Polish explanation), first match wins; needles are matched case-insensitively.
_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    *(
        (needle, "Przeglądarka audytora przestała działać w trakcie badania.")
        for needle in OUR_BROWSER_ERRORS
    ),
    ("przeglądarka zakończyła pracę", "Przeglądarka audytora przestała działać w trakcie badania."),
    (
        "kontrola nie powiodła się",
        "Sieć audytora nie działała: nie odpowiedziała też strona kontrolna.",
    ),
    ("zapytanie nieprzyjęte", "Nasz serwer poczty nie przyjął zapytania do wysłania."),
    ("nie udało się zaplanować zapytania", "Nie udało się zaplanować zapytania e-mail."),
    ("nieznana sonda", "Wykonawca nie zna tej sondy (błąd konfiguracji audytora)."),
    ("SMTP", "Błąd serwera poczty audytora."),
    ("TimeoutError", "Przekroczono czas oczekiwania po naszej stronie."),
    ("ConnectionRefusedError", "Usługa audytora odmówiła połączenia (czy działa?)."),
    ("ConnectionError", "Błąd połączenia po naszej stronie."),
    ("OSError", "Błąd systemu lub sieci po naszej stronie."),
    ("MemoryError", "Zabrakło pamięci na maszynie audytora."),
    ("OperationalError", "Błąd bazy danych audytora."),
    ("lease", "Wykonawca utracił dzierżawę (zatrzymany lub zbyt wolny)."),
)


def explain_error(error: str) -> str:
    """A Polish sentence for the organiser; the raw text is shown separately."""
    text = (error or "").strip()
    if not text:
        return "Brak opisu błędu."
    lowered = text.lower()
    for needle, explanation in _EXPLANATIONS:
        if needle.lower() in lowered:
            return explanation
    return "Błąd po naszej stronie (szczegóły techniczne obok)."
