"""The registry's sub-kind column (podrodzaj): which questions an office or a company gets."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from results.models import Participant
from results.registry.importer import import_registry
from tests.registry.factory import import_clean, write

pytestmark = [pytest.mark.django_db]

HEADER = "nazwa;rodzaj;podrodzaj;liczba_pracownikow;strona_www;email;wojewodztwo"
ROWS = [
    "MPK Kęty sp. z o.o.;spolka_komunalna;MPK;40;mpk-kety.pl;biuro@mpk-kety.pl;małopolskie",
    "Urząd Skarbowy w Kętach;urzad;Urząd skarbowy;80;us-kety.pl;us@us-kety.pl;małopolskie",
    "MOPS Kęty;urzad;mops;30;mops-kety.pl;mops@mops-kety.pl;małopolskie",
    "Gmina Kęty;gmina_miejsko_wiejska;;120;kety.pl;ug@kety.pl;małopolskie",
]


def test_codes_labels_and_aliases(tmp_path):
    import_clean(tmp_path, HEADER, ROWS)
    assert dict(Participant.objects.values_list("name", "subkind")) == {
        "MPK Kęty sp. z o.o.": "transport",
        "Urząd Skarbowy w Kętach": "urzad_skarbowy",
        "MOPS Kęty": "ops",
        "Gmina Kęty": "",
    }


@pytest.mark.parametrize(
    ("row", "hint"),
    [
        ("Gmina X;gmina_wiejska;wodociagi;10;x.pl;a@x.pl;opolskie", "nie ma podrodzajów"),
        ("Spółka Y;spolka_komunalna;pup;10;y.pl;a@y.pl;opolskie", "wodociagi, odpady"),
        ("Urząd Z;urzad;sąd;10;z.pl;a@z.pl;opolskie", "urzad_skarbowy, pup, ops, inne"),
    ],
)
def test_a_subkind_that_does_not_fit_the_kind_is_rejected_in_polish(tmp_path, row, hint):
    report = import_registry(write(tmp_path, [HEADER, row]))
    assert report.created == 0
    (error,) = report.rejected
    assert (
        error.field == "subkind" and "nieznany podrodzaj" in error.reason and hint in error.reason
    )


def test_file_without_the_column_keeps_the_subkind_and_export_round_trips(tmp_path, capsys):
    import_clean(tmp_path, HEADER, ROWS)
    short = [";".join(r.split(";")[:2] + r.split(";")[3:]) for r in [HEADER, *ROWS]]
    report = import_registry(write(tmp_path, short, "bez.csv"))
    assert (report.updated, report.unchanged) == (0, 4)
    assert Participant.objects.get(name="MOPS Kęty").subkind == "ops"
    out = tmp_path / "eksport.csv"
    call_command("participants", "export", "--format", "csv", "--output", str(out))
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("name;kind;subkind;")
    report = import_registry(out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    call_command("participants", "export", "--format", "json")
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["MPK Kęty sp. z o.o."]["subkind"] == "transport"


def test_model_validation_names_the_allowed_subkinds():
    p = Participant(name="Gmina", kind="gmina_wiejska", subkind="ops", employees=1)
    with pytest.raises(ValidationError, match="nie ma podrodzajów"):
        p.clean()
    Participant(name="MPEC", kind="spolka_komunalna", subkind="cieplownictwo").clean()
