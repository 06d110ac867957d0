"""UDIP art. 13 ust. 2: a notice extending the 14-day deadline (up to 2 months).

The detector is measured on real letters and BIP pages (tests/email/fixtures/extension/,
sources in the file); the latency rules on the artifact a probe records."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from rubrics.email.extension import extension_notice
from rubrics.email.replies import HOLDING, classify_reply
from rubrics.engine import evaluate
from rubrics.outcome import NOT_MEASURED
from rubrics.rubric import load_rubric
from tests import email_world as w
from tests.email_world import artifact, message

NOTICES = yaml.safe_load(
    (Path(__file__).parent / "email" / "fixtures" / "extension" / "notices.yaml").read_text(
        encoding="utf-8"
    )
)
D = timedelta(days=1)
# Sent Monday 2027-03-01; the notice names 9 April 2027 (39 days on, within 2 months).
NOTICE = (
    "Szanowna Pani,\n\nuprzejmie informuję, że z uwagi na konieczność zebrania informacji z "
    "kilku wydziałów nie jest możliwe udzielenie odpowiedzi w terminie 14 dni (art. 13 ust. 2 "
    "ustawy o dostępie do informacji publicznej). Informacja zostanie udostępniona do dnia "
    "9 kwietnia 2027 r.\n\nZ poważaniem\nKatarzyna Wiśniewska"
)


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("2027.1")


@pytest.mark.parametrize("item", NOTICES, ids=[i["id"] for i in NOTICES])
def test_notices_on_real_letters_and_pages(item):
    found = extension_notice(item["text"])
    expected = item["expected"]
    assert (found is not None) == expected["notice"], found
    if found is None:
        return
    if "until" in expected:
        assert found.until == expected["until"]
    if "months" in expected:
        assert found.months == expected["months"]
    # A notice is a holding reply, never an answer (its dates are no facts of the answer).
    reply = {"kind": "human_reply", "new_text": item["text"]}
    assert classify_reply(reply, w.ANSWER_KEY, "").code == HOLDING


def test_real_material_precision_and_recall():
    real = [i for i in NOTICES if not i.get("synthetic")]
    hits = [(extension_notice(i["text"]) is not None, i["expected"]["notice"]) for i in real]
    assert sum(found and want for found, want in hits) == sum(want for _, want in hits) == 2
    assert not any(found and not want for found, want in hits)  # no page quoting the law


def latency(rubric, *msgs, kind="gmina_miejska", now=w.SENT + 90 * D, **kw):
    results = evaluate(
        rubric, kind, {"email": [artifact(*msgs, **kw)]}, ctx_extra={"now": now}, strict=True
    )
    return {r.id: r for r in results}


def test_timely_notice_keeps_the_enquiry_within_the_law_until_the_announced_date(rubric):
    notice = message(NOTICE, after=5 * D, uid=1)
    answer = message(w.EXEMPLARY, after=30 * D, uid=2)  # day 30: past 14 days, before 9 April
    r = latency(rubric, notice, answer)
    lat = r["EML-LAT"]
    d = lat.details["enquiries"][0]
    assert d["first"]["class"] == "C" and d["resolution"]["class"] == "A"
    assert d["resolution"]["points"] == 10  # within the (extended) deadline: the calendar band
    assert d["statutory_breach"] is False
    assert d["extension"]["announced"] == "2027-04-09" and d["extension"]["capped"] is False
    assert "UDIP art. 13 ust. 2" in lat.explanation and "do 09.04.2027" in lat.explanation
    # The answer after 14 days, under the extension, deserves an apology (EML-Q6's late rule).
    assert r["EML-Q6"].details["enquiries"][0]["late"] is True
    # Without the notice the same answer is past the deadline: no reply, a breach.
    plain = latency(rubric, answer)["EML-LAT"]
    assert plain.score == 0.0 and plain.details["enquiries"][0]["statutory_breach"] is True


def test_late_notice_extends_nothing(rubric):
    notice = message(NOTICE, after=16 * D, uid=1)  # after the 14-day deadline (15 March)
    answer = message(w.EXEMPLARY, after=30 * D, uid=2)
    lat = latency(rubric, notice, answer)["EML-LAT"]
    assert lat.score == 0.0 and "UDIP art. 13 ust. 2" not in lat.explanation


def test_announced_date_beyond_two_months_is_capped(rubric):
    long_notice = NOTICE.replace("9 kwietnia 2027", "30 czerwca 2027")
    notice = message(long_notice, after=3 * D, uid=1)
    # 2 months from 1 March 2027 is 1 May (a holiday), then a Sunday and 3 May: 4 May.
    in_time = message(w.EXEMPLARY, after=timedelta(days=64), uid=2)  # 4 May
    late = message(w.EXEMPLARY, after=timedelta(days=66), uid=2)  # 6 May
    ok = latency(rubric, notice, in_time)["EML-LAT"].details["enquiries"][0]
    assert ok["extension"]["capped"] is True and ok["resolution"]["points"] == 10
    assert ok["extension"]["until"].startswith("2027-05-04")
    over = latency(rubric, notice, late)["EML-LAT"]
    assert over.details["enquiries"][0]["statutory_breach"] is True
    assert "przedłużony termin minął" in over.explanation


def test_waiting_under_an_extension_is_not_measured_yet(rubric):
    notice = message(NOTICE, after=5 * D, uid=1)
    lat = latency(rubric, notice, now=w.SENT + 20 * D)["EML-LAT"]
    assert lat.status == NOT_MEASURED and "2027-04-09" in lat.explanation


def test_without_the_statutory_regime_a_notice_is_only_a_holding_reply(rubric):
    notice = message(NOTICE, after=5 * D, uid=1)
    answer = message(w.EXEMPLARY, after=30 * D, uid=2)
    key = dict(w.ANSWER_KEY, legal_regime="none")
    d = latency(rubric, notice, answer, answer_key=key)["EML-LAT"].details["enquiries"][0]
    assert d["first"]["class"] == "C" and d["resolution"] is None and "extension" not in d


def test_two_month_limit_follows_the_calendar():
    from rubrics.calendar import WARSAW, add_months, extension_limit

    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2027, 3, 1), 2) == date(2027, 5, 1)
    assert extension_limit(w.SENT).astimezone(WARSAW).date() == date(2027, 5, 4)


def test_a_real_request_for_clarification_is_h_not_an_answer():
    """A hospital's lawyer asking which law the request relies on (fedrowanie, real): the
    question stays open (class H), it is neither an answer nor an extension."""
    item = next(i for i in NOTICES if i["id"] == "szpital-clarification")
    reply = {"kind": "human_reply", "new_text": item["text"]}
    assert classify_reply(reply, w.ANSWER_KEY, "").code == "H"
