"""Reading organisers' tables (CSV and XLSX) within bounds, for the registry and the jurors'
import alike.

Every row of a file is either read or named in an error with its line; nothing is dropped
silently (a stale XLSX `<dimension>` is ignored, an unterminated quote costs only its own
row). The file's size, an XLSX's unpacked size (zip bombs), the number of rows and the size
of a field are bounded before memory grows, and every failure to read becomes a
`TableFileError` with a Polish message: nothing is stored then.

Line numbers are what a spreadsheet user sees: the header is line 1; in a CSV a row is
numbered by the physical line it starts on.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Polish letters that betray the code page of a legacy file.
_POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


class TableFileError(Exception):
    """The file as a whole cannot be read; the message is for people, in Polish."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 100_000
    max_field_chars: int = 100_000
    max_unpacked_bytes: int = 200 * 1024 * 1024  # all parts of an XLSX, unpacked


def limits() -> Limits:
    """The configured limits (auditor/config.py), or the defaults outside Django."""
    try:
        from django.conf import settings

        config = settings.AUDITOR
        return Limits(
            max_bytes=config.import_max_bytes,
            max_rows=config.import_max_rows,
            # An XLSX unpacks to a few times its size; a bomb to thousands of times.
            max_unpacked_bytes=4 * config.import_max_bytes,
        )
    except Exception:  # no Django settings (a plain script): the defaults
        return Limits()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_size(path: Path, bounds: Limits) -> None:
    if not path.is_file():
        raise TableFileError(f"Plik {path} nie istnieje.")
    size = path.stat().st_size
    if size > bounds.max_bytes:
        raise TableFileError(
            f"Plik {path.name} ma {_mb(size)}, więcej niż dopuszczalne {_mb(bounds.max_bytes)} "
            "(AUDITOR_IMPORT_MAX_BYTES). Podziel go na mniejsze części."
        )


def decode_legacy_text(data: bytes) -> tuple[str, str]:
    """Decode a file: UTF-8 (with or without BOM), else a Polish code page.

    A file that is UTF-8 but has a few lines in windows-1250 (pasted from an old system)
    is decoded as UTF-8 with the odd bytes kept as surrogates, so those rows can be
    rejected with a clear reason instead of being silently garbled. UTF-16 (with its BOM)
    is read as such.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise TableFileError("Plik ma znacznik UTF-16, ale nie jest poprawnym UTF-16.") from exc
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf8_lines = 0
    for line in data.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            pass
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


def is_blank(cells: list[Any]) -> bool:
    return all(c is None or str(c).strip() == "" for c in cells)


@dataclass
class BrokenRow:
    """A row that could not be split into cells (it is rejected with this reason)."""

    reason: str


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _clean(cell: str) -> str:
    # NUL has no place in a table and PostgreSQL refuses it in text.
    return cell.replace("\x00", "")


MAX_BROKEN_ROWS = 1000


def csv_rows(text: str, bounds: Limits) -> Iterator[tuple[int, list[Any] | BrokenRow]]:
    """(line, cells) for every record, or (line, BrokenRow) for a record with an
    unterminated quote or an oversized field; reading goes on at the next line."""
    lines = text.splitlines(keepends=True)
    if not lines:
        return
    delimiter = _sniff_delimiter(lines[0])
    csv.field_size_limit(max(csv.field_size_limit(), bounds.max_field_chars + 1))
    columns = 0
    broken = 0
    start = 0
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), delimiter=delimiter, strict=True)
        consumed = 0
        resume = None
        try:
            for cells in reader:
                first = start + consumed  # index of the record's first physical line
                used = reader.line_num - consumed
                consumed = reader.line_num
                columns = columns or len(cells)
                if used > 1 and _swallowed_rows(cells, delimiter, columns):
                    # A quote left open swallowed the next lines: only this row is lost,
                    # and the lines it swallowed are read again on their own.
                    yield first + 1, BrokenRow("niezamknięty cudzysłów w tym wierszu")
                    resume = first + 1
                    break
                if any(len(c) > bounds.max_field_chars for c in cells):
                    yield first + 1, BrokenRow(f"pole dłuższe niż {bounds.max_field_chars} znaków")
                    continue
                yield first + 1, [_clean(c) for c in cells]
        except csv.Error as exc:
            first = start + consumed
            if "field larger" in str(exc):
                yield first + 1, BrokenRow(f"pole dłuższe niż {bounds.max_field_chars} znaków")
                resume = start + max(reader.line_num, consumed + 1)
            else:  # a quote never closed until the end of the file, or junk after a quote
                yield first + 1, BrokenRow("niezamknięty cudzysłów w tym wierszu")
                resume = first + 1
        if resume is None:
            return
        broken += 1
        if broken > MAX_BROKEN_ROWS:
            raise TableFileError(
                f"Ponad {MAX_BROKEN_ROWS} uszkodzonych wierszy (cudzysłowy, długie pola): "
                "to nie wygląda na tabelę CSV."
            )
        start = resume


def _swallowed_rows(cells: list[str], delimiter: str, columns: int) -> bool:
    """A quoted field spanning lines that themselves look like whole rows."""
    need = max(1, columns - 2)
    return any(
        line.count(delimiter) >= need for c in cells if "\n" in c for line in c.splitlines()[1:]
    )


def _check_unpacked(path: Path, bounds: Limits) -> None:
    """A zip bomb is refused before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise TableFileError(f"Plik {path.name} nie jest poprawnym arkuszem XLSX ({exc}).") from exc
    if unpacked > bounds.max_unpacked_bytes:
        raise TableFileError(
            f"Arkusz {path.name} po rozpakowaniu miałby {_mb(unpacked)}, więcej niż "
            f"dopuszczalne {_mb(bounds.max_unpacked_bytes)}."
        )


