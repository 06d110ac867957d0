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
        "Urząd lub inna instytucja publi",
        "Wielkość 0–20",
        "Wielkość 21–50",
        "Wielkość 51–90",
        "Wielkość powyżej 90",
        "Kryteria",
    ]
    main = wb["Ranking 2027"]
    assert main["A1"].value == "Kolejność" and main["A1"].font.bold
    assert main.freeze_panes == "A2"
    assert main.page_setup.orientation == "landscape"
    assert main.sheet_properties.pageSetUpPr.fitToPage and main.page_setup.fitToWidth == 1
    assert main.print_title_rows == "$1:$1"
    assert main.column_dimensions["D"].width == 45
    assert [main.cell(row=r, column=4).value for r in range(2, 6)] == [
        "=HYPERLINK(1)",
        "Gmina Beta",
        "Gmina Alfa",
        "Spółdzielnia Mieszkaniowa „Łąka”",
    ]
    assert main["H3"].value == 80.0 and main["B3"].value == "2 ex aequo"
    gminy = wb["Gmina wiejska"]
    assert [gminy.cell(row=r, column=2).value for r in (2, 3)] == ["1 ex aequo", "1 ex aequo"]
    details = wb["Kryteria"]
    assert details.max_row == 1 + 4 * 3
    assert details["C2"].value == "INF-01" and details["H2"].value == "spełnione"
    assert details["H4"].value == "niezmierzone" and details["I4"].value is None
