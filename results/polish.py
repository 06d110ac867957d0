"""Polish words for everything the pages show that is stored in code form.

- evidence keys and kinds (a criterion's proof) with Polish labels; the technical ones (hashes,
  selectors, mailbox numbers, SMTP answers) go to a "Szczegóły techniczne" fold;
- values made readable: yes/no, shares as per cent, decimal comma, ISO times as local
  (Europe/Warsaw) time, failure codes (`pdf_home`, `http_5xx`) as sentences;
- Polish plural forms (1 problem, 2 problemy, 5 problemów);
- audit-log actions as readable text.

Pure functions over plain data, used by the views, the template filters (`polish` library) and
the participant report.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.utils import formats, timezone

from probes.failures import FAILURE_KINDS

# --- plural forms -------------------------------------------------------------------------


def plural_form(n: int | float, one: str, few: str, many: str) -> str:
    """The Polish form for n: 1 → one; 2–4, 22–24, … (not 12–14) → few; others → many.
    (A fraction takes a fourth form, "2,5 punktu"; the pages count only whole things.)"""
    if isinstance(n, float) and not n.is_integer():
        return many
    n = abs(int(n))
    if n == 1:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def plural(n: int | float, forms: str) -> str:
    """`plural(5, "problem,problemy,problemów")` → "5 problemów"."""
    one, few, many = (forms.split(",") + ["", "", ""])[:3]
    return f"{number(n)} {plural_form(n, one, few, many)}"


# --- numbers and times --------------------------------------------------------------------


def number(value: Any, decimals: int | None = None) -> str:
    """A number with the Polish decimal comma (and a thin grouping space for thousands)."""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=abs(value) >= 10000)
    if isinstance(value, float):
        if decimals is None:
            decimals = 0 if value.is_integer() else min(3, len(repr(value).split(".")[-1]))
        return formats.number_format(round(value, decimals), decimals, use_l10n=True)
    return str(value)


def percent(share: float) -> str:
    return f"{number(round(100 * share, 1), 1)}%"


_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_iso(value: str) -> datetime | None:
    if not isinstance(value, str) or not _ISO_TIME.match(value.strip()):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.utc)
    return parsed


def local_time(value: datetime | str | None, seconds: bool = False) -> str:
    """A moment in Polish local time (Europe/Warsaw), "2027-03-02 13:40"."""
    if isinstance(value, str):
        parsed = parse_iso(value)
        if parsed is None:
            return value
        value = parsed
    if value is None:
        return "—"
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


# --- statuses -----------------------------------------------------------------------------

STATUS_WORDS = {
    "pass": "spełnione",
    "partial": "częściowo",
    "fail": "niespełnione",
    "not_applicable": "nie dotyczy",
    "not_measured": "niezmierzone",
    "ok": "zbadano",
    "site_failure": "awaria strony uczestnika",
}


BOUNCE_ACTIONS = {
    "failed": "niedoręczona",
    "delayed": "opóźniona",
    "delivered": "doręczona",
    "relayed": "przekazana dalej",
    "expanded": "rozesłana dalej",
}


def status_word(code: Any) -> str:
    if code in (None, ""):
        return "—"
    return STATUS_WORDS.get(str(code), str(code))


def failure_sentence(kind: Any) -> str:
    """`pdf_home` → "Strona główna jest plikiem PDF, nie stroną WWW."."""
    known = FAILURE_KINDS.get(str(kind or ""))
    return known.explanation if known else str(kind)


# --- evidence -----------------------------------------------------------------------------

EVIDENCE_TYPE_LABELS = {
    "page": "podstrona",
    "pages_without": "podstrony bez wymaganego elementu",
    "pages_searched": "przeszukane podstrony",
    "message": "wiadomość od uczestnika",
    "enquiry": "nasze zapytanie",
    "followup": "doprecyzowanie persony (odpowiedź na prośbę urzędnika o szczegół)",
    "sitemap": "mapa strony",
    "site_failure": "awaria strony uczestnika",
    "site": "cała witryna",
    "search": "wyszukiwarka",
    "requests_before_consent": "połączenia przed zgodą na pliki cookie",
    "measurements": "pomiary",
    "document": "dokument",
    "dns": "rekordy DNS domeny",
    "broken_link": "niedziałający odnośnik",
    "axe_rule": "reguła dostępności (axe-core)",
}

# Shown to jurors with a Polish label.
EVIDENCE_LABELS = {
    "url": "adres",
    "snippet": "fragment",
    "depth": "liczba kliknięć od strony głównej",
    "signal": "co znaleziono",
    "what": "czego szukano",
    "enquiry_id": "zapytanie",
    "from": "od",
    "to": "do",
    "subject": "temat",
    "received_at": "otrzymano",
    "sent_at": "wysłano",
    "deadline_at": "termin odpowiedzi",
    "class": "rodzaj wiadomości",
    "state": "stan zapytania",
    "asked": "o co poprosił urzędnik",
    "followup_state": "stan doprecyzowania",
    "status": "kod odpowiedzi HTTP",
    "kind": "rodzaj",
    "detail": "opis",
    "failure": "awaria",
    "link_text": "tekst odnośnika",
    "links_checked": "sprawdzone odnośniki",
    "broken": "niedziałające odnośniki",
    "pages_searched": "przeszukane podstrony",
    "pages_measured": "zmierzone podstrony",
    "scroll_measured_pages": "podstrony zbadane pod kątem przewijania",
    "horizontal_scroll_pages": "podstrony z przewijaniem w poziomie",
    "has_text_layer": "warstwa tekstowa",
    "tagged": "znaczniki dostępności (PDF)",
    "tagged_share": "udział dokumentów ze znacznikami",
    "text_layer_share": "udział dokumentów z warstwą tekstową",
    "type_size_in_link_share": "udział odnośników z typem i rozmiarem pliku",
    "link_share": "udział podstron z odnośnikiem",
    "viewport_share": "udział podstron dopasowanych do telefonu",
    "zoom_blocked": "powiększanie zablokowane",
    "share": "udział",
    "pdfs": "dokumenty PDF",
    "scans": "skany bez tekstu",
    "statement_url": "adres deklaracji dostępności",
    "domain": "domena",
    "spf": "SPF (uprawnione serwery poczty)",
    "dkim": "DKIM (podpis poczty)",
    "dmarc": "DMARC (polityka poczty)",
    "sitemap": "mapa strony",
    "search": "wyszukiwarka",
    "overlay_scripts": "nakładki „dostępności”",
    "lcp_ms": "największe wyrenderowanie (ms)",
    "cls": "przesunięcia układu (CLS)",
    "requests": "połączenia",
    "rule": "reguła",
    "impact": "waga",
    "nodes": "elementy",
    "issues": "problemy",
    "pages": "podstrony",
    "shared": "wspólne dla podstron",
    "role": "rola",
    "at": "kiedy",
    "name": "nazwa",
    "title": "tytuł",
    "version": "wersja",
    "count": "liczba",
    "missing": "brakuje",
    "found": "znaleziono",
    "home_pl": "strona główna po polsku",
    "langs": "języki",
}

# Kept for the curious, folded under "Szczegóły techniczne".
TECHNICAL_LABELS = {
    "selector": "selektor CSS elementu",
    "message_id": "identyfikator wiadomości (Message-ID)",
    "raw_blob": "plik wiadomości (SHA-256)",
    "uid": "numer wiadomości w skrzynce (UID)",
    "smtp_response": "odpowiedź serwera poczty (SMTP)",
    "html_blob": "kopia strony (SHA-256)",
    "axe_blob": "wynik axe-core (SHA-256)",
    "sha256": "skrót SHA-256",
    "target": "selektor CSS elementu",
    "html": "kod HTML",
}

REPLY_CLASS_LABELS = {
    "A": "odpowiedź merytoryczna",
    "B": "odmowa lub wskazanie właściwego podmiotu",
    "C": "potwierdzenie z zapowiedzią odpowiedzi",
    "D": "odpowiedź automatyczna",
    "E": "wiadomość niezwiązana z pytaniem",
    "F": "zwrot (niedoręczenie)",
    "G": "wiadomość nierozpoznana",
    "H": "prośba o doprecyzowanie pytania",
}

ENQUIRY_STATE_WORDS = {
    "pending": "oczekuje na wysłanie",
    "sending": "w trakcie wysyłania",
    "uncertain": "niepewne wysłanie",
    "sent": "wysłano",
    "failed": "nie wysłano",
    "unanswered": "bez odpowiedzi",
    "answered": "z odpowiedzią",
}

_SHA = re.compile(r"^[0-9a-f]{40,64}$")


def evidence_value(key: str, value: Any, enquiry_numbers: dict[str, str] | None = None) -> str:
    """A proof's value said for people."""
    if key == "enquiry_id" and enquiry_numbers:
        return enquiry_numbers.get(str(value), f"zapytanie {value}")
    if key == "class" and isinstance(value, str):
        return REPLY_CLASS_LABELS.get(value, value)
    if key in ("state", "followup_state") and isinstance(value, str):
        return ENQUIRY_STATE_WORDS.get(value, value)
    if key in ("kind", "failure") and isinstance(value, str) and value in FAILURE_KINDS:
        return failure_sentence(value)
    if key.endswith("_share") or key == "share":
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
            return percent(value)
    if isinstance(value, bool | int | float):
        return number(value)
    if isinstance(value, str):
        if parse_iso(value) is not None:
            return local_time(value)
        return value
    if isinstance(value, list):
        return ", ".join(evidence_value(key, v, enquiry_numbers) for v in value)
    return str(value)