def xlsx_rows(path: Path, bounds: Limits) -> Iterator[tuple[int, list[Any] | BrokenRow]]:
    """(sheet row number, cells) of the first sheet, every row whatever its `<dimension>`."""
    from openpyxl import load_workbook

    _check_unpacked(path, bounds)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableFileError(f"Nie można otworzyć arkusza {path.name}: {exc}") from exc
    try:
        sheet = workbook.worksheets[0]
        # A stale <dimension> would hide the rows below it.
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = [_clean(c) if isinstance(c, str) else c for c in cells]
            if any(isinstance(c, str) and len(c) > bounds.max_field_chars for c in values):
                yield number, BrokenRow(f"pole dłuższe niż {bounds.max_field_chars} znaków")
                continue
            yield number, values
    except TableFileError:
        raise
    except Exception as exc:  # damaged or hostile XML inside the archive
        raise TableFileError(f"Nie można odczytać arkusza {path.name}: {exc}") from exc
    finally:
        workbook.close()


def read_rows(path: Path, bounds: Limits | None = None) -> tuple[Iterator, str | None]:
    """The rows of a CSV or XLSX file (header first), and the text encoding found."""
    bounds = bounds or limits()
    check_size(path, bounds)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _capped(xlsx_rows(path, bounds), bounds), None
    if suffix in (".csv", ".txt", ""):
        text, encoding = decode_legacy_text(path.read_bytes())
        if not text.strip():
            raise TableFileError("Plik jest pusty.")
        return _capped(csv_rows(text, bounds), bounds), encoding
    raise TableFileError(f"Nieobsługiwany format pliku {path.name}: dozwolone są CSV i XLSX.")


def _capped(rows: Iterator, bounds: Limits) -> Iterator:
    count = 0
    for line, cells in rows:
        if not isinstance(cells, BrokenRow) and is_blank(cells):
            continue
        count += 1
        if count > bounds.max_rows + 1:  # + the header
            raise TableFileError(
                f"Plik ma więcej niż {bounds.max_rows} wierszy (AUDITOR_IMPORT_MAX_ROWS); "
                "podziel go na mniejsze części."
            )
        yield line, cells


__all__ = [
    "BrokenRow",
    "Limits",
    "TableFileError",
    "check_size",
    "csv_rows",
    "decode_legacy_text",
    "has_foreign_bytes",
    "is_blank",
    "limits",
    "read_rows",
    "repair_foreign_bytes",
    "xlsx_rows",
]
