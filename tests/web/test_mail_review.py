"""The jurors' queue of replies the matcher could not place: who sees what, assigning and
dismissing (each in the audit log), and that nothing waiting is lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from results.email_models import Enquiry, IncomingMessage
from results.models import AuditLogEntry
from scheduler.email import review
from tests.factories import make_persona, make_sent_enquiry
from tests.web.conftest import login

RAW = (
    "From: Kancelaria <kancelaria@gmina1.example.pl>\r\nTo: anna@persona.test\r\n"
    "Subject: Informacja\r\nMessage-ID: <k1@gmina1.example.pl>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Dzień dobry, psa należy zgłosić w pok. 12.\r\n"
).encode()
SENT = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def queue(world, store):
    persona = make_persona("anna@persona.test", user="anna")

    def enquiry(participant, n):
        message_id = f"<e{n}@persona.test>"
        return make_sent_enquiry(
            world["edition"], participant, persona, SENT, message_id=message_id
        )

    ea, eb = enquiry(world["a"], 1), enquiry(world["b"], 2)
    sha = store.put(RAW, "message/rfc822", "email.watch")

    def message(uid, candidates):
        return IncomingMessage.objects.create(
            persona=persona,
            uidvalidity=1,
            uid=uid,
            raw_blob=sha,
            internaldate=SENT + timedelta(hours=uid),
            from_addr="kancelaria@gmina1.example.pl",
            subject="Informacja",
            kind="other",
            matched_by="ambiguous",
            new_text="Dzień dobry, psa należy zgłosić w pok. 12.",
            match_evidence={
                "how": "ambiguous",
                "enquiry_id": None,
                "reasons": ["nadawca z domeny instytucji"],
                "candidates": [
                    {"enquiry_id": e.id, "score": 2, "sender": 2, "reasons": ["domena"]}
                    for e in candidates
                ],
            },
        )

    return {"a": ea, "b": eb, "ma": message(1, [ea]), "mb": message(2, [eb])}


def test_organiser_sees_all_juror_only_own_observer_nothing(client, world, queue):
    html = login(client, world["organiser"]).get("/poczta/do-przypisania/").content.decode()
    assert html.count('class="review-item"') == 2 and "Gmina Przykładowa 2" in html
    client.logout()
    html = login(client, world["juror"]).get("/poczta/do-przypisania/").content.decode()
    assert html.count('class="review-item"') == 1 and "Gmina Przykładowa 1" in html
    client.logout()
    assert login(client, world["observer"]).get("/poczta/do-przypisania/").status_code == 403


def test_juror_assigns_within_own_participants_and_it_is_logged(client, world, queue):
    login(client, world["juror"])
    other = client.post(
        f"/poczta/do-przypisania/{queue['mb'].pk}/", {"enquiry": queue["b"].pk, "note": "x"}
    )
    assert other.status_code == 403
    response = client.post(
        f"/poczta/do-przypisania/{queue['ma'].pk}/",
        {"enquiry": queue["a"].pk, "note": "odpowiedź o psa"},
    )
    assert response.status_code == 302
    m = IncomingMessage.objects.get(pk=queue["ma"].pk)
    assert (m.enquiry_id, m.matched_by, m.review_decision) == (queue["a"].pk, "juror", "assigned")
    assert m.kind == "human_reply"  # classified again as a matched message
    assert Enquiry.objects.get(pk=queue["a"].pk).state == Enquiry.ANSWERED
    entry = AuditLogEntry.objects.get(action="email.match_assigned")
    assert entry.actor == "web:juror" and entry.details["enquiry"] == queue["a"].pk
    # Decided once: a second decision is refused.
    with pytest.raises(review.ReviewError):
        review.dismiss(m, "ktoś")


def test_dismissing_and_a_missing_choice(client, world, queue):
    login(client, world["organiser"])
    bad = client.post(f"/poczta/do-przypisania/{queue['mb'].pk}/", {"note": "?"})
    assert bad.status_code == 400 and "Nie zapisano" in bad.content.decode()
    ok = client.post(f"/poczta/do-przypisania/{queue['mb'].pk}/", {"enquiry": "none"})
    assert ok.status_code == 302
    m = IncomingMessage.objects.get(pk=queue["mb"].pk)
    assert (m.review_decision, m.enquiry_id) == ("dismissed", None)
    assert list(review.pending()) == [queue["ma"]]


def test_a_placed_message_the_classifier_doubts_waits_for_confirmation(client, world, queue):
    ea = queue["a"]
    ea.state = Enquiry.ANSWERED
    ea.save()
    doubted = IncomingMessage.objects.create(
        persona=ea.persona,
        enquiry=ea,
        uidvalidity=1,
        uid=3,
        raw_blob=queue["ma"].raw_blob,
        internaldate=SENT + timedelta(hours=5),
        from_addr="ezd@gmina1.example.pl",
        subject="Re: Rejestracja psa",
        kind="human_reply",
        matched_by="in_reply_to",
        match_evidence={
            "how": "in_reply_to",
            "enquiry_id": ea.id,
            "classification_review": "Auto-Submitted: auto-generated, but the text reads as an answer",
        },
    )
    html = login(client, world["juror"]).get("/poczta/do-przypisania/").content.decode()
    assert "nie jest pewien" in html and "Auto-Submitted" in html
    assert (
        client.post(f"/poczta/do-przypisania/{doubted.pk}/", {"enquiry": "none"}).status_code == 302
    )
    doubted.refresh_from_db()
    assert (doubted.kind, doubted.enquiry_id, doubted.review_decision) == (
        "auto_reply",
        ea.id,
        "dismissed",
    )
    # It was the only answer: the enquiry waits again.
    assert Enquiry.objects.get(pk=ea.pk).state == Enquiry.SENT