def evidence_label(key: str) -> tuple[str, bool]:
    """(Polish label, technical?) for an evidence key; an unknown key is technical."""
    if key in EVIDENCE_LABELS:
        return EVIDENCE_LABELS[key], False
    if key in TECHNICAL_LABELS:
        return TECHNICAL_LABELS[key], True
    return "inne dane", True


def is_technical_value(value: Any) -> bool:
    return isinstance(value, str) and bool(_SHA.match(value))


FIRST_KEYS = ("url", "snippet", "signal", "what", "depth", "enquiry_id", "received_at", "sent_at")
SKIPPED_KEYS = {"type", "path", "urls", "screenshot", "screenshot_desktop", "screenshot_mobile"}


def evidence_fields(item: dict[str, Any], numbers: dict[str, str] | None = None) -> dict[str, Any]:
    """One proof's kind and fields in Polish: {"type", "fields", "technical"}, each field
    {"label", "value", "pre"}; hashes, selectors, mailbox numbers and unknown keys are
    technical. Screenshots, click paths and URL lists are left to the caller."""
    kind = item.get("type", "")
    out: dict[str, Any] = {
        "type": EVIDENCE_TYPE_LABELS.get(kind, kind) if isinstance(kind, str) else "",
        "fields": [],
        "technical": [],
    }
    keys = [k for k in FIRST_KEYS if k in item] + sorted(k for k in item if k not in FIRST_KEYS)
    for key in keys:
        value = item[key]
        if key in SKIPPED_KEYS or value in (None, "", [], {}):
            continue
        if isinstance(value, dict) or (
            isinstance(value, list) and not all(isinstance(v, str | int | float) for v in value)
        ):
            continue
        label, technical = evidence_label(key)
        field = {
            "label": label,
            "value": evidence_value(key, value, numbers),
            "pre": key == "snippet",
        }
        if technical or is_technical_value(value):
            out["technical"].append(field)
        else:
            out["fields"].append(field)
    return out


