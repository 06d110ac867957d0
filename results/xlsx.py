"""A small, fast, deterministic XLSX writer for big print-ready tables.

openpyxl and XlsxWriter spend tens of microseconds per cell; an edition's criterion details
(10,000 participants × 60 criteria) would take minutes. This writer emits SpreadsheetML
directly — a shared string table, one bold header style, frozen header row, column widths,
print titles, landscape A4 fitted to the page width — in a zip with fixed timestamps, so
the same data gives the same bytes. openpyxl reads the files back in the tests.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_DATE = "2000-01-01T00:00:00Z"


def _column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _number(value: float | int) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    text = repr(round(value, 10))
    return text[:-2] if text.endswith(".0") else text


def _xml_text(text: str) -> str:
    # Control characters are not allowed in XML 1.0; they never belong in a ranking.
    cleaned = "".join(ch for ch in text if ch >= " " or ch in "\t\n\r")
    return escape(cleaned)


class SharedStrings:
    """The workbook's string table: each distinct text is stored once, cells point at it."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def add(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_xml_text(text)}</t></si>' for text in self.index
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'uniqueCount="{len(self.index)}">{items}</sst>'
        )


# Number formats of a column (style indexes in _STYLES): 0, 0.00 and "1 234 zł".
INTEGER, DECIMAL_2, PLN = 2, 3, 4


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    widths: Sequence[float]
    strings: SharedStrings
    cache: dict
    rows: list[str] = field(default_factory=list)
    # Per column: INTEGER, DECIMAL_2, PLN or None (a number in the general format).
    formats: Sequence[int | None] = ()

    def append(self, values: Iterable[object]) -> None:
        """One row; str → text, int/float → number, None or "" → empty cell."""
        if not self.formats:
            self.rows.append("<row>" + self.render(values) + "</row>")
            return
        cells = []
        for i, value in enumerate(values):
            style = self.formats[i] if i < len(self.formats) else None
            if style is not None and isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f'<c s="{style}"><v>{_number(value)}</v></c>')
            else:
                cells.append(self.cache.get(value) or self._cell(value))
        self.rows.append("<row>" + "".join(cells) + "</row>")

    def render(self, values: Iterable[object]) -> str:
        """The cells' XML, for rows that repeat a run of cells (`append_rendered`)."""
        cache = self.cache
        return "".join([cache.get(v) or self._cell(v) for v in values])

    def append_rendered(self, *fragments: str) -> None:
        """One row from runs of cells made by `render`."""
        self.rows.append("<row>" + "".join(fragments) + "</row>")

    def _cell(self, value: object) -> str:
        # Fragments are cached by value: rankings repeat the same labels, scores and texts.
        # (1, 1.0 and True share a key, and also their XML: "1".)
        if isinstance(value, str):
            fragment = f'<c t="s"><v>{self.strings.add(value)}</v></c>'
        else:
            fragment = f"<c><v>{_number(value)}</v></c>"
        if len(self.cache) < 500_000:
            self.cache[value] = fragment
        return fragment

    def xml(self) -> str:
        header = "".join(f'<c t="s" s="1"><v>{self.strings.add(h)}</v></c>' for h in self.headers)
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{_number(float(w))}" customWidth="1"/>'
            for i, w in enumerate(self.widths, start=1)
        )
        last = _column_letter(max(1, len(self.headers)))
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{last}{len(self.rows) + 1}"/>'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{cols}</cols>"
            f'<sheetData><row r="1">{header}</row>{"".join(self.rows)}</sheetData>'
            f'<autoFilter ref="A1:{last}{len(self.rows) + 1}"/>'
            '<printOptions gridLines="1"/>'
            '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
            "<headerFooter><oddFooter>&amp;L&amp;A&amp;RStrona &amp;P z &amp;N</oddFooter></headerFooter>"
            "</worksheet>"
        )


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0 &quot;zł&quot;"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment wrapText="1" vertical="top"/></xf>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


class Workbook:
    """Sheets in order; `to_bytes()` gives the .xlsx file."""

    FORBIDDEN = set("[]:*?/\\")

    def __init__(self, title: str = "", creator: str = "auditor") -> None:
        self.title = title
        self.creator = creator
        self.sheets: list[Sheet] = []
        self._taken: set[str] = set()
        self.strings = SharedStrings()
        # Cell XML by value, shared by all sheets (strings resolve to the shared table).
        self._cells: dict = {None: "<c/>", "": "<c/>"}

    def add_sheet(
        self,
        title: str,
        headers: Sequence[str],
        widths: Sequence[float],
        formats: Sequence[int | None] = (),
    ) -> Sheet:
        base = "".join("-" if ch in self.FORBIDDEN else ch for ch in title).strip()[:31] or "Arkusz"
        name, n = base, 2
        while name.casefold() in self._taken:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        self._taken.add(name.casefold())
        sheet = Sheet(name, headers, widths, self.strings, self._cells, formats=formats)
        self.sheets.append(sheet)
        return sheet

    def to_bytes(self) -> bytes:
        n = len(self.sheets)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        files = {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                '<Override PartName="/docProps/core.xml" '
                'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                f"{overrides}</Types>"
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                'Target="xl/workbook.xml"/>'
                '<Relationship Id="rId2" '
                'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
                'Target="docProps/core.xml"/>'
                "</Relationships>"
            ),
            "docProps/core.xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f"<dc:title>{_xml_text(self.title)}</dc:title><dc:creator>{_xml_text(self.creator)}</dc:creator>"
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{_CORE_DATE}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_CORE_DATE}</dcterms:modified>'
                "</cp:coreProperties>"
            ),
            "xl/workbook.xml": self._workbook_xml(),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(
                    f'<Relationship Id="rId{i}" '
                    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, n + 1)
                )
                + f'<Relationship Id="rId{n + 1}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
                'Target="styles.xml"/>'
                f'<Relationship Id="rId{n + 2}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                'Target="sharedStrings.xml"/></Relationships>'
            ),
            "xl/styles.xml": _STYLES,
        }
        for i, sheet in enumerate(self.sheets, start=1):
            files[f"xl/worksheets/sheet{i}.xml"] = sheet.xml()
        # Written after the sheets, which add the header texts to the table.
        files["xl/sharedStrings.xml"] = self.strings.xml()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"), compresslevel=1)
        return out.getvalue()

    def _workbook_xml(self) -> str:
        sheets = "".join(
            f'<sheet name="{_xml_text(s.title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(self.sheets, start=1)
        )
        names = []
        for i, s in enumerate(self.sheets):
            quoted = "'" + s.title.replace("'", "''") + "'"
            last = _column_letter(max(1, len(s.headers)))
            names.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                f"{_xml_text(quoted)}!$A$1:${last}${len(s.rows) + 1}</definedName>"
            )
            names.append(
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                f"{_xml_text(quoted)}!$1:$1</definedName>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
            f"<definedNames>{''.join(names)}</definedNames></workbook>"
        )
