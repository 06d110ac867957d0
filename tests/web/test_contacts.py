"""Jurors' own mystery-client contacts: recorded with photos into the evidence store, blind
to other jurors, seen by organisers, logged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from results.models import AuditLogEntry, EvidenceBlob, JurorContact
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]

# A 1×1 PNG: a screenshot as a juror's phone would upload it.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def record(client, participant, **extra):
    data = {
        "channel": "visit",
        "occurred_at": "2027-03-10T09:15",
        "waiting_minutes": "12",
        "answered_by": "Referat podatków, pani przy okienku 3",
        "notes": "Powitanie, wskazała formularz, rozmowa przy innych interesantach.",
        **extra,
    }
    return client.post(reverse("web:contact", args=[participant.pk]), data)


def test_a_juror_records_a_visit_with_a_photo_and_other_jurors_do_not_see_it(client, world):
    a = world["a"]
    login(client, world["juror"])
    photo = SimpleUploadedFile("okienko.png", PNG, content_type="image/png")
    assert record(client, a, files=photo).status_code == 302
    contact = JurorContact.objects.get()
    assert (contact.juror, contact.channel, contact.waiting_minutes) == ("juror", "visit", 12)
    sha = contact.files[0]["sha256"]
    assert EvidenceBlob.objects.filter(sha256=sha, media_type="image/png").exists()
    assert AuditLogEntry.objects.filter(action="contact.record", actor="web:juror").exists()
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "Referat podatków, pani przy okienku 3" in page and "okienko.png" in page
    # The photo opens for the juror, from the evidence store.
    photo_page = client.get(reverse("web:evidence_file", args=[a.pk, sha]))
    assert photo_page.status_code == 200
    client.logout()

    login(client, world["juror2"])
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "Referat podatków" not in page and "Nowy kontakt" in page
    client.logout()

    login(client, world["organiser"])
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "Referat podatków, pani przy okienku 3" in page and "Nowy kontakt" not in page


def test_only_assigned_jurors_record_and_bad_input_is_refused(client, world):
    login(client, world["juror"])
    assert record(client, world["b"]).status_code == 403  # not assigned
    assert record(client, world["a"], channel="fax").status_code == 400
    exe = SimpleUploadedFile("x.exe", b"MZ", content_type="application/x-msdownload")
    response = record(client, world["a"], files=exe)
    assert response.status_code == 400 and "dozwolone są zdjęcia" in response.content.decode()
    client.logout()
    login(client, world["organiser"])
    assert record(client, world["a"]).status_code == 403
    assert not JurorContact.objects.exists()


def test_contacts_import_with_line_precise_errors(world, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "kontakty.csv"
    path.write_text(
        "juror;uczestnik;kanał;kiedy;oczekiwanie_min;kto_obsłużył;notatki\n"
        f"Anna Nowak;{world['a'].pk};telefon;2027-03-11 10:05;0;sekretariat;odebrano po 3 sygnałach\n"
        f"Anna Nowak;{world['a'].pk};fax;2027-03-11 10:05;;;\n"
        f"Anna Nowak;999999;visit;2027-03-11 10:05;;;\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("jurors", "contacts", str(path), "--edition", "2027")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "wiersz 3, kanał: nieznany kanał „fax”" in out and "wiersz 4, uczestnik" in out
    contact = JurorContact.objects.get()
    assert (contact.juror, contact.channel, contact.juror_user) == ("Anna Nowak", "phone", None)
