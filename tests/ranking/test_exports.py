"""Exports of a stored score run: JSON fields, CSV for Excel, XLSX read back by openpyxl."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from results.exports import export_csv, export_json, export_xlsx
from results.scoring import ranking_for, run_participants

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


@pytest.fixture
def run(edition, make_participant, store_run):
    alfa = make_participant("Gmina Alfa", employees=20)
    beta = make_participant("Gmina Beta", employees=21)
    coop = make_participant(
        "Spółdzielnia Mieszkaniowa „Łąka”", kind="spoldzielnia_mieszkaniowa", employees=91
    )
    office = make_participant("=HYPERLINK(1)", kind="urzad", employees=51)
    criteria = [("INF-01", "pass", 1.0), ("INF-02", "fail", 0.0), ("TEC-03", "not_measured", None)]
    return store_run(
        edition,
        {
            alfa: (80.0, {"informacja": 0.8, "email": 0.6}, [], criteria),
            beta: (80.0, {"informacja": 0.7, "email": 0.9}, [], criteria),
            coop: (72.5, {"informacja": 0.7, "email": 0.5}, [], criteria),
            office: (90.0, {"informacja": 1.0, "email": 1.0}, ["INF-03"], criteria),
        },
        statuettes=1,
    )


def test_json_export_holds_the_ranking_fields(run):
    participants = run_participants(run)
    data = json.loads(export_json(run, ranking_for(run, participants), participants))
    rows = data["participants"]
    assert [r["name"] for r in rows] == [
        "=HYPERLINK(1)",
        "Gmina Beta",
        "Gmina Alfa",
        "Spółdzielnia Mieszkaniowa „Łąka”",
    ]
    office, beta, alfa, coop = rows
    for row in rows:
        assert {
            "participant_id",
            "name",
            "kind",
            "points",
            "rank",
            "licence",
            "fee_pln_net",
            "criteria",
        } <= set(row)
    assert (beta["rank"], alfa["rank"], beta["ex_aequo"]) == (2, 2, True)
    assert (office["licence"], office["fee_pln_net"], office["blocking_failed"]) == (
        False,
        None,
        ["INF-03"],
    )
    assert (alfa["fee_pln_net"], beta["fee_pln_net"], coop["fee_pln_net"]) == (3900, 4700, 8500)
    # One nomination per kind, but Beta and Alfa are tied: both are nominated (no alphabet).
    assert beta["nomination"] and alfa["nomination"] and coop["nomination"]
    assert not office["nomination"]  # no licence
    # No statuette exists until an expert decides one.
    assert not any(r["statuette"] or r["statuette_decision"] for r in rows)
    assert alfa["criteria"][2] == {
        "id": "TEC-03",
        "name": "Kryterium TEC-03",
        "channel": "website",
        "status": "not_measured",
        "score": None,
        "source": "machine",
        "original": None,
        "explanation": "Wyjaśnienie TEC-03",
    }


def test_csv_is_utf8_with_bom_polish_headers_and_decimal_commas(run):
    participants = run_participants(run)
    body = export_csv(run, ranking_for(run, participants), participants)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Kolejność", "Miejsce", "ID uczestnika", "Nazwa"]
    assert rows[2][1] == "2 ex aequo" and rows[2][7] == "80,00"
    assert rows[4][3] == "Spółdzielnia Mieszkaniowa „Łąka”" and rows[4][10] == "tak"
    assert rows[1][-2:] == ["100,00", "100,00"]
    assert rows[1][3] == "'=HYPERLINK(1)"  # never a formula in Excel


def test_xlsx_has_ranking_category_and_detail_sheets_formatted_to_print(run, tmp_path):
    participants = run_participants(run)
    path = tmp_path / "ranking.xlsx"
    path.write_bytes(export_xlsx(run, ranking_for(run, participants), participants))
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Ranking 2027",
        "Gmina wiejska",
        "Spółdzielnia mieszkaniowa",
        "Urzędy i inne instytucje",
        "Wielkość 0–20",
        "Wielkość 21–50",
        "Wielkość 51–90",
        "Wielkość powyżej 90",
        "Kryteria",
        "Opis kolumn",
    ]
    main = wb["Ranking 2027"]
    assert main["A1"].value == "Kolejność" and main["A1"].font.bold
    assert main.freeze_panes == "A2"
    assert main.page_setup.orientation == "landscape"
    assert main.sheet_properties.pageSetUpPr.fitToPage and main.page_setup.fitToWidth == 1
    assert main.print_title_rows == "$1:$1"
    assert main.column_dimensions["E"].width == 45
    assert [main.cell(row=r, column=5).value for r in range(2, 6)] == [
        "=HYPERLINK(1)",
        "Gmina Beta",
        "Gmina Alfa",
        "Spółdzielnia Mieszkaniowa „Łąka”",
    ]
    # Places are numbers with ex aequo in its own column; points print as 0,00.
    assert main["B3"].value == 2 and main["C3"].value == "tak" and main["C2"].value is None
    assert main["I3"].value == 80.0 and main["I3"].number_format == "0.00"
    assert main["B3"].number_format == "0"
    gminy = wb["Gmina wiejska"]
    assert [gminy.cell(row=r, column=2).value for r in (2, 3)] == [1, 1]
    assert [gminy.cell(row=r, column=3).value for r in (2, 3)] == ["tak", "tak"]
    details = wb["Kryteria"]
    assert details.max_row == 1 + 4 * 3
    assert details["C2"].value == "INF-01" and details["H2"].value == "spełnione"
    assert details["H4"].value == "niezmierzone" and details["I4"].value is None


def test_xlsx_places_sort_numerically_fees_are_zloty_and_every_column_is_described(
    edition, make_participant, store_run, tmp_path
):
    """Twelve participants: read back with openpyxl, places sort 1, 2, …, 10, 11, 12
    (never 1, 10, 11, 2), the fee column is formatted in złoty, and the "Opis kolumn" sheet
    describes every column of the ranking sheets."""
    people = {
        make_participant(f"Gmina {n:02d}", employees=10 * n): (
            100.0 - n,
            {"information": 0.9},
            [],
            [],
        )
        for n in range(1, 13)
    }
    run = store_run(edition, people)
    participants = run_participants(run)
    path = tmp_path / "ranking.xlsx"
    path.write_bytes(export_xlsx(run, ranking_for(run, participants), participants))
    wb = load_workbook(path)
    main = wb[wb.sheetnames[0]]
    headers = [c.value for c in main[1]]
    places = [row[1] for row in main.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(p, int) for p in places)
    assert sorted(places) == list(range(1, 13))
    fee = headers.index("Opłata (PLN netto)") + 1
    fees = [main.cell(row=r, column=fee) for r in range(2, 14)]
    assert all(c.number_format == '#,##0 "zł"' for c in fees if isinstance(c.value, int))
    described = {row[0]: row[1] for row in wb["Opis kolumn"].iter_rows(min_row=2, values_only=True)}
    assert all(described.get(h) for h in headers), [h for h in headers if not described.get(h)]
    assert all(len(name) <= 31 for name in wb.sheetnames)


def test_xlsx_column_formats_apply_to_numbers_only(tmp_path):
    from results.xlsx import DECIMAL_2, INTEGER, PLN, Workbook

    wb = Workbook()
    ws = wb.add_sheet("Arkusz", ("a", "b", "c", "d"), (5, 5, 5, 5), (INTEGER, DECIMAL_2, PLN, None))
    ws.append((3, 81.5, 4700, 2.5))
    ws.append(("—", "", "", "x"))
    path = tmp_path / "f.xlsx"
    path.write_bytes(wb.to_bytes())
    sheet = load_workbook(path)["Arkusz"]
    assert [c.number_format for c in sheet[2]] == ["0", "0.00", '#,##0 "zł"', "General"]
    assert [c.value for c in sheet[2]] == [3, 81.5, 4700, 2.5]
    assert [c.value for c in sheet[3]] == ["—", None, None, "x"]


def test_json_export_carries_the_previous_editions_points(edition, make_participant, store_run):
    import datetime as dt
    import json

    from results.models import Edition

    earlier = Edition.objects.create(
        year=2026, window_start=dt.date(2026, 3, 1), window_end=dt.date(2026, 5, 31)
    )
    old = make_participant("Gmina Stała")
    new = make_participant("Gmina Nowa")
    store_run(earlier, {old: (70.0, {"information": 0.7}, [], [])})
    run = store_run(edition, {old: (85.0, {"information": 0.9}, [], []), new: (60.0, {}, [], [])})
    participants = run_participants(run)
    document = json.loads(export_json(run, ranking_for(run, participants), participants))
    by_name = {p["name"]: p for p in document["participants"]}
    assert by_name["Gmina Stała"]["previous_edition"] == {"year": 2026, "points": 70.0}
    assert by_name["Gmina Nowa"]["previous_edition"] is None