# --- enquiries numbered per participant ---------------------------------------------------


def enquiry_numbers(enquiries: list[dict[str, Any]]) -> dict[str, str]:
    """{enquiry id: "zapytanie 1 z 2"} for one participant's enquiries, by sending time."""
    ordered = sorted(
        enquiries, key=lambda e: (str(e.get("sent_at") or "9999"), str(e.get("id") or ""))
    )
    total = len(ordered)
    return {
        str(e.get("id")): f"zapytanie {n} z {total}"
        for n, e in enumerate(ordered, start=1)
        if e.get("id") is not None
    }


def enquiry_numbers_from_evidence(evidence_lists: list[list[Any]]) -> dict[str, str]:
    """The same numbering from criteria's proofs alone (the enquiry proofs name id and time)."""
    seen: dict[str, dict[str, Any]] = {}
    for evidence in evidence_lists:
        for item in evidence or []:
            if isinstance(item, dict) and item.get("type") == "enquiry" and "enquiry_id" in item:
                seen.setdefault(
                    str(item["enquiry_id"]),
                    {"id": item["enquiry_id"], "sent_at": item.get("sent_at")},
                )
    return enquiry_numbers(list(seen.values()))


_ENQUIRY_IN_TEXT = re.compile(r"\b([Zz])apytanie (?:nr )?(\d+)\b")


