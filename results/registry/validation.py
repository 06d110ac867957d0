"""Validating one registry row into participant data, with every error named in Polish."""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from email_validator import EmailNotValidError, validate_email

from results.formula import unquote_formula
from results.registry.checksums import nip_is_valid, regon_is_valid
from results.registry.readers import (
    LEGAL_STATUS_FIELDS,
    SourceRow,
    has_foreign_bytes,
    repair_foreign_bytes,
)
from results.registry.text import slug
from rubrics.kinds import KINDS, SUBKIND_LABELS, subkinds_of

REGIONS = {
    "dolnoslaskie",
    "kujawsko_pomorskie",
    "lubelskie",
    "lubuskie",
    "lodzkie",
    "malopolskie",
    "mazowieckie",
    "opolskie",
    "podkarpackie",
    "podlaskie",
    "pomorskie",
    "slaskie",
    "swietokrzyskie",
    "warminsko_mazurskie",
    "wielkopolskie",
    "zachodniopomorskie",
}

KIND_ALIASES: dict[str, str] = {slug(k.code): k.code for k in KINDS}
KIND_ALIASES.update({slug(k.label): k.code for k in KINDS})
KIND_ALIASES.update(
    {
        "gmina_miejsko_wiejska": "gmina_miejsko_wiejska",
        "miasto": "gmina_miejska",
        "mnpp": "miasto_na_prawach_powiatu",
        "starostwo_powiatowe": "powiat",
        "urzad": "urzad",
        "instytucja_publiczna": "urzad",
        "wojewodztwo": "samorzad_wojewodztwa",
        "spolka": "spolka_komunalna",
        "spoldzielnia": "spoldzielnia_mieszkaniowa",
        "wspolnota": "wspolnota_mieszkaniowa",
        "inny": "inna",
        "inne": "inna",
    }
)

SUBKIND_ALIASES: dict[str, str] = {slug(code): code for code in SUBKIND_LABELS}
SUBKIND_ALIASES.update({slug(label): code for code, label in SUBKIND_LABELS.items()})
SUBKIND_ALIASES.update(
    {
        "us": "urzad_skarbowy",
        "urzad_pracy": "pup",
        "mops": "ops",
        "gops": "ops",
        "miejski_osrodek_pomocy_spolecznej": "ops",
        "wod_kan": "wodociagi",
        "wodkan": "wodociagi",
        "mpk": "transport",
        "komunikacja": "transport",
        "cieplo": "cieplownictwo",
        "mpec": "cieplownictwo",
        "pec": "cieplownictwo",
        "tbs": "mieszkaniowa",
        "zgm": "mieszkaniowa",
        "inna": "inne",
        "inny": "inne",
    }
)

_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_EMAIL_SPLIT = re.compile(r"[;,\s]+")
_DIGITS_ONLY = re.compile(r"[\s\-]")


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    reason: str


@dataclass(frozen=True)
class ParticipantData:
    """A validated registry row, ready to store."""

    name: str
    kind: str
    employees: int
    website: str
    emails: tuple[str, ...]
    region: str
    nip: str = ""
    regon: str = ""
    teryt: str = ""
    contact: str = ""
    subkind: str = ""  # rubrics.kinds.SUBKINDS of the kind; empty: not stated
    public_body: bool | None = None  # None: not known
    online_consumer_services: bool | None = None
    # Legal-status columns absent from the file: importing keeps the registry's values.
    absent: tuple[str, ...] = ()

    @property
    def identity_key(self) -> str:
        return identity_key(self.nip, self.regon, self.website)

    def model_fields(self) -> dict[str, Any]:
        fields = asdict(self)
        fields["emails"] = list(self.emails)
        for name in fields.pop("absent"):
            fields.pop(name)
        return fields


def identity_key(nip: str, regon: str, website: str) -> str:
    """NIP, else REGON, else the website's host (without "www.")."""
    if nip:
        return f"nip:{nip}"
    if regon:
        return f"regon:{regon}"
    return f"host:{website_host(website)}"


def website_host(url: str) -> str:
    netloc = urlsplit(url).netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unquote_formula(str(value).replace("\u00a0", " ").strip())


