"""Reading registry files (CSV, XLSX, YAML) into rows keyed by field, with line numbers.

Line numbers are what a spreadsheet user sees: the header is line 1, so the first
participant is line 2 (for CSV the record number, for XLSX the sheet row, for YAML the
line where the participant's entry starts).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from results.registry.text import slug

FIELDS = (
    "name",
    "kind",
    "employees",
    "website",
    "emails",
    "region",
    "nip",
    "regon",
    "teryt",
    "contact",
    "public_body",
    "online_consumer_services",
)
# Legal-status columns: when a file lacks the column, import keeps what the registry holds.
LEGAL_STATUS_FIELDS = ("public_body", "online_consumer_services")

HEADER_ALIASES: dict[str, str] = {
    "name": "name",
    "nazwa": "name",
    "nazwa_uczestnika": "name",
    "kind": "kind",
    "rodzaj": "kind",
    "typ": "kind",
    "employees": "employees",
    "liczba_pracownikow": "employees",
    "pracownicy": "employees",
    "zatrudnienie": "employees",
    "website": "website",
    "strona_www": "website",
    "strona": "website",
    "www": "website",
    "url": "website",
    "emails": "emails",
    "email": "emails",
    "e_mail": "emails",
    "adresy_email": "emails",
    "adres_email": "emails",
    "region": "region",
    "wojewodztwo": "region",
    "woj": "region",
    "nip": "nip",
    "regon": "regon",
    "teryt": "teryt",
    "kod_teryt": "teryt",
    "contact": "contact",
    "osoba_kontaktowa": "contact",
    "kontakt": "contact",
    "public_body": "public_body",
    "podmiot_publiczny": "public_body",
    "online_consumer_services": "online_consumer_services",
    "uslugi_online_dla_konsumentow": "online_consumer_services",
    "sprzedaz_uslug_konsumentom_online": "online_consumer_services",
    "uslugi_konsumenckie_online": "online_consumer_services",
}

# Polish letters that betray the code page of a legacy file.
_POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


class RegistryFileError(Exception):
    """The file as a whole cannot be read; the message is for people, in Polish."""


@dataclass
class SourceRow:
    line: int
    values: dict[str, Any]


@dataclass
class Table:
    rows: list[SourceRow]
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str | None = None


def read_registry(path: Path) -> Table:
    """Read a registry file of any supported format."""
    if not path.exists():
        raise RegistryFileError(f"Plik {path} nie istnieje.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path)
    if suffix in (".csv", ".txt", ""):
        return _read_csv(path.read_bytes())
    raise RegistryFileError(
        f"Nieobsługiwany format pliku {path.name}: dozwolone są CSV, XLSX i YAML."
    )


def decode_legacy_text(data: bytes) -> tuple[str, str]:
    """Decode a registry file: UTF-8 (with or without BOM), else a Polish code page.

    A file that is UTF-8 but has a few lines in windows-1250 (pasted from an old system)
    is decoded as UTF-8 with the odd bytes kept as surrogates, so those rows can be
    rejected with a clear reason instead of being silently garbled.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf8_lines = invalid_lines = 0
    for line in data.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            invalid_lines += 1
    if utf8_lines:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="surrogateescape"), "utf-8"
    best: tuple[int, str, str] | None = None
    for encoding in ("cp1250", "iso-8859-2"):
        text = data.decode(encoding, errors="replace")
        polish = sum(ch in _POLISH for ch in text)
        odd = sum(ch == "\ufffd" or "\x80" <= ch <= "\x9f" or ch in "±¶¼¦¬" for ch in text)
        score = polish - 5 * odd
        if best is None or score > best[0]:
            best = (score, text, encoding)
    assert best is not None
    return best[1], best[2]


def has_foreign_bytes(value: str) -> bool:
    """True when text holds bytes that were not UTF-8 (kept as surrogates on decoding)."""
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def repair_foreign_bytes(value: str) -> str:
    """Show such text as windows-1250 would, for the error message."""
    return value.encode("utf-8", errors="surrogateescape").decode("cp1250", errors="replace")


def _map_header(raw_header: list[Any]) -> tuple[list[str | None], list[str]]:
    mapped: list[str | None] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for cell in raw_header:
        name = "" if cell is None else str(cell)
        key = HEADER_ALIASES.get(slug(name))
        if key is None or key in seen:
            mapped.append(None)
            if name.strip():
                ignored.append(name.strip())
        else:
            mapped.append(key)
            seen.add(key)
    missing = [f for f in ("name", "kind", "website") if f not in seen]
    if missing:
        raise RegistryFileError(
            "W nagłówku brakuje kolumn: "
            + ", ".join(missing)
            + " (nagłówki angielskie lub polskie, np. nazwa, rodzaj, strona_www)."
        )
    return mapped, ignored


def _row_values(mapped: list[str | None], cells: list[Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, cell in zip(mapped, cells, strict=False):
        if key is not None:
            values[key] = cell
    return values


def _is_blank(cells: list[Any]) -> bool:
    return all(c is None or str(c).strip() == "" for c in cells)


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _read_csv(data: bytes) -> Table:
    text, encoding = decode_legacy_text(data)
    if not text.strip():
        raise RegistryFileError("Plik jest pusty.")
    delimiter = _sniff_delimiter(text.splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise RegistryFileError(f"Nie można odczytać pliku CSV: {exc}") from exc
    mapped, ignored = _map_header(records[0])
    rows = [
        SourceRow(line=index, values=_row_values(mapped, cells))
        for index, cells in enumerate(records[1:], start=2)
        if not _is_blank(cells)
    ]
    return Table(rows=rows, ignored_columns=ignored, encoding=encoding)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise RegistryFileError(f"Nie można otworzyć arkusza {path.name}: {exc}") from exc
    try:
        sheet = workbook.worksheets[0]
        iterator = sheet.iter_rows(values_only=True)
        header = next(iterator, None)
        if header is None:
            raise RegistryFileError("Arkusz jest pusty.")
        mapped, ignored = _map_header(list(header))
        rows = [
            SourceRow(line=index, values=_row_values(mapped, list(cells)))
            for index, cells in enumerate(iterator, start=2)
            if not _is_blank(list(cells))
        ]
    finally:
        workbook.close()
    return Table(rows=rows, ignored_columns=ignored, encoding=None)


def _read_yaml(path: Path) -> Table:
    text, encoding = decode_legacy_text(path.read_bytes())
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise RegistryFileError(f"Błąd składni YAML: {exc}") from exc
    finally:
        loader.dispose()
    items_node = node
    if isinstance(data, dict):
        key = next((k for k in ("participants", "uczestnicy") if k in data), None)
        if key is None:
            raise RegistryFileError(
                "Plik YAML powinien zawierać listę uczestników (klucz participants lub uczestnicy)."
            )
        data = data[key]
        items_node = next(v for k, v in node.value if k.value == key)
    if not isinstance(data, list):
        raise RegistryFileError("Plik YAML powinien zawierać listę uczestników.")
    rows: list[SourceRow] = []
    ignored: set[str] = set()
    for item, item_node in zip(data, items_node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            rows.append(SourceRow(line=line, values={"__invalid__": item}))
            continue
        values: dict[str, Any] = {}
        for raw_key, value in item.items():
            key = HEADER_ALIASES.get(slug(str(raw_key)))
            if key is None:
                ignored.add(str(raw_key))
            else:
                values[key] = value
        rows.append(SourceRow(line=line, values=values))
    return Table(rows=rows, ignored_columns=sorted(ignored), encoding=encoding)
