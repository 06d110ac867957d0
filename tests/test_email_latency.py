"""Reply classes A–G and the EML-LAT criterion through the engine with the packaged rubric."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rubrics.email.replies import classify_reply
from rubrics.engine import evaluate
from rubrics.outcome import FAIL, NOT_MEASURED, PARTIAL, PASS
from rubrics.rubric import load_rubric
from tests import email_world as w
from tests.email_world import AFTER_DEADLINE, artifact, message

H = timedelta(hours=1)
D = timedelta(days=1)


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("2027.1")


def judge(rubric, *artifacts, ctx=None, criterion="EML-LAT"):
    results = evaluate(
        rubric, "gmina_wiejska", {"website": None, "email": list(artifacts)}, ctx, strict=True
    )
    return {r.id: r for r in results}[criterion]


def dsn_after_an_hour(action: str, status: str, permanent: bool):
    """A delivery status notification an hour after the enquiry (RFC 3464 action, status)."""
    bounce = {"action": action, "status": status, "permanent": permanent}
    return message("", after=H, kind="bounce", bounce=bounce)


@pytest.mark.parametrize(
    ("msg", "code"),
    [
        (message(w.EXEMPLARY, after=H), "A"),
        (message(w.TERSE, after=H), "A"),  # a reply, however poor; Q4 judges it
        (message(w.REFERRAL, after=H), "B"),
        (message("Dzień dobry, nie udzielamy takich informacji drogą mailową.", after=H), "B"),
        (message(w.HOLDING, after=H), "C"),
        (
            message(
                w.VACATION,
                after=H,
                kind="auto_reply",
                subject=f"Automatyczna odpowiedź: {w.SUBJECT}",
            ),
            "D",
        ),
        (
            message(w.VACATION, after=H, subject=f"Odpowiedź automatyczna: {w.SUBJECT}"),
            "D",
        ),  # Outlook rule, no headers
        (message("", after=H, kind="read_receipt", subject=f"Przeczytano: {w.SUBJECT}"), "D"),
        (message("Zapraszamy na dożynki gminne 2027!", after=H, kind="other"), "E"),
        (dsn_after_an_hour("failed", "5.1.1", permanent=True), "F"),
        (dsn_after_an_hour("delayed", "4.4.1", permanent=False), "G"),
        (message("   ", after=H), "G"),
    ],
)
def test_reply_classes(msg, code):
    assert classify_reply(msg, w.ANSWER_KEY).code == code


def test_fast_substantive_reply_scores_full(rubric):
    r = judge(rubric, artifact(message(w.EXEMPLARY, after=2 * H, signature=w.EXEMPLARY_SIGNATURE)))
    assert (r.status, r.score) == (PASS, 1.0)
    assert r.explanation.startswith("Pierwsza odpowiedź (odpowiedź merytoryczna) po 2 h 0 min")
    assert r.details["enquiries"][0]["first"]["business_seconds"] == 2 * 3600
    assert [e["type"] for e in r.evidence] == ["enquiry", "message"]
    assert r.evidence[1]["uid"] == 1 and r.evidence[1]["class"] == "A"


def test_holding_reply_stops_first_clock_only(rubric):
    # Holding after 2 h; answer on Thursday 09:00 local: 5 h 17 min + 8 + 8 + 1.5 h = 2.85 business days.
    holding = message(w.HOLDING, after=2 * H, uid=1)
    answer = message(w.EXEMPLARY, after=timedelta(days=2, hours=22, minutes=46, seconds=55), uid=2)
    r = judge(rubric, artifact(holding, answer))
    assert r.details["enquiries"][0]["first"]["points"] == 100
    assert r.details["enquiries"][0]["resolution"]["points"] == 60
    assert r.score == pytest.approx(0.76) and r.status == PASS  # 0.4·100 + 0.6·60
    assert [e.get("class") for e in r.evidence] == [None, "C", "A"]


def test_auto_acknowledgement_never_stops_the_clock_but_earns_a_bonus(rubric):
    ack = message(w.RECEIPT_ACK, after=timedelta(minutes=3), kind="auto_reply", uid=1)
    answer = message(w.EXEMPLARY, after=timedelta(hours=6), uid=2)  # 5 h 17 min of office time
    r = judge(rubric, artifact(ack, answer))
    assert r.details["enquiries"][0]["first"]["uid"] == 2
    assert r.score == pytest.approx(0.95)  # 90 + 5
    assert "+5 pkt" in r.explanation and "KOR.0123.45.2027" in r.evidence[-1]["snippet"]
    # Within 4 business hours the bonus is capped at 100.
    fast = judge(rubric, artifact(ack, message(w.EXEMPLARY, after=2 * H, uid=2)))
    assert fast.score == 1.0
    # A vacation notice has no case number: no bonus; late acknowledgements earn nothing either.
    vacation = message(w.VACATION, after=timedelta(minutes=3), kind="auto_reply", uid=1)
    assert judge(rubric, artifact(vacation, answer)).score == pytest.approx(0.90)
    late_ack = message(w.RECEIPT_ACK, after=2 * H, kind="auto_reply", uid=1)
    assert judge(rubric, artifact(late_ack, answer)).score == pytest.approx(0.90)


def test_only_automatic_replies_by_the_deadline_is_a_fail(rubric):
    vacation = message(w.VACATION, after=timedelta(minutes=3), kind="auto_reply")
    receipt = message("", after=H, kind="read_receipt", uid=2, subject=f"Przeczytano: {w.SUBJECT}")
    r = judge(rubric, artifact(vacation, receipt, state="unanswered"))
    assert (r.status, r.score) == (FAIL, 0.0)
    assert "Brak odpowiedzi do upływu terminu 2027-03-15" in r.explanation
    assert r.evidence[0]["type"] == "enquiry"


def test_waiting_for_the_reply_is_not_measured_until_the_deadline(rubric):
    open_enquiry = artifact()
    r = judge(rubric, open_enquiry, ctx={"now": w.SENT + 3 * D})
    assert r.status == NOT_MEASURED and "termin 2027-03-15 23:59 jeszcze nie minął" in r.explanation
    closed = judge(rubric, open_enquiry, ctx=AFTER_DEADLINE)
    assert (closed.status, closed.score) == (FAIL, 0.0)
    # A holding reply alone: still waiting for the resolution before the deadline.
    holding = artifact(message(w.HOLDING, after=H))
    assert judge(rubric, holding, ctx={"now": w.SENT + 3 * D}).status == NOT_MEASURED
    r = judge(rubric, holding, ctx=AFTER_DEADLINE)
    assert (r.status, r.score) == (PARTIAL, 0.4)  # first 100, resolution none
    assert "brak odpowiedzi merytorycznej w terminie" in r.explanation


def test_reply_after_the_deadline_counts_as_none(rubric):
    late = artifact(message(w.EXEMPLARY, after=timedelta(days=15)), state="unanswered")
    r = judge(rubric, late, ctx={"now": w.SENT + 16 * D})
    assert (r.status, r.score) == (FAIL, 0.0)
    # Eleven calendar days (7 working days) later: within 14 days, beyond 5 business days.
    slow = artifact(message(w.EXEMPLARY, after=timedelta(days=11)))
    assert judge(rubric, slow).score == pytest.approx(0.25)


def test_permanent_bounce_is_their_failure_with_proof(rubric):
    bounce = message(
        "",
        after=timedelta(seconds=2),
        kind="bounce",
        bounce={"action": "failed", "status": "5.1.1", "permanent": True},
    )
    r = judge(rubric, artifact(bounce, state="sent"))
    assert (r.status, r.score) == (FAIL, 0.0)
    assert "niedoręczona" in r.explanation and "5.1.1" in r.explanation
    assert r.evidence[1]["class"] == "F" and r.evidence[1]["snippet"] == "5.1.1"
    # Every e-mail criterion fails for the same reason.
    assert judge(rubric, artifact(bounce), criterion="EML-Q4").status == FAIL


def test_delayed_dsn_is_not_a_failure(rubric):
    delayed = message(
        "",
        after=H,
        kind="bounce",
        uid=1,
        bounce={"action": "delayed", "status": "4.4.1", "permanent": False},
    )
    answer = message(w.EXEMPLARY, after=3 * H, uid=2)
    assert judge(rubric, artifact(delayed, answer)).score == 1.0
    assert judge(rubric, artifact(delayed), ctx={"now": w.SENT + D}).status == NOT_MEASURED


def test_refused_at_smtp_is_their_failure(rubric):
    refused = artifact(
        state="failed",
        sent_at=None,
        smtp_response="550 5.1.1 <sekretariat@gmina.example.pl>: Recipient address rejected",
    )
    r = judge(rubric, refused)
    assert (r.status, r.score) == (FAIL, 0.0) and "Recipient address rejected" in r.explanation


@pytest.mark.parametrize("state", ["pending", "uncertain"])
def test_not_sent_is_ours(rubric, state):
    r = judge(rubric, artifact(state=state, sent_at=None))
    assert r.status == NOT_MEASURED and "po naszej stronie" in r.explanation


def _latency(art, **params):
    from rubrics.registry import CRITERIA

    ctx = {"kind": "gmina_wiejska", "group": "J", "now": None, "params": params}
    return CRITERIA["EML-LAT"]({"website": None, "email": [art]}, ctx)


NARROW = {"mon": [["08:00", "12:00"]], "wed": [["08:00", "12:00"]]}


def test_office_hours_stored_with_the_enquiry_never_count():
    # Open only Monday 8–12 and Wednesday 8–12: counted in those hours, a Monday 10:13 enquiry
    # answered on Wednesday 09:00 would take ≤ 4 business hours (100 points). The uniform
    # calendar (pn–pt 8:00–16:00) counts 1.8 business days for everyone.
    answer = message(w.EXEMPLARY, after=timedelta(days=1, hours=22, minutes=46, seconds=55))
    assert _latency(artifact(answer, office_hours=NARROW)).score == pytest.approx(0.75)
    assert _latency(artifact(answer)).score == pytest.approx(0.75)
    broken = _latency(artifact(answer), office_hours_default={"pon": [["8", "12"]]})
    assert "przyjęto pn–pt 8:00–16:00" in broken.explanation


def test_the_rubric_calendar_is_the_same_for_everyone(rubric):
    # 2027.1 sets office_hours_default (pn–pt 7:30–15:30): narrow published hours gain nothing.
    answer = message(w.EXEMPLARY, after=timedelta(days=1, hours=22, minutes=46, seconds=55))
    narrow = judge(rubric, artifact(answer, office_hours=NARROW))
    assert narrow.score == pytest.approx(0.75)
    assert narrow.score == judge(rubric, artifact(answer)).score
    # The calendar is the rubric's: set to the narrow hours, it counts them for everyone.
    assert _latency(artifact(answer), office_hours_default=NARROW).score == 1.0


def test_median_over_enquiries(rubric):
    fast = artifact(message(w.EXEMPLARY, after=2 * H), enquiry_id=1)
    holding_then_answer = artifact(
        message(w.HOLDING, after=2 * H, uid=1),
        message(w.EXEMPLARY, after=timedelta(days=2, hours=22, minutes=46, seconds=55), uid=2),
        enquiry_id=2,
    )
    silent = artifact(enquiry_id=3, state="unanswered")
    pending = artifact(enquiry_id=4, state="pending", sent_at=None)
    r = judge(rubric, silent, fast, pending, holding_then_answer)
    assert r.score == pytest.approx(0.76) and r.status == PASS
    assert r.details["judged"] == 3
    assert r.explanation.startswith("Mediana z 3 zapytań: 76%. Zapytanie 1:")
    assert "Zapytanie 4: zapytanie nie zostało wysłane" in r.explanation


def test_deterministic(rubric):
    a = artifact(message(w.HOLDING, after=2 * H, uid=1), message(w.EXEMPLARY, after=3 * D, uid=2))
    first = evaluate(rubric, "gmina_wiejska", {"email": [a]})
    assert repr(first) == repr(evaluate(rubric, "gmina_wiejska", {"email": [a]}))


def _with_followup(*messages, state="sent", trigger=1, sent_after=timedelta(hours=3)):
    a = artifact(*messages)
    a["followup"] = {
        "state": state,
        "details": ["address"],
        "to": ["k.wisniewska@gmina.example.pl"],
        "subject": f"Re: {w.SUBJECT}",
        "body": "Dzień dobry,\n\ndziękuję za odpowiedź. Chodzi o zabudowę jednorodzinną przy "
        "ulicy Polnej.\n\nZ poważaniem\nAnna Kowalska\n\nW dniu 1.03.2027 o 12:13, X pisze:\n> …",
        "message_id": "<f@persona.example>",
        "in_reply_to": "<clerk@gmina.example.pl>",
        "trigger_uid": trigger,
        "planned_at": None,
        "sent_at": (w.SENT + sent_after).isoformat().replace("+00:00", "Z")
        if state == "sent"
        else None,
        "smtp_response": "250 ok",
    }
    return a


def test_followup_clocks_as_documented(rubric):
    """docs/email.md "Doprecyzowanie": the first clock stops at the clerk's request; the
    resolution runs from sending to the answer after the persona's follow-up; the juror
    sees the follow-up; a request our follow-up answered counts as H even in plain words."""
    ask = message("Prosimy o kontakt telefoniczny z referatem.", after=2 * H, uid=1)
    answer = message(w.EXEMPLARY, after=timedelta(days=2), uid=2)
    r = evaluate(rubric, "gmina_miejska", {"email": [_with_followup(ask, answer)]}, strict=True)
    lat = {x.id: x for x in r}["EML-LAT"]
    d = lat.details["enquiries"][0]
    assert d["first"]["class"] == "H" and d["first"]["wall_seconds"] == 2 * 3600
    assert d["resolution"]["class"] == "A"
    assert d["resolution"]["wall_seconds"] == timedelta(days=2).total_seconds()
    assert "persona odpowiedziała po 1 h 0 min" in lat.explanation
    assert any(e["type"] == "followup" and "ulicy Polnej" in e["snippet"] for e in lat.evidence)
    # Without the follow-up the same words are a plain reply that resolves at once.
    plain = judge(rubric, artifact(ask, answer))
    assert plain.details["enquiries"][0]["first"]["class"] == "A"


@pytest.mark.parametrize("state", ["pending", "uncertain", "failed"])
def test_followup_that_never_went_out_is_ours_not_theirs(rubric, state):
    ask = message("Uprzejmie prosimy o podanie adresu nieruchomości.", after=2 * H, uid=1)
    lat = judge(rubric, _with_followup(ask, state=state), ctx=AFTER_DEADLINE)
    assert lat.status == NOT_MEASURED and lat.score is None
    assert "odpowiedź persony nie wyszła" in lat.explanation
    # Sent, and no answer after it by the deadline: the resolution is theirs (0).
    sent = judge(rubric, _with_followup(ask), ctx=AFTER_DEADLINE)
    assert sent.score == pytest.approx(0.4)  # first response within 4 h only