def normalise_url(raw: str, allow_private: bool = True) -> str:
    """A participant's website as an absolute http(s) URL; raises ValueError in Polish.

    IP literals are written canonically (IPv6 in brackets; legacy IPv4 forms such as
    0177.0.0.1 or 127.1 as dotted quads, as a browser reads them). Unless `allow_private`,
    loopback, private, link-local, metadata and other non-public addresses and internal
    names are refused: the probe's guard would refuse them anyway, and an organiser should
    learn it at import, not after a sweep."""
    value = raw.strip()
    if not value:
        raise ValueError("brak adresu strony")
    if any(ch.isspace() for ch in value):
        raise ValueError("adres zawiera spacje")
    if "://" not in value:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) and not re.match(r"^[^:/]+:\d", value):
            raise ValueError("nieobsługiwany protokół (dozwolone http i https)")
        value = "https://" + value
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError("nieobsługiwany protokół (dozwolone http i https)")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError("brak nazwy hosta")
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError("nieprawidłowy numer portu") from exc
    address = _ip_literal(host)
    if address is not None:
        ascii_host = f"[{address.compressed}]" if address.version == 6 else str(address)
    else:
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise ValueError("nieprawidłowa nazwa domeny") from exc
        labels = ascii_host.split(".")
        if len(labels) < 2 or not all(_HOST_LABEL.match(lb) for lb in labels):
            raise ValueError("nieprawidłowa nazwa domeny")
    if not allow_private:
        if address is not None and not is_public_address(address):
            raise ValueError(
                f"adres {address.compressed} jest prywatny, lokalny lub zastrzeżony "
                "(strona uczestnika musi być publiczna)"
            )
        if address is None and ascii_host.rsplit(".", 1)[-1] in _INTERNAL_SUFFIXES:
            raise ValueError(f"nazwa {ascii_host} należy do sieci wewnętrznej, nie do internetu")
    default_port = {"http": 80, "https": 443}[scheme]
    netloc = ascii_host if port in (None, default_port) else f"{ascii_host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """An address a participant's public website may have: the probes' guard refuses
    every other (probes.netguard.is_forbidden_address; a test keeps the two in step, and
    results does not import probes)."""
    return address.is_global and not address.is_multicast


# Top-level names that never reach the public internet (RFC 6761, RFC 6762, common intranets).
_INTERNAL_SUFFIXES = frozenset(
    {"localhost", "local", "internal", "intranet", "lan", "home", "corp"}
)
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a browser would read from this host, or None for a name. Every form a
    URL parser accepts counts: 127.1, 0177.0.0.1, 0x7f000001, 2130706433, [::1]."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError as exc:
            raise ValueError("nieprawidłowy adres IPv6") from exc
    labels = host.split(".")
    if not all(_NUMERIC_LABEL.match(label) for label in labels):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError as exc:
        raise ValueError("nieprawidłowy adres IP") from exc


def _parse_employees(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("liczba pracowników musi być liczbą całkowitą")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError("liczba pracowników musi być liczbą całkowitą")
        number = int(value)
    else:
        text = _text(value).replace(" ", "")
        if not text:
            raise ValueError("brak liczby pracowników")
        if not re.fullmatch(r"[-+]?\d+", text):
            raise ValueError(f"„{text}” nie jest liczbą całkowitą")
        number = int(text)
    if number < 0:
        raise ValueError("liczba pracowników nie może być ujemna")
    return number


_YES = {"tak", "t", "true", "1", "yes", "y", "prawda"}
_NO = {"nie", "n", "false", "0", "no", "falsz"}


def parse_yes_no(value: Any) -> bool | None:
    """tak/nie (also true/false, 1/0, yes/no); empty: not known (None)."""
    if value is None or isinstance(value, bool):
        return value
    text = slug(_text(value))
    if not text or text in ("nieznane", "nie_wiadomo", "brak_danych"):
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"„{_text(value)}” to nie „tak” ani „nie” (puste pole: nie wiadomo)")


def parse_subkind(value: Any, kind: str | None) -> str:
    """A sub-kind code allowed for `kind` (aliases such as MOPS, MPK, TBS accepted); empty: none."""
    text = slug(_text(value))
    if not text:
        return ""
    code = SUBKIND_ALIASES.get(text)
    allowed = subkinds_of(kind or "")
    if code is None or (kind and code not in allowed):
        hint = ", ".join(allowed) if allowed else "ten rodzaj nie ma podrodzajów, zostaw puste"
        raise ValueError(f"nieznany podrodzaj „{_text(value)}” dla tego rodzaju ({hint})")
    return code


def _parse_emails(value: Any, allow_test_domains: bool) -> tuple[str, ...]:
    items = value if isinstance(value, list) else _EMAIL_SPLIT.split(_text(value))
    addresses: list[str] = []
    for item in items:
        item = _text(item)
        if not item:
            continue
        try:
            checked = validate_email(
                item, check_deliverability=False, test_environment=allow_test_domains
            )
        except EmailNotValidError as exc:
            hint = "brak znaku @" if "@" not in item else "niepoprawna składnia lub domena"
            raise ValueError(f"nieprawidłowy adres e-mail „{item}” ({hint})") from exc
        if checked.normalized.lower() not in addresses:
            addresses.append(checked.normalized.lower())
    if not addresses:
        raise ValueError("brak adresu e-mail")
    return tuple(addresses)


def _parse_region(value: Any) -> str:
    text = slug(_text(value))
    text = re.sub(r"^(wojewodztwo|woj)_", "", text)
    if not text:
        raise ValueError("brak województwa")
    if text not in REGIONS:
        raise ValueError(f"nieznane województwo „{_text(value)}”")
    return text.replace("_", "-")


def _parse_kind(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError("brak rodzaju uczestnika")
    code = KIND_ALIASES.get(slug(text))
    if code is None:
        raise ValueError(
            f"nieznany rodzaj „{text}” (np. gmina_wiejska, powiat, spolka_komunalna, "
            "spoldzielnia_mieszkaniowa, wspolnota_mieszkaniowa)"
        )
    return code


def _parse_nip(value: Any) -> str:
    text = _DIGITS_ONLY.sub("", _text(value)).upper().removeprefix("PL")
    if not text:
        return ""
    if not nip_is_valid(text):
        raise ValueError(f"nieprawidłowy NIP „{_text(value)}” (błędna cyfra kontrolna lub długość)")
    return text


def _parse_regon(value: Any) -> str:
    text = _DIGITS_ONLY.sub("", _text(value))
    if not text:
        return ""
    if text.isdigit() and len(text) < 9:
        text = text.zfill(9)  # a spreadsheet drops leading zeros of a number
    elif text.isdigit() and 9 < len(text) < 14:
        text = text.zfill(14)
    if not regon_is_valid(text):
        raise ValueError(
            f"nieprawidłowy REGON „{_text(value)}” (błędna cyfra kontrolna lub długość)"
        )
    return text


def _parse_teryt(value: Any) -> str:
    text = _DIGITS_ONLY.sub("", _text(value))
    if text and (not text.isdigit() or len(text) not in (2, 4, 6, 7)):
        raise ValueError(f"nieprawidłowy kod TERYT „{_text(value)}” (2, 4, 6 lub 7 cyfr)")
    return text


def validate_row(
    row: SourceRow, allow_test_domains: bool = False
) -> tuple[ParticipantData | None, list[RowError], str | None]:
    """Validate one row: the data (or None), every error found, and its identity key if known."""
    if "__invalid__" in row.values:
        return None, [RowError(row.line, "wiersz", "wpis nie jest zbiorem pól")], None
    if "__broken__" in row.values:
        return None, [RowError(row.line, "wiersz", row.values["__broken__"])], None
    values = row.values
    errors: list[RowError] = []
    for field_name, value in values.items():
        if isinstance(value, str) and has_foreign_bytes(value):
            errors.append(
                RowError(
                    row.line,
                    field_name,
                    f"tekst „{repair_foreign_bytes(value)}” nie jest zapisany w UTF-8 jak reszta pliku "
                    "(prawdopodobnie windows-1250); zapisz cały plik w jednym kodowaniu",
                )
            )
    if errors:
        return None, errors, None
    parsed: dict[str, Any] = {}

    def check(field: str, parse) -> None:
        try:
            parsed[field] = parse(values.get(field))
        except ValueError as exc:
            errors.append(RowError(row.line, field, str(exc)))

    name = _text(values.get("name"))
    if not name:
        errors.append(RowError(row.line, "name", "brak nazwy"))
    parsed["name"] = name
    check("kind", _parse_kind)
    check("employees", _parse_employees)
    check("website", lambda v: normalise_url(_text(v), allow_private=allow_test_domains))
    check("emails", lambda v: _parse_emails(v, allow_test_domains))
    check("region", _parse_region)
    check("nip", _parse_nip)
    check("regon", _parse_regon)
    check("teryt", _parse_teryt)
    parsed["contact"] = _text(values.get("contact"))
    for field_name in LEGAL_STATUS_FIELDS:
        check(field_name, parse_yes_no)
    check("subkind", lambda v: parse_subkind(v, parsed.get("kind")))
    parsed["absent"] = tuple(f for f in (*LEGAL_STATUS_FIELDS, "subkind") if f not in values)

    key = None
    if (
        "nip" in parsed
        and "regon" in parsed
        and ("website" in parsed or parsed["nip"] or parsed["regon"])
    ):
        key = identity_key(parsed["nip"], parsed["regon"], parsed.get("website", ""))
    if errors:
        return None, errors, key
    return ParticipantData(**parsed), [], key
