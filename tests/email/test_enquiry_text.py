"""Enquiry templates, the message we send, when we send it, and matching replies (pure)."""

import email
import random
import re
from datetime import UTC, date, datetime, timedelta
from email import policy

import pytest

from probes.email import schedule
from probes.email.compose import compose_enquiry, new_message_id
from probes.email.match import EnquiryRef, match_message
from probes.email.templates import (
    Choice,
    PersonaText,
    choose_wordings,
    load_templates,
    render,
    templates_for,
)
from rubrics.kinds import KIND_CODES

ANNA = PersonaText("Anna Kowalska", "f")
PIOTR = PersonaText("Piotr Nowak", "m")
AUDIT_WORDS = re.compile(
    r"audyt|kontrol|konkurs|lider|zaufani|ranking|badani|ankiet|test|tajemnicz", re.I
)


def test_every_kind_has_a_template_and_every_template_several_wordings():
    for kind in KIND_CODES:
        assert templates_for(kind), kind
    for t in load_templates().values():
        assert len(t.wordings) >= 3 and len(t.subjects) >= 3, t.id
        assert t.answer_key["facts"] and 1 <= t.answer_key["full_when"] <= len(
            t.answer_key["facts"]
        )


@pytest.mark.parametrize("template_id", sorted(load_templates()))
def test_gender_forms_and_signature(template_id):
    t = load_templates()[template_id]
    for w in range(len(t.wordings)):
        _, her = render(t, Choice(t.id, w, 0, 0, 0), ANNA)
        _, his = render(t, Choice(t.id, w, 0, 0, 0), PIOTR)
        for text in (her, his):
            assert "[" not in text and "|" not in text
            assert not AUDIT_WORDS.search(text), text
        assert her.rstrip().endswith("Anna Kowalska") and his.rstrip().endswith("Piotr Nowak")
        assert not re.search(r"\b(chciałbym|byłbym wdzięczny)\b", her)
        assert not re.search(r"\b(chciałabym|byłabym wdzięczna)\b", his)


def test_wording_female_and_male():
    t = load_templates()["gmina.podatek.raty"]
    assert "chciałabym zapytać" in render(t, Choice(t.id, 0, 0, 0, 0), ANNA)[1]
    assert "chciałbym zapytać" in render(t, Choice(t.id, 0, 0, 0, 0), PIOTR)[1]
    assert "byłabym wdzięczna" in render(t, Choice(t.id, 2, 0, 0, 0), ANNA)[1]


def test_no_two_participants_of_an_edition_get_the_same_text():
    kinds = ["gmina_wiejska"] * 40 + ["spoldzielnia_mieszkaniowa"] * 15 + ["powiat"] * 5
    participants = list(enumerate(kinds))
    chosen = choose_wordings(participants, {1: ANNA, 2: PIOTR}, seed="2027")
    templates = load_templates()
    bodies = [
        render(templates[c.template_id], c, {1: ANNA, 2: PIOTR}[p])[1] for p, c in chosen.values()
    ]
    assert len(set(bodies)) == len(bodies) == 60
    # Different wordings are used before the same wording is re-dressed.
    gmina = [c for pid, (_, c) in chosen.items() if kinds[pid] == "gmina_wiejska"][:10]
    assert len({(c.template_id, c.wording) for c in gmina}) == 10


def test_variants_running_out_is_an_error_not_a_duplicate():
    with pytest.raises(ValueError, match="wyczerpano"):
        choose_wordings([(i, "powiat") for i in range(400)], {1: ANNA}, seed="x")


def test_sent_message_looks_like_an_ordinary_client_message():
    mid = new_message_id("anna.kowalska@poczta-mieszkanca.test")
    assert re.fullmatch(r"<[0-9a-f-]{36}@poczta-mieszkanca\.test>", mid)
    msg = compose_enquiry(
        persona_name="Anna Kowalska",
        persona_address="anna.kowalska@poczta-mieszkanca.test",
        to=["sekretariat@gmina.test"],
        subject="Rejestracja psa",
        body="Dzień dobry,\nżółw\n",
        message_id=mid,
        date=datetime(2027, 3, 2, 9, 13, tzinfo=UTC),
    )
    parsed = email.message_from_bytes(msg.as_bytes(), policy=policy.default)
    names = {k.lower() for k in parsed.keys()}
    assert not any(n.startswith("x-") for n in names)
    assert "user-agent" not in names and "disposition-notification-to" not in names
    assert parsed["Message-ID"] == mid
    assert parsed.get_content() == "Dzień dobry,\nżółw\n"
    assert str(parsed["From"]) == "Anna Kowalska <anna.kowalska@poczta-mieszkanca.test>"
    assert parsed["Date"] == "Tue, 02 Mar 2027 10:13:00 +0100"


