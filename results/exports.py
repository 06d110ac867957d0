"""Exporting an edition's ranking: JSON, CSV (for Excel) and XLSX (to print).

Built from a stored score run only, so an export is reproducible: the JSON and CSV bodies
hold no time except what is in the data, everything is sorted, numbers have one format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

from results.overrides import STATUS_LABELS
from results.ranking import TIE_BREAK_CATEGORIES, RankedEntry, Ranking, format_points, round_points
from results.scoring import canonical_json, number

TIE_RULE = (
    "Kolejność: punkty (zaokrąglone do 0,01) malejąco, następnie podwynik e-mail, następnie "
    "podwynik dostępności informacji (brak podwyniku na końcu), następnie nazwa w porządku "
    "alfabetu polskiego, następnie identyfikator uczestnika. Równe punkty (do 0,01) dają to "
    "samo miejsce ex aequo."
)
SOURCE_LABELS = {"machine": "automat", "jurors": "jurorzy", "override": "korekta"}

RANKING_HEADERS = (
    "Kolejność",
    "Miejsce",
    "ID uczestnika",
    "Nazwa",
    "Rodzaj",
    "Pracownicy",
    "Przedział wielkości",
    "Punkty",
    "Miejsce w rodzaju",
    "Miejsce w przedziale",
    "Licencja",
    "Statuetka",
    "Opłata (PLN netto)",
    "Uzasadnienie licencji",
)
DETAIL_HEADERS = (
    "ID uczestnika",
    "Nazwa",
    "Kryterium",
    "Nazwa kryterium",
    "Kanał",
    "Kategoria",
    "Waga",
    "Status",
    "Wynik",
    "Źródło",
    "Wynik pierwotny",
    "Wyjaśnienie",
)


def _yes_no(flag: bool) -> str:
    return "tak" if flag else "nie"


def _decimal_comma(value: float | None, places: int = 2) -> str:
    if value is None:
        return ""
    return f"{value:.{places}f}".replace(".", ",")


def participant_json(entry: RankedEntry, data: dict[str, Any]) -> dict[str, Any]:
    e = entry.entrant
    rounded = round_points(e.points)
    return {
        "participant_id": e.participant_id,
        "name": e.name,
        "kind": e.kind,
        "kind_label": e.kind_label,
        "employees": e.employees,
        "size_band": e.size_band,
        "points": None if rounded is None else float(rounded),
        "points_exact": number(e.points),
        "position": entry.overall.position,
        "rank": entry.overall.rank,
        "ex_aequo": entry.overall.ex_aequo,
        "rank_in_kind": entry.in_kind.rank,
        "rank_in_size_band": entry.in_size_band.rank,
        "licence": entry.licence,
        "licence_note": entry.licence_note,
        "statuette": entry.statuette,
        "fee_pln_net": entry.fee_pln_net,
        "categories": [
            {"id": c["id"], "name": c["name"], "score": c.get("score")} for c in data["categories"]
        ],
        "blocking_failed": list(data["blocking_failed"]),
        "not_measured": list(data["not_measured"]),
        "criteria": [
            {
                "id": c["criterion_id"],
                "name": c["name"],
                "channel": c["channel"],
                "status": c["status"],
                "score": c["score"],
                "source": c["source"],
                "original": c["original"],
                "explanation": c["explanation"],
            }
            for c in data["criteria"]
        ],
    }


def ranking_document(run, ranking: Ranking, participants: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {p["participant_id"]: p for p in participants}
    return {
        "edition": run.edition.year,
        "rubric_version": run.rubric_version,
        "input_digest": run.input_digest,
        "output_digest": run.output_digest,
        "threshold": run.threshold,
        "statuettes_per_category": run.statuettes_per_category,
        "tie_rule": TIE_RULE,
        "tie_break_categories": list(TIE_BREAK_CATEGORIES),
        "participants": [
            participant_json(entry, by_id[entry.entrant.participant_id])
            for entry in ranking.entries
        ],
    }


def export_json(run, ranking: Ranking, participants: list[dict[str, Any]]) -> bytes:
    return canonical_json(ranking_document(run, ranking, participants))


def ranking_row(entry: RankedEntry) -> list[Any]:
    e = entry.entrant
    return [
        entry.overall.position,
        entry.overall.label,
        e.participant_id,
        e.name,
        e.kind_label,
        e.employees,
        e.size_band,
        format_points(e.points),
        entry.in_kind.label,
        entry.in_size_band.label,
        _yes_no(entry.licence),
        _yes_no(entry.statuette),
        entry.fee_pln_net if entry.fee_pln_net is not None else "",
        entry.licence_note,
    ]


def export_csv(run, ranking: Ranking, participants: list[dict[str, Any]]) -> bytes:
    """Semicolons and decimal commas, UTF-8 with BOM: what Polish Excel opens directly."""
    categories = _category_columns(participants)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([*RANKING_HEADERS, *(f"Podwynik: {name}" for _id, name in categories)])
    by_id = {p["participant_id"]: p for p in participants}
    for entry in ranking.entries:
        subs = {c["id"]: c.get("score") for c in by_id[entry.entrant.participant_id]["categories"]}
        writer.writerow(
            [
                *ranking_row(entry),
                *(_decimal_comma(_percent(subs.get(cid))) for cid, _ in categories),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _percent(score: float | None) -> float | None:
    return None if score is None else 100.0 * score


def _category_columns(participants: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for p in participants:
        for c in p["categories"]:
            seen.setdefault(c["id"], c["name"])
    return list(seen.items())


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(text: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("-", text).strip()[:31] or "Arkusz"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


# A fixed workbook date keeps the document properties free of the export time.
_WORKBOOK_DATE = dt.datetime(2000, 1, 1)


def export_xlsx(run, ranking: Ranking, participants: list[dict[str, Any]]) -> bytes:
    """A ranking sheet, one sheet per kind and per size band, and the criterion details."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "auditor"
    workbook.properties.title = f"Ranking edycji {run.edition.year}"
    workbook.properties.created = _WORKBOOK_DATE
    workbook.properties.modified = _WORKBOOK_DATE
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    taken: set[str] = set()

    def sheet(title: str, headers: Iterable[str], widths: Iterable[int]):
        ws = workbook.create_sheet(_sheet_title(title, taken))
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = True
        row = []
        for text in headers:
            cell = WriteOnlyCell(ws, value=text)
            cell.font = bold
            cell.alignment = wrap
            row.append(cell)
        ws.append(row)
        return ws

    ranking_widths = (9, 13, 8, 45, 28, 11, 12, 9, 13, 13, 9, 9, 12, 45)
    by_id = {p["participant_id"]: p for p in participants}

    def numeric_row(entry: RankedEntry) -> list[Any]:
        row = ranking_row(entry)
        rounded = round_points(entry.entrant.points)
        row[7] = None if rounded is None else float(rounded)
        return row

    main = sheet(f"Ranking {run.edition.year}", RANKING_HEADERS, ranking_widths)
    for entry in ranking.entries:
        main.append(numeric_row(entry))

    for kind_entries in ranking.by_kind().values():
        label = kind_entries[0].entrant.kind_label
        ws = sheet(label, RANKING_HEADERS, ranking_widths)
        for entry in kind_entries:
            row = numeric_row(entry)
            row[1] = entry.in_kind.label
            ws.append(row)

    for band, band_entries in ranking.by_size_band().items():
        ws = sheet(f"Wielkość {band}", RANKING_HEADERS, ranking_widths)
        for entry in band_entries:
            row = numeric_row(entry)
            row[1] = entry.in_size_band.label
            ws.append(row)

    details = sheet("Kryteria", DETAIL_HEADERS, (8, 40, 10, 40, 14, 14, 7, 13, 8, 10, 16, 60))
    for entry in ranking.entries:
        data = by_id[entry.entrant.participant_id]
        for c in data["criteria"]:
            original = c["original"]
            details.append(
                [
                    data["participant_id"],
                    data["name"],
                    c["criterion_id"],
                    c["name"],
                    c["channel"],
                    c["category"],
                    c["weight"],
                    STATUS_LABELS.get(c["status"], c["status"]),
                    c["score"],
                    SOURCE_LABELS.get(c["source"], c["source"]),
                    (
                        f"{STATUS_LABELS.get(original['status'], original['status'])}"
                        f" ({'' if original['score'] is None else original['score']})"
                        if original
                        else ""
                    ),
                    c["explanation"],
                ]
            )

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


EXPORTERS = {"json": export_json, "csv": export_csv, "xlsx": export_xlsx}
