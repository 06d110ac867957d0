"""Hostile and broken files for the registry, the jurors' import and rubrics (issue 18):
every case ends in a clear Polish error or in every row read or rejected with its line,
within limits the readers set themselves (size, unpacked size, rows, field length, YAML
aliases and depth), never a traceback."""

import dataclasses
import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from results.models import Edition, Participant
from results.registry.importer import import_registry
from results.registry.readers import RegistryFileError
from rubrics.rubric import RubricError, parse_rubric
from tests.registry.factory import HEADER

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ROW = "Gmina Żabia Wola;Gmina wiejska;45;www.zabiawola.pl;ug@zabiawola.pl;mazowieckie;5213017228;;1438092;Anna"
ROW2 = "Gmina Kęty;Gmina wiejska;45;www.kety.pl;ug@kety.pl;małopolskie;;;;"


@pytest.fixture
def small_limits(settings):
    """1 MB files, 4 MB unpacked, 50 rows: the same code paths as the real limits, fast."""
    settings.AUDITOR = dataclasses.replace(
        settings.AUDITOR, import_max_bytes=1024 * 1024, import_max_rows=50
    )


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def xlsx_with_sheet(tmp_path, name, sheet_xml: bytes) -> Path:
    """A real workbook whose first sheet's XML is replaced by `sheet_xml`."""
    wb = Workbook()
    wb.active.append(["x"])
    plain = io.BytesIO()
    wb.save(plain)
    path = tmp_path / name
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            dst.writestr(item, data)
    return path


def sheet(rows: list[list[str]], dimension: str | None = None, prolog: str = "") -> bytes:
    def cell(ref, value):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    body = "".join(
        f'<row r="{r}">'
        + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(values))
        + "</row>"
        for r, values in enumerate(rows, start=1)
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{body}</sheetData></worksheet>"
    ).encode()


HEAD = HEADER.split(";")


def test_a_stale_dimension_hides_no_row(tmp_path):
    rows = [HEAD, ROW.split(";"), ROW2.split(";")]
    path = xlsx_with_sheet(tmp_path, "stale.xlsx", sheet(rows, dimension="A1:J2"))
    report = import_registry(path)
    assert report.created == 2 and report.rejected == []


def test_an_unterminated_quote_costs_only_its_own_row(tmp_path):
    broken = ROW.replace("Gmina Żabia Wola", '"Gmina Żabia Wola')
    third = ROW2
    path = write(tmp_path, "badquote.csv", "\n".join([HEADER, broken, third]) + "\n")
    report = import_registry(path)
    assert [(e.line, e.field) for e in report.rejected] == [(2, "wiersz")]
    assert "cudzysłów" in report.rejected[0].reason
    assert report.created == 1 and Participant.objects.get().name == "Gmina Kęty"


def test_a_quote_left_open_mid_file_keeps_the_rows_after_it(tmp_path):
    broken = ROW.replace("Gmina Żabia Wola", 'Gmina "Żabia Wola')
    lines = [
        HEADER,
        ROW2,
        broken.replace(";Gmina wiejska", ';"Gmina wiejska'),
        *[
            ROW2.replace("Kęty", f"Kęty {n}").replace("www.kety.pl", f"www.kety{n}.pl")
            for n in range(3)
        ],
    ]
    report = import_registry(write(tmp_path, "mid.csv", "\n".join(lines) + "\n"))
    assert [e.line for e in report.rejected] == [3]
    assert report.created == 4


def test_an_oversized_field_rejects_its_line_only(tmp_path):
    huge = ROW2.replace("Gmina Kęty", "G" * 200_000)
    report = import_registry(write(tmp_path, "wide.csv", "\n".join([HEADER, huge, ROW]) + "\n"))
    assert [(e.line, e.field) for e in report.rejected] == [(2, "wiersz")]
    assert "dłuższe" in report.rejected[0].reason and report.created == 1


def test_nul_characters_never_reach_the_database(tmp_path):
    report = import_registry(
        write(
            tmp_path, "nul.csv", "\n".join([HEADER, ROW.replace("Żabia", "Ża\x00bia"), "\x00;\x00"])
        )
    )
    assert report.created == 1
    assert Participant.objects.get().name == "Gmina Żabia Wola"


@pytest.mark.usefixtures("small_limits")
def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    lines = [HEADER] + [ROW2.replace("Kęty", f"K{n}") for n in range(20_000)]
    with pytest.raises(RegistryFileError, match="AUDITOR_IMPORT_MAX_BYTES"):
        import_registry(write(tmp_path, "big.csv", "\n".join(lines)))
    assert Participant.objects.count() == 0


@pytest.mark.usefixtures("small_limits")
def test_too_many_rows_store_nothing(tmp_path):
    lines = [HEADER] + [
        ROW2.replace("Kęty", f"K{n}").replace("www.kety.pl", f"k{n}.pl") for n in range(60)
    ]
    with pytest.raises(RegistryFileError, match="AUDITOR_IMPORT_MAX_ROWS"):
        import_registry(write(tmp_path, "rows.csv", "\n".join(lines)))
    assert Participant.objects.count() == 0


