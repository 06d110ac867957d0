"""The one calendar (rubrics/calendar.py): working days, declared days off, the statutory
deadline, one uniform scoring calendar, and the legal regime named to jurors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rubrics.calendar import (
    WARSAW,
    business_seconds,
    is_working_day,
    legal_regime,
    parse_days_off,
    statutory_deadline,
)
from rubrics.engine import evaluate
from rubrics.rubric import load_rubric
from tests import email_world as w
from tests.email_world import artifact, message

H = 3600


def local(*args) -> datetime:
    return datetime(*args, tzinfo=WARSAW)


def enquiry_answered(sent: datetime, received: datetime, **kwargs) -> dict:
    reply = message(w.EXEMPLARY, after=timedelta(0))
    reply["received_at"] = received.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return artifact(reply, sent_at=sent.astimezone(UTC), **kwargs)


def latency(art: dict, ctx: dict | None = None, kind: str = "gmina_wiejska", version="2027.1"):
    results = evaluate(
        load_rubric(version), kind, {"website": None, "email": [art]}, ctx, strict=True
    )
    return {r.id: r for r in results}["EML-LAT"]


def test_a_declared_substitute_day_is_skipped():
    # Thursday 13 Aug 2026 10:00 → Monday 17 Aug 10:00; Saturday 15 Aug (Assumption) gives a
    # substitute day off, which an office declared for Friday 14 Aug.
    sent, replied = local(2026, 8, 13, 10, 0), local(2026, 8, 17, 10, 0)
    declared = parse_days_off(["2026-08-14"])
    assert business_seconds(sent, replied) == (6 + 8 + 2) * H
    assert business_seconds(sent, replied, days_off=declared) == (6 + 2) * H
    assert is_working_day(date(2026, 8, 14)) and not is_working_day(date(2026, 8, 14), declared)
    # Through EML-LAT (the packaged rubric's calendar, pn–pt 7:30–15:30): 2 business days
    # become 1 when the day off is declared for the edition.
    art = enquiry_answered(sent, replied)
    without = latency(art)
    with_day_off = latency(art, {"days_off": ["2026-08-14"]})
    assert without.details["enquiries"][0]["first"]["points"] == 75
    assert with_day_off.details["enquiries"][0]["first"]["points"] == 90
    assert with_day_off.score > without.score


def test_the_deadline_ends_at_the_end_of_its_last_working_day_in_warsaw():
    # Sent Friday 11 Dec 2026: day 14 is 25 Dec (holiday), 26 Dec (holiday, Saturday), 27 Dec
    # (Sunday): the deadline is the end of Monday 28 Dec, Polish time.
    deadline = statutory_deadline(local(2026, 12, 11, 10, 0))
    assert deadline.astimezone(WARSAW).date() == date(2026, 12, 28)
    assert deadline.astimezone(WARSAW).strftime("%H:%M:%S") == "23:59:59"
    # Not to the minute: a reply on the evening of day 14 is in time.
    assert statutory_deadline(local(2027, 3, 1, 10, 13)) == local(2027, 3, 15, 23, 59, 59, 999999)
    # A declared day off on the last day moves it too.
    moved = statutory_deadline(local(2027, 3, 1, 10, 13), days_off=parse_days_off(["2027-03-15"]))
    assert moved.astimezone(WARSAW).date() == date(2027, 3, 16)


def test_a_reply_on_the_evening_of_day_14_counts_as_a_reply():
    sent = local(2027, 3, 1, 10, 13)
    art = enquiry_answered(sent, local(2027, 3, 15, 20, 0))
    result = latency(art, {"now": local(2027, 4, 1, 0, 0)})
    assert result.details["enquiries"][0]["first"]["points"] == 10


@pytest.mark.parametrize(
    "published",
    [
        None,
        {"tue": [["10:00", "12:00"]]},  # "wt 10:00–12:00" (domain review F31)
        {d: [["07:00", "19:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    ],
)
def test_the_same_reply_scores_the_same_whatever_hours_the_participant_publishes(published):
    # Wednesday → the next Tuesday, 6 calendar days: never 100 points for narrow hours.
    sent, replied = local(2027, 3, 3, 10, 0), local(2027, 3, 9, 11, 0)
    reference = latency(enquiry_answered(sent, replied))
    result = latency(enquiry_answered(sent, replied, office_hours=published))
    assert result.score == reference.score == pytest.approx(0.45)


def test_the_regime_is_named_to_the_jurors():
    sent, replied = local(2027, 3, 1, 10, 0), local(2027, 3, 1, 11, 0)
    udip = dict(w.ANSWER_KEY, legal_regime="udip")
    none = dict(w.ANSWER_KEY, legal_regime="none")
    r = latency(enquiry_answered(sent, replied, answer_key=udip), kind="spoldzielnia_mieszkaniowa")
    assert "termin ustawowy 14 dni (UDIP art. 13)" in r.explanation
    assert "przyjęto" not in r.explanation
    r = latency(enquiry_answered(sent, replied, answer_key=none))
    assert "bez terminu ustawowego" in r.explanation
    # Without a regime recorded (older enquiries): by kind group, and the text says so.
    r = latency(enquiry_answered(sent, replied))
    assert "termin ustawowy 14 dni (UDIP art. 13) (przyjęto według rodzaju uczestnika)" in (
        r.explanation
    )
    r = latency(enquiry_answered(sent, replied), kind="spoldzielnia_mieszkaniowa")
    assert "bez terminu ustawowego (przyjęto według rodzaju uczestnika)" in r.explanation
    assert legal_regime(None, "nieznany") == ("none", True)


def test_no_reply_to_a_public_body_is_a_statutory_breach():
    sent = local(2027, 3, 1, 10, 13)
    art = artifact(sent_at=sent.astimezone(UTC), state="unanswered")
    r = latency(art, {"now": local(2027, 4, 1, 0, 0)})
    assert r.score == 0.0
    assert r.details["enquiries"][0]["statutory_breach"] is True
    assert "termin ustawowy minął bez odpowiedzi" in r.explanation


def test_bad_days_off_are_refused_in_polish():
    with pytest.raises(ValueError, match="niepoprawna data dnia wolnego"):
        parse_days_off(["2026-02-30"])
