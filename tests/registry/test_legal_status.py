"""Legal-status columns of the registry: public body and online consumer services (issue 17)."""

import json

import pytest
from django.core.management import call_command

from results.models import Participant
from results.registry.importer import import_registry
from tests.registry.factory import import_clean, write

pytestmark = [pytest.mark.django_db]

HEADER = "nazwa;rodzaj;liczba_pracownikow;strona_www;email;wojewodztwo;podmiot_publiczny;uslugi_online_dla_konsumentow"
ROWS = [
    "Gmina Kęty;gmina_miejsko_wiejska;120;kety.pl;ug@kety.pl;małopolskie;tak;",
    "Wodociągi Kęckie sp. z o.o.;spolka_komunalna;91;wodociagi-kety.pl;bok@wodociagi-kety.pl;małopolskie;nie;Tak",
    "MPK Kęty sp. z o.o.;spolka_komunalna;40;mpk-kety.pl;biuro@mpk-kety.pl;małopolskie;;0",
]


def test_polish_headers_yes_no_and_unknown(tmp_path):
    import_clean(tmp_path, HEADER, ROWS)
    status = {
        p.name: (p.public_body, p.online_consumer_services) for p in Participant.objects.all()
    }
    assert status == {
        "Gmina Kęty": (True, None),
        "Wodociągi Kęckie sp. z o.o.": (False, True),
        "MPK Kęty sp. z o.o.": (None, False),
    }


def test_english_headers_and_yaml_booleans(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "- name: Spółka Ciepłownicza\n  kind: spolka_komunalna\n  employees: 60\n"
        "  website: cieplo.pl\n  emails: biuro@cieplo.pl\n  region: opolskie\n"
        "  public_body: false\n  online_consumer_services: true\n",
        encoding="utf-8",
    )
    report = import_registry(path)
    assert report.created == 1
    p = Participant.objects.get()
    assert (p.public_body, p.online_consumer_services) == (False, True)


def test_bad_value_is_rejected_in_polish(tmp_path):
    bad = ROWS[0].replace(";tak;", ";może;")
    report = import_registry(write(tmp_path, [HEADER, bad]))
    assert report.created == 0
    (error,) = report.rejected
    assert error.field == "public_body" and "„może” to nie „tak” ani „nie”" in error.reason


def test_file_without_the_columns_keeps_the_registry_values(tmp_path):
    import_clean(tmp_path, HEADER, ROWS)
    short_header = HEADER.rsplit(";", 2)[0]
    short_rows = [r.rsplit(";", 2)[0] for r in ROWS]
    report = import_registry(write(tmp_path, [short_header, *short_rows], "bez.csv"))
    assert (report.updated, report.unchanged) == (0, 3)
    assert Participant.objects.get(name="Gmina Kęty").public_body is True
    # An empty cell in a file that has the column means "not known" and is stored as such.
    cleared = [ROWS[0].replace(";tak;", ";;"), *ROWS[1:]]
    report = import_registry(write(tmp_path, [HEADER, *cleared], "puste.csv"))
    assert report.updated == 1
    assert Participant.objects.get(name="Gmina Kęty").public_body is None


def test_export_round_trip_and_json(tmp_path, capsys):
    import_clean(tmp_path, HEADER, ROWS)
    out = tmp_path / "eksport.csv"
    call_command("participants", "export", "--format", "csv", "--output", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0].endswith("public_body;online_consumer_services;fee_pln_net")
    report = import_registry(out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    call_command("participants", "export", "--format", "json")
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["Wodociągi Kęckie sp. z o.o."]["public_body"] is False
    assert records["MPK Kęty sp. z o.o."]["public_body"] is None
    assert records["Wodociągi Kęckie sp. z o.o."]["online_consumer_services"] is True