@pytest.mark.usefixtures("small_limits")
def test_an_xlsx_bomb_is_refused_from_its_directory(tmp_path):
    # One cell of 8 MB of spaces: a few kB packed, over the 4 MB unpacked limit.
    path = xlsx_with_sheet(tmp_path, "bomb.xlsx", sheet([HEAD, [" " * 8_000_000]]))
    assert path.stat().st_size < 100_000
    with pytest.raises(RegistryFileError, match="po rozpakowaniu"):
        import_registry(path)


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>',
    ],
    ids=["xxe", "entity-expansion"],
)
def test_hostile_xml_in_a_workbook_is_a_clear_error(tmp_path, prolog):
    # 10^8 characters from 1 kB: expat's amplification guard stops it; the error is ours.
    rows = [HEAD, ["&h;" if "ENTITY h" in prolog else "&x;", *ROW.split(";")[1:]]]
    path = xlsx_with_sheet(tmp_path, "evil.xlsx", sheet(rows, prolog=prolog))
    with pytest.raises(RegistryFileError):
        import_registry(path)


@pytest.mark.parametrize(
    ("name", "text", "match"),
    [
        (
            "lol.yaml",
            "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "participants:\n  - name: *b\n",
            "aliasy",
        ),
        ("deep.yaml", "participants: " + "[" * 100_000 + "]" * 100_000 + "\n", "zagnieżdżenie"),
        ("garbage.yaml", None, "YAML"),
    ],
)
def test_hostile_yaml_registries_are_refused(tmp_path, name, text, match):
    data = random.Random(7).randbytes(50_000) if text is None else text.encode()
    with pytest.raises(RegistryFileError, match=match):
        import_registry(write(tmp_path, name, data))


def test_hostile_rubrics_list_their_error(tmp_path):
    for text, match in [
        ("version: x\nq: &a [1,2]\nr: *a\n", "aliasy"),
        ("x: " + "[" * 5000, "zagnieżdżenie"),
        ("# " + "x" * 1_100_000, "więcej niż dopuszczalne"),
    ]:
        with pytest.raises(RubricError, match=match):
            parse_rubric(text)


def _run(*args, tmp_path):
    env = {**os.environ, "AUDITOR_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    auditor = str(Path(sys.executable).with_name("auditor"))
    return subprocess.run(
        [auditor, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_commands_exit_as_documented_on_hostile_files(tmp_path):
    assert _run("init", tmp_path=tmp_path).returncode == 0
    assert _run("edition", "create", "--year", "2027", tmp_path=tmp_path).returncode == 0
    garbage = write(tmp_path, "garbage.csv", random.Random(1).randbytes(20_000))
    x81 = write(tmp_path, "x81.csv", b"juror;uczestnik\n\x81\x83\x88\x90\x98;1\n")
    lol = write(tmp_path, "lol.yaml", "a: &a [x]\nparticipants:\n  - name: *a\n")
    bad_zip = write(tmp_path, "broken.xlsx", b"PK\x03\x04 not a workbook")
    for args in [
        ("participants", "import", str(lol)),
        ("participants", "import", str(bad_zip)),
        ("jurors", "import", str(garbage), "--edition", "2027"),
        ("jurors", "import", str(x81), "--edition", "2027"),
        ("jurors", "import", str(bad_zip), "--edition", "2027"),
        ("jurors", "import", str(tmp_path / "none.csv"), "--edition", "2027"),
        ("rubric", "check", str(tmp_path / "none.yaml")),
    ]:
        done = _run(*args, tmp_path=tmp_path)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, (args, done.stderr)
    bad_rubric = write(tmp_path, "bad.yaml", "version: '2027.9'\nx: &a 1\ny: *a\n")
    done = _run("rubric", "check", str(bad_rubric), "--json", tmp_path=tmp_path)
    assert done.returncode == 1 and '"valid": false' in done.stdout and "aliasy" in done.stdout
    good = _run("rubric", "check", "2027.1", "--json", tmp_path=tmp_path)
    assert good.returncode == 0 and '"valid": true' in good.stdout
    assert Edition.objects.count() == 0  # the commands used their own database


def test_import_and_the_probe_guard_agree_on_which_addresses_are_public():
    import ipaddress

    from probes.netguard import is_forbidden_address
    from results.registry.validation import is_public_address

    samples = [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.170.2",
        "100.100.100.200",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "192.0.2.1",
        "8.8.8.8",
        "212.77.98.9",
        "::1",
        "fd00::1",
        "fe80::1",
        "fd00:ec2::254",
        "::ffff:127.0.0.1",
        "::ffff:8.8.8.8",
        "2606:4700:4700::1111",
        "2001:db8::1",
        "ff02::1",
    ]
    for text in samples:
        address = ipaddress.ip_address(text)
        assert is_public_address(address) == (not is_forbidden_address(address)), text
