"""Licence certificates (issue 19): numbered per edition, a random verification code that
`auditor certificate verify` and a public page confirm without login (name, edition and
validity only), a forged code finds nothing, a revoked one says so; the PDF is tagged, in
Polish, with its text extractable."""

import datetime as dt
import re
import subprocess
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from results.certificates import (
    ALPHABET,
    issue_certificates,
    new_code,
    normalise_code,
    render_certificate,
    verify,
)
from results.models import AuditLogEntry, Certificate

pytestmark = pytest.mark.django_db


def _ranking(*entries):
    """A ranking as issue_certificates reads it: licence and the entrant's name and points."""
    return SimpleNamespace(
        entries=tuple(
            SimpleNamespace(
                licence=licence,
                entrant=SimpleNamespace(participant_id=p.pk, name=p.name, points=points),
            )
            for p, points, licence in entries
        )
    )


@pytest.fixture
def issued(edition, make_participant, store_run):
    a = make_participant("Gmina Zielona Dolina")
    b = make_participant("Spółdzielnia Mieszkaniowa Lipowa", kind="spoldzielnia_mieszkaniowa")
    c = make_participant("Gmina Bez Licencji")
    run = store_run(edition, {})
    ranking = _ranking((a, 91.5, True), (b, 80.25, True), (c, 40.0, False))
    result = issue_certificates(edition, run, ranking, actor="cli:test")
    return {
        "edition": edition,
        "run": run,
        "ranking": ranking,
        "a": a,
        "b": b,
        "c": c,
        "result": result,
    }


def test_licensed_participants_get_numbered_certificates_once(issued):
    numbers = [i.certificate.number for i in issued["result"]]
    assert numbers == ["LZM/2027/0001", "LZM/2027/0002"]
    assert all(i.created for i in issued["result"])
    assert not Certificate.objects.filter(participant=issued["c"]).exists()
    again = issue_certificates(issued["edition"], issued["run"], issued["ranking"], actor="cli:x")
    assert [(i.certificate.number, i.created) for i in again] == [
        ("LZM/2027/0001", False),
        ("LZM/2027/0002", False),
    ]
    first = Certificate.objects.get(number="LZM/2027/0001")
    assert first.valid_until == dt.date(2028, 12, 31) and str(first.points) == "91.50"
    assert AuditLogEntry.objects.filter(action="certificate.issue").count() == 2


def test_codes_are_random_and_verify_forgives_typing(issued):
    cert = Certificate.objects.get(number="LZM/2027/0001")
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}", cert.code)
    assert len({new_code() for _ in range(1000)}) == 1000
    assert verify(cert.code) == cert
    assert verify(cert.code.lower().replace("-", " ")) == cert
    forged = cert.code[:-1] + ("0" if cert.code[-1] != "0" else "1")
    assert verify(forged) is None
    assert verify("ABCD-EFGH-JKMN-PQRS") is None
    assert verify("to nie jest kod") is None and normalise_code("") == ""
    assert set(cert.code.replace("-", "")) <= set(ALPHABET)


def test_the_command_verifies_and_refuses_a_forged_code(issued, capsys):
    cert = Certificate.objects.get(number="LZM/2027/0002")
    call_command("certificate", "verify", cert.code, "--json")
    out = capsys.readouterr().out
    assert '"found": true' in out and "Lipowa" in out and '"status": "ważny"' in out
    assert '"points"' not in out and "nip" not in out.lower()
    with pytest.raises(CommandError) as failure:
        call_command("certificate", "verify", "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    assert failure.value.returncode == 1 and "podrobiony" in str(failure.value)


def test_a_revoked_certificate_says_so(issued):
    call_command("certificate", "revoke", "LZM/2027/0001", "--reason", "odwołanie uwzględnione")
    cert = Certificate.objects.get(number="LZM/2027/0001")
    with pytest.raises(CommandError, match="unieważniony"):
        call_command("certificate", "verify", cert.code)
    assert AuditLogEntry.objects.filter(action="certificate.revoke").exists()


def test_the_public_page_needs_no_login_and_shows_only_name_edition_validity(issued, client):
    cert = Certificate.objects.get(number="LZM/2027/0001")
    page = client.get(reverse("web:certificate", args=[cert.code]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Gmina Zielona Dolina" in body and "2027" in body and "2028-12-31" in body
    assert "jest ważny" in body
    assert "91,5" not in body and "91.5" not in body and issued["a"].website not in body
    forged = client.get(reverse("web:certificate", args=["ZZZZ-ZZZZ-ZZZZ-ZZZZ"]))
    assert forged.status_code == 404 and "Nie ma certyfikatu" in forged.content.decode()
    typed = client.get(reverse("web:certificates"), {"kod": cert.code.lower()})
    assert typed.status_code == 302 and typed["Location"].endswith(f"/{cert.code}/")
    assert client.get(reverse("web:certificates")).status_code == 200


@pytest.mark.browser
@pytest.mark.slow
def test_the_certificate_pdf_is_tagged_polish_and_readable(issued, tmp_path):
    from auditor.pdf import html_to_pdf

    cert = Certificate.objects.get(number="LZM/2027/0002")
    pdf = html_to_pdf(render_certificate(cert, "https://audytor.example.pl/certyfikat/"))
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Spółdzielnia Mieszkaniowa Lipowa" in text and cert.code in text
    assert "LZM/2027/0002" in text and "Licencja Jakości" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info) and "A4" in info
    assert re.search(rb"/Lang\s*\(pl\)", pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
