"""Exporting an edition's ranking: JSON, CSV (for Excel) and XLSX (to print).

Built from a stored score run only, so an export is reproducible: the JSON and CSV bodies
hold no time except what is in the data, everything is sorted, numbers have one format.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from results.formula import formula_safe
from results.overrides import STATUS_LABELS
from results.ranking import TIE_BREAK_CATEGORIES, RankedEntry, Ranking, format_points, round_points
from results.scoring import canonical_json, number
from results.xlsx import DECIMAL_2, INTEGER, PLN, Workbook

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
    "Status oceny",
    "Nominacja do statuetki",
    "Statuetka (decyzja ekspertów)",
    "Wyróżnienie Nadzwyczajne",
    "Opłata (PLN netto)",
    "Uzasadnienie licencji",
    "Braki oceny",
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


def _decision(decision) -> dict[str, Any] | None:
    return None if decision is None else decision.as_dict()


def _decision_text(decision) -> str:
    """The experts' decision in one cell: "przyznana (ekspert, 2027-06-01): uzasadnienie"."""
    if decision is None:
        return ""
    d = decision.as_dict()
    return f"{d['decision_label']} ({d['decided_by']}, {d['decided_at'][:10]}): {d['reason']}"


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
        "status": entry.status,
        "missing": list(entry.missing),
        "nomination": entry.nomination,
        "statuette": entry.statuette,
        "statuette_decision": _decision(entry.statuette_decision),
        "special_distinction": entry.special_distinction,
        "special_decision": _decision(entry.special_decision),
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
    from results.comparisons import previous_points

    by_id = {p["participant_id"]: p for p in participants}
    previous = previous_points(run.edition)
    return {
        "edition": run.edition.year,
        "rubric_version": run.rubric_version,
        "input_digest": run.input_digest,
        "output_digest": run.output_digest,
        "threshold": run.threshold,
        "statuettes_per_category": run.statuettes_per_category,
        "licence_rules": run.licence_rules,
        "tie_rule": TIE_RULE,
        "tie_break_categories": list(TIE_BREAK_CATEGORIES),
        "participants": [
            {
                **participant_json(entry, by_id[entry.entrant.participant_id]),
                # The same registry entry in the newest earlier edition, or null.
                "previous_edition": previous.get(entry.entrant.participant_id),
            }
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
        entry.status,
        _yes_no(entry.nomination),
        _decision_text(entry.statuette_decision),
        _decision_text(entry.special_decision),
        entry.fee_pln_net if entry.fee_pln_net is not None else "",
        entry.licence_note,
        "; ".join(entry.missing),
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
                *(formula_safe(v) for v in ranking_row(entry)),
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


# What every column of the ranking sheets means (the workbook's "Opis kolumn" sheet).
COLUMN_MEANINGS = {
    "Kolejność": "pozycja w arkuszu po zastosowaniu reguły kolejności (bez miejsc ex aequo)",
    "Miejsce": "miejsce w rankingu tego arkusza (liczba; równe punkty dają to samo miejsce)",
    "Ex aequo": "„tak”, gdy miejsce jest dzielone z innym uczestnikiem",
    "ID uczestnika": "identyfikator uczestnika w programie (do poleceń i raportów)",
    "Nazwa": "nazwa uczestnika z rejestru",
    "Rodzaj": "rodzaj uczestnika (gmina, powiat, urząd, spółka, spółdzielnia, wspólnota, inny)",
    "Pracownicy": "liczba pracowników z rejestru (podstawa przedziału opłaty)",
    "Przedział wielkości": "przedział liczby pracowników z cennika konkursu",
    "Punkty": "punkty rankingowe 0–100, zaokrąglone do 0,01",
    "Miejsce w rodzaju": "miejsce wśród uczestników tego samego rodzaju",
    "Miejsce w przedziale": "miejsce wśród uczestników tego samego przedziału wielkości",
    "Licencja": "czy uczestnik spełnia warunki Licencji Jakości",
    "Status oceny": "czy ocena jest pełna (jurorzy, e-mail, zmierzona część wag) — bez tego nie ma licencji",
    "Nominacja do statuetki": "propozycja rankingu dla ekspertów: najlepsi z licencją w rodzaju "
    "(przy remisie wszyscy)",
    "Statuetka (decyzja ekspertów)": "decyzja ekspertów o statuetce: przyznana lub nieprzyznana, "
    "kto, kiedy i dlaczego; puste = brak decyzji, więc brak statuetki",
    "Wyróżnienie Nadzwyczajne": "decyzja ekspertów o Wyróżnieniu Nadzwyczajnym (jak wyżej)",
    "Opłata (PLN netto)": "jednorazowa opłata netto za certyfikację według cennika, tylko z licencją",
    "Uzasadnienie licencji": "dlaczego licencja jest albo jej nie ma",
    "Braki oceny": "czego brakuje do pełnej oceny (np. ocen jurorów, pomiaru e-maila)",
}
# Kind labels too long for a sheet name (Excel allows 31 characters).
SHEET_KIND_LABELS = {"urzad": "Urzędy i inne instytucje"}


def _xlsx_headers() -> tuple[str, ...]:
    at = RANKING_HEADERS.index("Miejsce") + 1
    return (*RANKING_HEADERS[:at], "Ex aequo", *RANKING_HEADERS[at:])


def _xlsx_formats(headers: tuple[str, ...]) -> list[int | None]:
    by_name = {
        "Kolejność": INTEGER,
        "Miejsce": INTEGER,
        "ID uczestnika": INTEGER,
        "Pracownicy": INTEGER,
        "Punkty": DECIMAL_2,
        "Miejsce w rodzaju": INTEGER,
        "Miejsce w przedziale": INTEGER,
        "Opłata (PLN netto)": PLN,
    }
    return [by_name.get(h) for h in headers]


def export_xlsx(run, ranking: Ranking, participants: list[dict[str, Any]]) -> bytes:
    """A ranking sheet, one sheet per kind and per size band, the criterion details and a
    sheet describing every column.

    Places and points are numbers (sorting works; the place is shared ex aequo, said in its
    own column), points print as 0,00 and fees as "3 900 zł". Every sheet prints landscape
    on A4, fitted to the page width, with its bold header row frozen and repeated on each
    printed page.
    """
    workbook = Workbook(title=f"Ranking edycji {run.edition.year}")
    headers = _xlsx_headers()
    formats = _xlsx_formats(headers)
    ranking_widths = (9, 9, 8, 8, 45, 28, 11, 12, 9, 11, 11, 9, 15, 11, 30, 30, 12, 45, 45)
    column = {name: i for i, name in enumerate(RANKING_HEADERS)}

    def numeric_row(entry: RankedEntry, placement) -> list[Any]:
        row = ranking_row(entry)
        rounded = round_points(entry.entrant.points)
        row[column["Miejsce"]] = placement.rank
        row[column["Punkty"]] = None if rounded is None else float(rounded)
        row[column["Miejsce w rodzaju"]] = entry.in_kind.rank
        row[column["Miejsce w przedziale"]] = entry.in_size_band.rank
        at = column["Miejsce"] + 1
        return [*row[:at], "tak" if placement.ex_aequo else "", *row[at:]]

    def sheet(title: str):
        return workbook.add_sheet(title, headers, ranking_widths, formats)

    main = sheet(f"Ranking {run.edition.year}")
    for entry in ranking.entries:
        main.append(numeric_row(entry, entry.overall))
    for kind_entries in ranking.by_kind().values():
        first = kind_entries[0].entrant
        ws = sheet(SHEET_KIND_LABELS.get(first.kind, first.kind_label))
        for entry in kind_entries:
            ws.append(numeric_row(entry, entry.in_kind))
    for band, band_entries in ranking.by_size_band().items():
        ws = sheet(f"Wielkość {band}")
        for entry in band_entries:
            ws.append(numeric_row(entry, entry.in_size_band))

    details = workbook.add_sheet(
        "Kryteria", DETAIL_HEADERS, (8, 40, 10, 40, 14, 14, 7, 13, 8, 10, 16, 60)
    )
    by_id = {p["participant_id"]: p for p in participants}
    # The participant's and the criterion's cells repeat: rendered once, reused per row.
    criterion_cells: dict[tuple, str] = {}
    for entry in ranking.entries:
        data = by_id[entry.entrant.participant_id]
        who = details.render((data["participant_id"], data["name"]))
        for c in data["criteria"]:
            key = (c["criterion_id"], c["name"], c["channel"], c["category"], c["weight"])
            what = criterion_cells.get(key)
            if what is None:
                what = criterion_cells[key] = details.render(key)
            original = c["original"]
            details.append_rendered(
                who,
                what,
                details.render(
                    (
                        STATUS_LABELS.get(c["status"], c["status"]),
                        c["score"],
                        SOURCE_LABELS.get(c["source"], c["source"]),
                        (
                            f"{STATUS_LABELS.get(original['status'], original['status'])}"
                            f" ({'' if original['score'] is None else original['score']})"
                            if original
                            else None
                        ),
                        c["explanation"],
                    )
                ),
            )

    about = workbook.add_sheet("Opis kolumn", ("Kolumna", "Znaczenie"), (26, 100))
    about.append(("Edycja", str(run.edition.year)))
    about.append(("Wersja rubryki", run.rubric_version))
    about.append(("Próg licencji", f"{_decimal_comma(run.threshold)} pkt"))
    about.append(("Skrót wyniku przeliczenia", run.output_digest[:16]))
    about.append(("Reguła kolejności", TIE_RULE))
    about.append(("", ""))
    for name in headers:
        about.append((name, COLUMN_MEANINGS.get(name, "")))
    for name in DETAIL_HEADERS:
        about.append((f"Kryteria: {name}", DETAIL_MEANINGS.get(name, "")))
    return workbook.to_bytes()


DETAIL_MEANINGS = {
    "ID uczestnika": "identyfikator uczestnika",
    "Nazwa": "nazwa uczestnika",
    "Kryterium": "identyfikator kryterium z rubryki (np. INF-03)",
    "Nazwa kryterium": "co kryterium sprawdza",
    "Kanał": "skąd pochodzi wynik: strona WWW, e-mail, jurorzy",
    "Kategoria": "kategoria rubryki, do której liczy się kryterium",
    "Waga": "waga kryterium w kategorii",
    "Status": "spełnione, częściowo, niespełnione, nie dotyczy albo niezmierzone (nasz brak pomiaru nie obniża wyniku)",
    "Wynik": "wynik kryterium od 0 do 1",
    "Źródło": "automat, jurorzy albo korekta jurora",
    "Wynik pierwotny": "wynik automatu przed korektą jurora",
    "Wyjaśnienie": "dlaczego taki wynik, z odwołaniem do dowodu",
}


EXPORTERS = {"json": export_json, "csv": export_csv, "xlsx": export_xlsx}
