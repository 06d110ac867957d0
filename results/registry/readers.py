"""Reading registry files (CSV, XLSX, YAML) into rows keyed by field, with line numbers.

Line numbers are what a spreadsheet user sees: the header is line 1, so the first
participant is line 2 (for CSV the record number, for XLSX the sheet row, for YAML the
line where the participant's entry starts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from results.registry.text import slug
from results.tabular import (
    BrokenRow,
    TableFileError,
    check_size,
    decode_legacy_text,
    has_foreign_bytes,
    limits,
    read_rows,
    repair_foreign_bytes,
)
from rubrics.yaml_bounds import YamlBoundsError, check_yaml_bounds

# Re-exported: the registry's readers are the shared table readers.
__all__ = [
    "RegistryFileError",
    "SourceRow",
    "Table",
    "decode_legacy_text",
    "has_foreign_bytes",
    "read_registry",
    "repair_foreign_bytes",
]

FIELDS = (
    "name",
    "kind",
    "subkind",
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
    "subkind": "subkind",
    "podrodzaj": "subkind",
}

# The file as a whole cannot be read; the message is for people, in Polish.
RegistryFileError = TableFileError


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
    """Read a registry file of any supported format, within the import limits."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path)
    rows, encoding = read_rows(path)
    return _table(rows, encoding)


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


def _table(rows, encoding: str | None) -> Table:
    header = next(rows, None)
    if header is None:
        raise RegistryFileError("Plik jest pusty.")
    line, cells = header
    if isinstance(cells, BrokenRow):
        raise RegistryFileError(f"Nie można odczytać nagłówka (wiersz {line}): {cells.reason}.")
    mapped, ignored = _map_header(cells)
    table = [
        SourceRow(
            line=line,
            values={"__broken__": cells.reason}
            if isinstance(cells, BrokenRow)
            else _row_values(mapped, list(cells)),
        )
        for line, cells in rows
    ]
    return Table(rows=table, ignored_columns=ignored, encoding=encoding)


def _read_yaml(path: Path) -> Table:
    bounds = limits()
    check_size(path, bounds)
    text, encoding = decode_legacy_text(path.read_bytes())
    try:
        # No aliases, bounded depth: a "billion laughs" file is refused before it is built.
        check_yaml_bounds(text, max_chars=bounds.max_bytes)
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except YamlBoundsError as exc:
        raise RegistryFileError(f"Nie można odczytać pliku YAML: {exc}.") from exc
    except yaml.YAMLError as exc:
        raise RegistryFileError(f"Błąd składni YAML: {exc}") from exc
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
    if len(data) > bounds.max_rows:
        raise RegistryFileError(
            f"Plik ma więcej niż {bounds.max_rows} uczestników (AUDITOR_IMPORT_MAX_ROWS)."
        )
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