def test_working_days_and_holidays():
    assert schedule.is_working_day(date(2027, 3, 2))
    assert not schedule.is_working_day(date(2027, 3, 6))  # Saturday
    assert not schedule.is_working_day(date(2027, 11, 11))  # Independence Day
    assert not schedule.is_working_day(date(2025, 12, 24))  # Christmas Eve, from 2025
    assert not schedule.is_working_day(date(2026, 12, 24))
    assert schedule.is_working_day(date(2024, 12, 24))
    assert not schedule.is_working_day(date(2027, 5, 27))  # Corpus Christi 2027


def test_send_moment_falls_in_office_hours_of_a_working_day():
    hours = schedule.DEFAULT_OFFICE_HOURS["J"]
    rng = random.Random(1)
    friday_evening = datetime(2027, 11, 5, 17, 0, tzinfo=schedule.WARSAW)  # next: Tue 9 Nov? Mon 8
    moments = [schedule.next_send_moment(friday_evening, hours, rng) for _ in range(50)]
    for m in moments:
        local = m.astimezone(schedule.WARSAW)
        assert local.date() == date(2027, 11, 8)
        assert schedule.in_office_hours(m, hours)
    assert len({m.replace(microsecond=0) for m in moments}) > 40  # random, not fixed
    # Wednesday 10 Nov, then 11 Nov is a holiday and Friday 12 Nov a bridge day (offices
    # mostly closed): from Wed 16:00 the next moment is Monday 15 Nov.
    after = datetime(2027, 11, 10, 16, 0, tzinfo=schedule.WARSAW)
    assert schedule.next_send_moment(after, hours, rng).astimezone(schedule.WARSAW).date() == date(
        2027, 11, 15
    )


def test_rate_limit_per_domain():
    now = datetime(2027, 3, 2, 10, 0, tzinfo=UTC)
    assert schedule.rate_limited_until(None, now, timedelta(minutes=20)) is None
    last = now - timedelta(minutes=5)
    assert schedule.rate_limited_until(last, now, timedelta(minutes=20)) == last + timedelta(
        minutes=20
    )
    assert schedule.rate_limited_until(now - timedelta(hours=1), now, timedelta(minutes=20)) is None


SENT = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)
ENQUIRIES = [
    EnquiryRef(
        1,
        "<a@p.test>",
        ("sekretariat@gmina-a.test",),
        "Rejestracja psa",
        SENT,
        SENT + timedelta(days=14),
    ),
    EnquiryRef(
        2, "<b@p.test>", ("biuro@sm-b.test",), "Rozliczenie wody", SENT, SENT + timedelta(days=14)
    ),
]


def match(**kw):
    args = dict(
        in_reply_to=[],
        references=[],
        original_message_id=None,
        from_addr="x@y.test",
        subject="",
        received_at=SENT + timedelta(hours=2),
        enquiries=ENQUIRIES,
    )
    result = match_message(**(args | kw))  # (enquiry id, how); ambiguous counts as no match
    return (None, None) if result.enquiry_id is None else (result.enquiry_id, result.how)


def test_match_by_threading_headers():
    assert match(in_reply_to=["<b@p.test>"]) == (2, "in_reply_to")
    assert match(references=["<zzz@x>", "<a@p.test>"]) == (1, "references")
    assert match(original_message_id="<a@p.test>") == (1, "dsn")


def test_fallback_match_by_institution_domain_subject_and_time():
    # A clerk writing from their own address on a subdomain of the institution.
    assert match(from_addr="j.nowak@um.gmina-a.test", subject="ODP: Rejestracja psa") == (
        1,
        "fallback",
    )
    assert match(from_addr="j.nowak@gmina-a.test", subject="Odp.: rejestracja  psa") == (
        1,
        "fallback",
    )
    assert match(from_addr="j.nowak@gmina-a.test", subject="RE: Re: Rejestracja psa") == (
        1,
        "fallback",
    )
    assert match(from_addr="j.nowak@inna-gmina.test", subject="Re: Rejestracja psa") == (None, None)
    assert match(from_addr="j.nowak@gmina-a.test", subject="Re: Inna sprawa") == (None, None)
    before = SENT - timedelta(hours=1)
    assert match(
        from_addr="j.nowak@gmina-a.test", subject="Re: Rejestracja psa", received_at=before
    ) == (None, None)
    late = SENT + timedelta(days=60)
    assert match(
        from_addr="j.nowak@gmina-a.test", subject="Re: Rejestracja psa", received_at=late
    ) == (None, None)
