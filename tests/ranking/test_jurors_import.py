"""Importing jurors' assessments: line-precise Polish errors, idempotence, audit log."""

import pytest

from results.criteria_specs import CriterionSpec
from results.jurors import ImportFileError, import_assessments

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]

SPECS = {
    "HUM-01": CriterionSpec(
        "HUM-01", "Kultura obsługi (wizyta)", "visit", "human", 5, False, (), 0, 5
    ),
    "HUM-02": CriterionSpec("HUM-02", "Telefon", "phone", "human", 5, False, (), 0, 5),
    "HUM-09": CriterionSpec(
        "HUM-09", "Tylko spółdzielnie", "visit", "human", 5, False, ("S",), 0, 5
    ),
}


def write(tmp_path, text, name="oceny.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_lines_are_stored_and_bad_ones_named_by_line(tmp_path, edition, make_participant):
    a = make_participant("Gmina Alfa", nip="")
    b = make_participant("Gmina Beta")
    path = write(
        tmp_path,
        "juror;uczestnik;kryterium;ocena;komentarz;data;kanał\n"
        f"Anna Nowak;{a.pk};HUM-01;4,5;uprzejmie;2027-03-10;visit\n"
        f"Jan Kowalski;{a.identity_key};hum-01;4;;10.03.2027;visit\n"
        f"Anna Nowak;{b.pk};HUM-02;7;za wysoko;2027-03-10;phone\n"
        f"Anna Nowak;999999;HUM-01;3;;2027-03-10;visit\n"
        f"Anna Nowak;{b.pk};XYZ-01;3;;2027-03-10;visit\n"
        f"Anna Nowak;{b.pk};HUM-01;3;;2027-13-10;visit\n"
        f"Anna Nowak;{b.pk};HUM-01;trzy;;2027-03-10;visit\n"
        f"Anna Nowak;{b.pk};HUM-01;3;;2027-03-10;phone\n"
        f"Anna Nowak;{a.pk};HUM-01;2;;2027-03-11;visit\n"
        f";{b.pk};HUM-01;3;;2027-03-10;visit\n"
        f"Anna Nowak;{b.pk};HUM-09;3;;2027-03-10;visit\n",
    )
    report = import_assessments(path, SPECS, edition=edition, actor="organizator")
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    rejected = {(r["line"], r["field"]): r["reason"] for r in report.as_dict()["rejected"]}
    assert rejected == {
        (4, "ocena"): "ocena 7 poza skalą 0–5",
        (5, "uczestnik"): "nieznany uczestnik '999999'",
        (6, "kryterium"): "nieznane kryterium 'XYZ-01'",
        (7, "data"): "niepoprawna data '2027-13-10' (oczekiwano RRRR-MM-DD)",
        (8, "ocena"): "ocena 'trzy' nie jest liczbą",
        (9, "kanał"): "kanał 'phone' nie zgadza się z kryterium HUM-01 ('visit')",
        (10, "juror"): "powtórzona ocena tego jurora (jak w wierszu 2)",
        (11, "juror"): "pole jest wymagane",
        (12, "kryterium"): "kryterium HUM-09 nie dotyczy rodzaju uczestnika „gmina_wiejska”",
    }

    from results.models import AuditLogEntry, JurorAssessment

    stored = JurorAssessment.objects.order_by("juror")
    assert [(j.juror, j.score, str(j.date)) for j in stored] == [
        ("Anna Nowak", 4.5, "2027-03-10"),
        ("Jan Kowalski", 4.0, "2027-03-10"),
    ]
    assert AuditLogEntry.objects.filter(action="assessment.import_add").count() == 2

    # Importing the same file again changes nothing; an edited score updates in place.
    again = import_assessments(path, SPECS, edition=edition)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    edited = write(
        tmp_path,
        "juror,participant,criterion,score,comment,date,channel\n"
        f"Anna Nowak,{a.pk},HUM-01,3,gorzej,2027-03-10,visit\n",
        name="poprawka.csv",
    )
    third = import_assessments(edited, SPECS, edition=edition, actor="organizator")
    assert (third.created, third.updated, third.unchanged, third.rejected) == (0, 1, 0, [])
    log = AuditLogEntry.objects.get(action="assessment.import_change")
    assert log.details["before"]["score"] == 4.5 and log.details["after"]["score"] == 3.0


def test_a_juror_with_an_account_is_linked_to_it(tmp_path, edition, make_participant):
    from django.contrib.auth import get_user_model

    from results.models import JurorAssessment

    user = get_user_model().objects.create_user("anowak")
    a = make_participant("Gmina Alfa")
    path = write(
        tmp_path,
        f"juror;uczestnik;kryterium;ocena;data;kanał\nanowak;{a.pk};HUM-01;4;2027-03-10;visit\n"
        f"Gość;{a.pk};HUM-01;3;2027-03-10;visit\n",
    )
    assert import_assessments(path, SPECS, edition=edition).created == 2
    linked = {j.juror: j.juror_user for j in JurorAssessment.objects.all()}
    assert linked == {"anowak": user, "Gość": None}


def test_dry_run_stores_nothing(tmp_path, edition, make_participant):
    a = make_participant("Gmina Alfa")
    path = write(
        tmp_path,
        f"juror;uczestnik;kryterium;ocena;data;kanał\nAnna;{a.pk};HUM-01;4;2027-03-10;visit\n",
    )
    report = import_assessments(path, SPECS, edition=edition, dry_run=True)
    assert report.created == 1
    from results.models import AuditLogEntry, JurorAssessment

    assert not JurorAssessment.objects.exists() and not AuditLogEntry.objects.exists()


def test_xlsx_rows_and_edition_column(tmp_path, edition, make_participant):
    from openpyxl import Workbook

    a = make_participant("Gmina Alfa")
    wb = Workbook()
    ws = wb.active
    ws.append(["Juror", "Uczestnik", "Kryterium", "Ocena", "Komentarz", "Data", "Kanał", "Edycja"])
    import datetime as dt

    ws.append(["Anna", a.pk, "HUM-01", 5, "", dt.datetime(2027, 3, 10), "visit", 2027])
    ws.append([None] * 8)  # an empty row is skipped, not reported
    ws.append(["Anna", a.pk, "HUM-02", 5, "", dt.datetime(2027, 3, 10), "phone", 2031])
    path = tmp_path / "oceny.xlsx"
    wb.save(path)
    report = import_assessments(path, SPECS, edition=None)
    assert report.created == 1
    assert report.rejected == [{"line": 4, "field": "edycja", "reason": "nieznana edycja '2031'"}]


def test_missing_columns_and_unknown_format(tmp_path):
    with pytest.raises(ImportFileError, match="brak wymaganych kolumn: ocena, kanał"):
        import_assessments(write(tmp_path, "juror;uczestnik;kryterium;data\n"), SPECS)
    with pytest.raises(ImportFileError, match="(?i)nieobsługiwany format"):
        import_assessments(write(tmp_path, "x", name="oceny.ods"), SPECS)