def renumber_enquiries(text: str, numbers: dict[str, str]) -> str:
    """ "Zapytanie 14: …" in a stored explanation → "Zapytanie 2 z 2: …" (database ids are
    no one's business)."""
    if not numbers or not text:
        return text

    def swap(match: re.Match) -> str:
        found = numbers.get(match.group(2))
        if found is None:
            return match.group(0)
        return match.group(1) + found[1:]

    return _ENQUIRY_IN_TEXT.sub(swap, text)


# --- audit log ----------------------------------------------------------------------------

AUDIT_OBJECTS = {
    "participant": "uczestnik",
    "JurorAssessment": "ocena jurora",
    "Override": "korekta",
    "Sweep": "przebieg",
    "sweep": "przebieg",
    "Edition": "edycja",
    "edition": "edycja",
    "User": "konto",
    "user": "konto",
    "Certificate": "certyfikat",
    "certificate": "certyfikat",
    "Appeal": "odwołanie",
    "appeal": "odwołanie",
    "ScoreRun": "przeliczenie",
    "IncomingMessage": "wiadomość przychodząca",
    "Enquiry": "zapytanie",
    "Publication": "publikacja",
}

AUDIT_DETAIL_LABELS = {
    "edition": "edycja",
    "participant": "uczestnik",
    "participants": "uczestnicy",
    "criterion": "kryterium",
    "score": "wynik",
    "comment": "komentarz",
    "previous": "poprzednio",
    "status": "status",
    "reason": "uzasadnienie",
    "rule_id": "reguła axe",
    "target": "element",
    "page_url": "podstrona",
    "decision": "decyzja",
    "created": "nowy wpis",
    "before": "przed",
    "after": "po",
    "juror": "juror",
    "role": "rola",
    "rubric": "rubryka",
    "rubric_version": "rubryka",
    "only": "tylko",
    "runs": "sondy",
    "cancelled": "anulowane",
    "sweep": "przebieg",
}


def audit_object(code: str) -> str:
    return AUDIT_OBJECTS.get(code, code)


def audit_detail_label(key: str) -> str:
    return AUDIT_DETAIL_LABELS.get(key, key.replace("_", " "))


def audit_detail_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        if value in STATUS_WORDS:
            return STATUS_WORDS[value]
        return local_time(value) if parse_iso(value) is not None else value
    if isinstance(value, bool | int | float):
        return number(value)
    if isinstance(value, list):
        return ", ".join(audit_detail_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{audit_detail_label(k)}: {audit_detail_value(v)}" for k, v in value.items()
        )
    return str(value)
