"""EML-Q1…EML-Q9 on realistic Polish replies, each criterion both ways, each with its snippet."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rubrics.engine import evaluate
from rubrics.outcome import FAIL, NOT_MEASURED, PARTIAL, PASS
from rubrics.rubric import load_rubric
from tests import email_world as w
from tests.email_world import artifact, message

H = timedelta(hours=1)


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("2027.1")


def judge(rubric, *msgs, **kw):
    results = evaluate(rubric, "gmina_miejska", {"email": [artifact(*msgs, **kw)]}, strict=True)
    return {r.id: r for r in results}


def reply(text, signature="", **kw):
    return message(text, after=2 * H, signature=signature, **kw)


@pytest.fixture(scope="module")
def exemplary(rubric):
    return judge(rubric, reply(w.EXEMPLARY, w.EXEMPLARY_SIGNATURE))


def test_exemplary_reply_passes_everything(exemplary):
    for cid in (f"EML-Q{i}" for i in range(1, 10)):
        assert (exemplary[cid].status, exemplary[cid].score) == (PASS, 1.0), (
            cid,
            exemplary[cid].explanation,
        )
        assert exemplary[cid].evidence[0]["type"] == "message"


def test_q1_greeting(rubric, exemplary):
    assert exemplary["EML-Q1"].evidence[0]["snippet"] == "Szanowna Pani,"
    witam = judge(rubric, reply(w.RUDE))["EML-Q1"]
    assert (witam.score, witam.evidence[0]["snippet"]) == (0.5, "Witam,")
    surname = judge(rubric, reply("Szanowna Pani Kowalska,\nharmonogram jest na stronie."))[
        "EML-Q1"
    ]
    assert surname.score == 0.5 and "nazwiskiem" in surname.explanation
    hello_surname = judge(
        rubric, reply("Dzień dobry Pani Kowalska,\nharmonogram jest na stronie.")
    )["EML-Q1"]
    assert hello_surname.score == 0.5
    first_name = judge(rubric, reply("Szanowna Pani Anno,\nharmonogram jest na stronie."))["EML-Q1"]
    assert first_name.score == 1.0
    assert judge(rubric, reply("Dzień dobry!\nHarmonogram jest na stronie."))["EML-Q1"].score == 1.0
    none = judge(rubric, reply(w.TERSE))["EML-Q1"]
    assert (none.status, none.score, none.explanation) == (FAIL, 0.0, "Brak powitania.")


def test_q2_closing(rubric, exemplary):
    assert "Z poważaniem" in exemplary["EML-Q2"].evidence[0]["snippet"]
    assert judge(rubric, reply(w.REFERRAL))["EML-Q2"].score == 1.0  # "Pozdrawiam"
    assert judge(rubric, reply(w.RUDE))["EML-Q2"].score == 0.5  # "Pozdr."
    assert judge(rubric, reply(w.TERSE))["EML-Q2"].score == 0.0


def test_q3_signature(rubric, exemplary):
    q3 = exemplary["EML-Q3"]
    assert q3.details["enquiries"][0]["found"] == [
        "imię i nazwisko",
        "stanowisko",
        "komórka",
        "telefon",
        "instytucja",
    ]
    assert "Katarzyna Wiśniewska" in q3.evidence[0]["snippet"]
    # A name and a phone only (the signature block left in the new text).
    partial = judge(rubric, reply(w.REFERRAL))["EML-Q3"]
    found = partial.details["enquiries"][0]["found"]
    assert "imię i nazwisko" in found and "telefon" in found and "stanowisko" not in found
    assert partial.status == PARTIAL
    # The institution in a closing line is not a person's name.
    holding = judge(rubric, reply(w.HOLDING), state="unanswered")["EML-Q3"].details["enquiries"][0]
    assert "imię i nazwisko" not in holding["found"] and "instytucja" in holding["found"]
    assert judge(rubric, reply(w.TERSE))["EML-Q3"].score == 0.0
    office = judge(rubric, reply("Harmonogram jest na stronie.\nZ poważaniem\nWójt Gminy"))[
        "EML-Q3"
    ]
    assert office.details["enquiries"][0]["found"] == ["stanowisko", "instytucja"]


def test_q4_answered_full_partial_referral_none(rubric, exemplary):
    q4 = exemplary["EML-Q4"]
    assert q4.details["enquiries"][0]["level"] == "full"
    assert "co dwa tygodnie" in q4.evidence[0]["snippet"]
    partial = judge(rubric, reply("Dzień dobry, harmonogram jest na naszej stronie www."))["EML-Q4"]
    assert (partial.score, partial.details["enquiries"][0]["facts_missing"]) == (
        0.5,
        ["termin odbioru"],
    )
    referral = judge(rubric, reply(w.REFERRAL))["EML-Q4"]
    assert referral.score == 0.5 and "właściwy podmiot" in referral.explanation
    assert "Zakład Gospodarki Komunalnej" in referral.evidence[0]["snippet"]
    none = judge(rubric, reply("Dzień dobry, proszę o kontakt telefoniczny. Pozdrawiam"))["EML-Q4"]
    assert (none.status, none.score) == (FAIL, 0.0)
    # Without an answer key we cannot judge: ours, not theirs.
    assert judge(rubric, reply(w.EXEMPLARY), answer_key=None)["EML-Q4"].status == NOT_MEASURED


def test_q4_counts_every_reply_in_time(rubric):
    holding = message(w.HOLDING, after=H, uid=1)
    part1 = message("Dzień dobry, harmonogram jest na naszej stronie www.", after=2 * H, uid=2)
    part2 = message("Uzupełniając: odbiór jest co dwa tygodnie.", after=3 * H, uid=3)
    assert judge(rubric, holding, part1, part2)["EML-Q4"].score == 1.0


def test_q5_actionable(rubric, exemplary):
    assert exemplary["EML-Q5"].details["enquiries"][0]["found"] == [
        "terminy",
        "odnośnik",
        "miejsce i godziny",
    ]
    vague = judge(rubric, reply("Dzień dobry, informacja jest dostępna. Pozdrawiam"))["EML-Q5"]
    assert (vague.score, vague.explanation) == (
        0.0,
        "Brak konkretnych wskazówek (co, gdzie, kiedy, ile).",
    )
    some = judge(rubric, reply("Należy złożyć wniosek."))["EML-Q5"]
    assert some.score == pytest.approx(2 / 3)


def test_q6_politeness_and_plain_language(rubric, exemplary):
    assert "dziękujemy" in exemplary["EML-Q6"].evidence[0]["snippet"]
    rude = judge(rubric, reply(w.RUDE))["EML-Q6"]
    assert rude.score == pytest.approx(0.4)  # no thanks, blame; short sentences, no jargon
    assert (
        "ton pouczający" in rude.explanation
        and "jak już informowaliśmy" in rude.evidence[0]["snippet"]
    )
    jargon = judge(rubric, reply(w.JARGON))["EML-Q6"]
    assert jargon.score == pytest.approx(0.4)  # no thanks; long sentences (1 of 2); jargon (0 of 2)
    assert "długie zdania" in jargon.explanation
    assert "urzędowy żargon" in jargon.explanation and "niniejszym" not in jargon.explanation
    # Five working days late without an apology loses 2 points; with one it does not.
    late = message(
        "Dziękujemy za wiadomość. Harmonogram jest na stronie.", after=timedelta(days=7), uid=1
    )
    assert judge(rubric, late)["EML-Q6"].score == pytest.approx(0.8)
    sorry = message(
        "Przepraszamy za zwłokę i dziękujemy za wiadomość. Harmonogram jest na stronie.",
        after=timedelta(days=7),
    )
    assert judge(rubric, sorry)["EML-Q6"].score == 1.0


def test_q7_language(rubric, exemplary):
    assert exemplary["EML-Q7"].score == 1.0
    plain = judge(rubric, reply(w.NO_DIACRITICS))["EML-Q7"]
    assert (plain.status, plain.score) == (
        PARTIAL,
        0.5,
    ) and "bez polskich znaków" in plain.explanation
    english = judge(rubric, reply(w.ENGLISH))["EML-Q7"]
    assert (english.status, english.score) == (FAIL, 0.0)


def test_q8_data_minimisation(rubric, exemplary):
    assert exemplary["EML-Q8"].score == 1.0
    # Asking for data is a request for clarification (class H): judged once the deadline
    # passed without a resolution.
    pesel = judge(rubric, reply(w.PESEL_REQUEST), state="unanswered")["EML-Q8"]
    assert (pesel.status, pesel.score) == (FAIL, 0.0)
    assert "prosimy o podanie numeru PESEL" in pesel.evidence[0]["snippet"]
    # A RODO information clause mentioning PESEL is acceptable.
    assert judge(rubric, reply(w.RODO_FOOTER))["EML-Q8"].score == 1.0


def test_q9_form(rubric, exemplary):
    assert exemplary["EML-Q9"].evidence[0]["snippet"] == f"Re: {w.SUBJECT}"
    with_reference = judge(
        rubric, reply(w.EXEMPLARY, subject="Odp.: znak sprawy KOR.0123.45.2027")
    )["EML-Q9"]
    assert with_reference.score == 1.0 and "znakiem sprawy" in with_reference.explanation
    scanned = reply(
        "W załączeniu odpowiedź.",
        subject="Odpowiedź",
        attachments=[
            {
                "filename": "skan.pdf",
                "media_type": "application/pdf",
                "size": 81234,
                "has_text": False,
            }
        ],
    )
    q9 = judge(rubric, scanned)["EML-Q9"]
    assert (q9.status, q9.score) == (FAIL, 0.0)
    assert "tylko w załączniku" in q9.explanation and "skan.pdf" in q9.explanation
    searchable = reply(
        "W załączeniu odpowiedź.",
        subject=f"ODP: {w.SUBJECT}",
        attachments=[
            {"filename": "odp.pdf", "media_type": "application/pdf", "size": 1234, "has_text": True}
        ],
    )
    assert judge(rubric, searchable)["EML-Q9"].score == pytest.approx(0.7)


def test_quality_of_no_reply_and_of_a_holding_reply(rubric):
    results = evaluate(rubric, "gmina_miejska", {"email": [artifact(state="unanswered")]})
    for r in results:
        if r.id.startswith("EML-"):
            assert (r.status, r.score) == (FAIL, 0.0)
    # Only a holding reply by the deadline: quality is judged on it.
    holding = judge(rubric, reply(w.HOLDING), state="unanswered")
    assert holding["EML-Q1"].score == 1.0 and holding["EML-Q4"].score == 0.0


def test_median_over_enquiries(rubric):
    enquiries = [
        artifact(reply(w.EXEMPLARY, w.EXEMPLARY_SIGNATURE), enquiry_id=1),
        artifact(reply(w.RUDE), enquiry_id=2),
        artifact(reply(w.TERSE), enquiry_id=3),
    ]
    results = {r.id: r for r in evaluate(rubric, "gmina_miejska", {"email": enquiries})}
    assert results["EML-Q1"].score == 0.5  # 1, 0.5, 0
    assert [e["enquiry_id"] for e in results["EML-Q1"].evidence] == [1, 2, 3]


def test_outlook_reply_with_signature_block(rubric):
    results = judge(rubric, reply(w.OUTLOOK, w.OUTLOOK_SIGNATURE, subject=f"RE: {w.SUBJECT}"))
    assert results["EML-Q1"].score == 1.0 and results["EML-Q2"].score == 1.0
    assert (
        results["EML-Q3"].score == 1.0
        and "Anna Zielińska" in results["EML-Q3"].evidence[0]["snippet"]
    )
    assert results["EML-Q4"].details["enquiries"][0]["level"] == "full"
    assert results["EML-Q8"].score == 1.0  # the clause in the signature asks for nothing
    assert results["EML-Q9"].score == 1.0
    assert results["EML-Q6"].score == pytest.approx(
        0.7
    )  # no thanks (-3); "w odpowiedzi na" is fine


def test_q6_late_rule_reads_the_one_scoring_calendar(rubric):
    """ "Late" (an apology expected) is counted in the one calendar: EML-LAT's uniform hours,
    holidays and the edition's declared days off — not in module constants."""
    text = "Dziękujemy za wiadomość. Harmonogram jest na stronie."
    # Sent Monday 2027-03-01 10:13; answered Thursday 10:13 = 3 working days: late.
    thursday = message(text, after=timedelta(days=3))
    q6 = judge(rubric, thursday)["EML-Q6"]
    assert q6.score == pytest.approx(0.8) and q6.details["enquiries"][0]["late"] is True

    def with_days_off(days):
        results = evaluate(
            rubric,
            "gmina_miejska",
            {"email": [artifact(thursday)]},
            ctx_extra={"days_off": days},
            strict=True,
        )
        return {r.id: r for r in results}["EML-Q6"]

    # Tuesday and Wednesday declared days off (the office was closed): 1 working day, not late.
    off = with_days_off(["2027-03-02", "2027-03-03"])
    assert off.score == 1.0 and off.details["enquiries"][0]["late"] is False
    # The same reply, the same calendar as EML-LAT's (its bands agree on the days counted).
    lat = {
        r.id: r
        for r in evaluate(
            rubric,
            "gmina_miejska",
            {"email": [artifact(thursday)]},
            ctx_extra={"days_off": ["2027-03-02", "2027-03-03"]},
            strict=True,
        )
    }["EML-LAT"]
    assert lat.details["enquiries"][0]["first"]["points"] == 90  # within 1 business day
