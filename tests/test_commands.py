"""Every command the README documents, run as a user runs it: once with a valid input, once
with a wrong one (missing file, unknown participant or edition, malformed file).

A wrong input must end in a Polish message (`Błąd: …` or argparse's Polish `błąd:`) and exit
status 2, or 1 where the README says so; nothing may end in a traceback. The commands run in
a fresh data directory, one after another (later ones use the edition and participants the
earlier ones made). Commands that need the network, Chromium or the mail servers are run
only with wrong input here; their own tests run them for real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AUDITOR = str(Path(sys.executable).with_name("auditor"))

pytestmark = pytest.mark.slow

REGISTRY = """nazwa,rodzaj,liczba_pracownikow,strona_www,email,wojewodztwo
Gmina Zielona Dolina,gmina_wiejska,25,https://zielona-dolina.example.pl/,ug@zielona-dolina.example.pl,mazowieckie
Gmina Biała Góra,gmina_miejska,60,https://biala-gora.example.pl/,ug@biala-gora.example.pl,slaskie
"""
REJECTED = """nazwa,rodzaj,liczba_pracownikow,strona_www,email,wojewodztwo
Gmina Zła,nieznany_rodzaj,-3,to-nie-adres,zly-adres,nigdzie
"""
REPLY = (
    "From: ug@zielona-dolina.example.pl\r\nTo: anna@example.pl\r\nSubject: Re: pytanie\r\n"
    "Message-ID: <r1@zielona-dolina.example.pl>\r\n\r\nDzień dobry, odpowiadamy.\r\n"
)

# (arguments, expected exit status, for a wrong input: a fragment of the Polish message).
# "{p}" is the first participant's id. Order matters: the first ones build the data.
CASES: list[tuple[tuple[str, ...], int, str]] = [
    (
        ("edition", "create", "--year", "2027", "--start", "2027-03-01", "--end", "2027-05-31"),
        0,
        "",
    ),
    (("edition", "create", "--year", "abc"), 2, "nieprawidłowa wartość"),
    (("edition", "list"), 0, ""),
    (("edition", "days-off", "--year", "2027", "--add", "2027-05-02", "--json"), 0, ""),
    (("edition", "days-off", "--year", "1999"), 2, "Nie ma edycji 1999"),
    (("edition", "days-off", "--year", "2027", "--add", "32 maja"), 2, ""),
    (("participants", "import", "rejestr.csv", "--edition", "2027", "--json"), 0, ""),
    (("participants", "import", "odrzucone.csv", "--json"), 1, ""),  # README: 1 some rejected
    (("participants", "import", "brak.csv"), 2, "nie istnieje"),
    (("participants", "import", "zepsuty.xlsx"), 2, "nie jest poprawnym arkuszem"),
    (("participants", "list", "--json"), 0, ""),
    (("participants", "list", "--edition", "1999"), 2, "Nie ma edycji 1999"),
    (("participants", "export", "--format", "csv", "--output", "uczestnicy.csv"), 0, ""),
    (("participants", "export", "--format", "json"), 0, ""),
    (("participants", "export", "--format", "csv", "--output", "brak/katalogu/u.csv"), 2, ""),
    (("participants", "export", "--format", "pdf"), 2, "nieprawidłowy wybór"),
    (("probe", "website"), 2, "Podaj adres strony"),
    (("probe", "website", "--participant", "99999"), 2, "Nie ma uczestnika"),
    (("probe", "accessibility"), 2, "brakuje wymaganych argumentów"),
    (("email", "status", "--json"), 0, ""),
    (("email", "classify", "--json", "odpowiedz.eml"), 0, ""),
    (("email", "classify", "--json", "brak.eml"), 2, ""),  # README: an error object, status 2
    (("email", "send", "--edition", "1999"), 2, "Nie ma edycji 1999"),
    (("email", "resolve-uncertain"), 0, ""),
    (("email", "persona-add", "--first-name", "Anna"), 2, "wymaganych argumentów"),
    (("sweep", "status", "--json"), 0, ""),
    (("sweep", "run", "--edition", "1999"), 2, "Nie ma edycji 1999"),
    (("scheduler", "--edition", "1999", "--plan-only"), 2, "Nie ma edycji 1999"),
    (("worker", "--processes", "abc"), 2, "nieprawidłowa wartość"),
    (("rescore", "--edition", "2027"), 0, ""),
    (("rescore", "--edition", "1999"), 2, "Nie ma edycji 1999"),
    (("ranking", "--edition", "2027"), 0, ""),
    (("ranking", "--edition", "1999"), 2, "Nie ma edycji 1999"),
    (("export", "ranking", "--edition", "2027", "--format", "json", "--output", "r.json"), 0, ""),
    (("export", "ranking", "--edition", "1999", "--format", "csv", "--output", "r.csv"), 2, ""),
    (("report", "--edition", "2027", "--participant", "{p}", "--output", "raporty"), 0, ""),
    (("report", "--edition", "2027", "--participant", "99999", "--output", "raporty"), 2, ""),
    (("jurors", "import", "brak.xlsx", "--edition", "2027"), 2, "Nie ma pliku"),
    (("jurors", "import", "zepsuty.xlsx", "--edition", "2027"), 2, "arkuszem"),
    (("agreement", "--edition", "2027"), 0, ""),
    (("agreement", "--edition", "1999"), 2, "Nie ma edycji 1999"),
    (
        ("override", "add", "--edition", "2027", "--participant", "{p}", "--criterion", "INF-03")
        + ("--status", "pass", "--reason", "Sprawdzono ręcznie.", "--actor", "ola"),
        0,
        "",
    ),
    (
        ("override", "add", "--edition", "2027", "--participant", "99999", "--criterion")
        + ("INF-03", "--status", "pass", "--reason", "x", "--actor", "ola"),
        2,
        "Nie ma uczestnika",
    ),
    (("rubric", "list"), 0, ""),
    (("rubric", "check", "2027.3"), 0, ""),
    (("rubric", "check", "9999.9"), 2, "nie ma rubryki"),  # README: 2 no such version
    (("rubric", "check", "zepsuta.yaml"), 1, "błąd składni YAML"),  # README: 1 errors listed
    (("publish", "list"), 0, ""),
    (("publish", "ranking", "--edition", "1999", "--yes"), 2, "Nie ma edycji 1999"),
    (("appeal", "list", "--json"), 0, ""),
    (
        ("appeal", "add", "--participant", "{p}", "--received", "2027-06-10")
        + ("--grounds", "Nie zgadzamy się z oceną."),
        0,
        "",
    ),
    (
        ("appeal", "add", "--participant", "99999", "--received", "2027-06-10", "--grounds", "x"),
        2,
        "Nie ma uczestnika",
    ),
    (("appeal", "decide", "999", "--decision", "upheld", "--reason", "x"), 2, "Nie ma odwołania"),
    (("certificate", "list"), 0, ""),
    (("certificate", "verify", "7K3M-Q2XA-9RTD-H4WE"), 1, "Nie ma certyfikatu"),  # README: 1
    (("certificate", "revoke", "LZM/1999/0001", "--reason", "x"), 2, "Nie ma certyfikatu"),
    (("certificate", "issue", "--edition", "1999"), 2, "Nie ma edycji 1999"),
    (("users", "create", "--role", "juror", "jan", "--password-env", "HASLO_JANA"), 0, ""),
    (("users", "assign", "jan", "{p}", "--edition", "2027"), 0, ""),
    (("users", "assign", "nikt", "{p}", "--edition", "2027"), 2, "Nie ma konta nikt"),
    (("evidence", "verify", "--json"), 0, ""),
    (("evidence", "relink", "--json"), 0, ""),
    (("evidence", "napraw"), 2, "nieprawidłowy wybór"),
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    path = tmp_path_factory.mktemp("commands")
    (path / "rejestr.csv").write_text(REGISTRY, encoding="utf-8")
    (path / "odrzucone.csv").write_text(REJECTED, encoding="utf-8")
    (path / "zepsuty.xlsx").write_bytes(b"PK\x03\x04 to nie jest arkusz")
    (path / "zepsuta.yaml").write_text("version: [\n", encoding="utf-8")
    (path / "odpowiedz.eml").write_text(REPLY, encoding="utf-8")
    return path


def _run(workdir: Path, args: tuple[str, ...]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.pop("AUDITOR_CONFIRM_DANGEROUS", None)
    env["AUDITOR_DATA_DIR"] = str(workdir / "data")
    env["HASLO_JANA"] = "Haslo-Jana-2027!"
    return subprocess.run(
        [AUDITOR, *args],
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_documented_command_with_valid_and_wrong_input(workdir):
    assert _run(workdir, ("init",)).returncode == 0
    participant = ""
    problems = []
    for args, expected, message in CASES:
        args = tuple(a.replace("{p}", participant) for a in args)
        done = _run(workdir, args)
        said = done.stderr + done.stdout
        if "Traceback" in said:
            problems.append(f"{' '.join(args)}: traceback\n{done.stderr[-2000:]}")
        elif done.returncode != expected:
            problems.append(f"{' '.join(args)}: status {done.returncode}, expected {expected}")
        elif expected and message and message not in said:
            problems.append(f"{' '.join(args)}: no {message!r} in {done.stderr[-300:]!r}")
        elif expected == 2 and not done.stderr.strip():
            problems.append(f"{' '.join(args)}: status 2 without a message")
        if args[:2] == ("participants", "import") and expected == 0:
            listed = json.loads(_run(workdir, ("participants", "list", "--json")).stdout)
            participant = str(min(p["id"] for p in listed))
    assert problems == []
