"""EML-Q4 as a juror reads it: a restated question is no answer, topic words are not facts,
a request for clarification is its own outcome, and the machine alone never blocks on Q4.

The enquiries and answer keys are the project's own templates (probes/email/templates); the
two non-answers are the counterexamples of review domain-2026-12 §2.4 (F34).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from probes.email.templates import load_templates
from rubrics.email.answer_key import FULL, NONE, PARTIAL, match_answer_key, without_restatement
from rubrics.email.replies import CLARIFICATION, HOLDING, SUBSTANTIVE, classify_reply
from rubrics.engine import combine, evaluate
from rubrics.rubric import load_rubric
from tests import email_world as w

H = timedelta(hours=2)
TEMPLATES = load_templates()
PIES = TEMPLATES["gmina.pies.rejestracja"]
ODPADY = TEMPLATES["gmina.odpady.harmonogram"]


# Enquiries as the templates worded them when the review was written (fixed here, so that
# rewording the templates does not change what these tests check).
ASKED_DOG = (
    "Dzień dobry,\n\nniedawno przygarnęłam psa ze schroniska i chciałabym zapytać, czy muszę "
    "go zgłosić w urzędzie. Jeśli tak, jakie dokumenty są potrzebne i czy obowiązuje opłata od "
    "posiadania psa?\nZ poważaniem\nAnna Kowalska"
)
ASKED_WASTE = (
    "Dzień dobry,\n\nmam pytanie dotyczące wywozu śmieci: w które dni tygodnia odbierane są "
    "odpady zmieszane i segregowane? Gdzie jest opublikowany harmonogram odbioru?\n"
    "Z poważaniem\nAnna Kowalska"
)


F34_DOG = (
    "Szanowna Pani,\n\nw odpowiedzi na zapytanie dotyczące rejestracji psa, wymaganych "
    "dokumentów oraz opłaty od posiadania psa uprzejmie informuję, że w tej sprawie prosimy "
    "o kontakt telefoniczny.\n\nZ poważaniem"
)
F34_WASTE = (
    "Dzień dobry, w odpowiedzi na pytanie o harmonogram odbioru odpadów w poniedziałek lub "
    "czwartek proszę zadzwonić do firmy."
)


def test_f34_restated_dog_question_is_not_full():
    key = match_answer_key(PIES.answer_key, F34_DOG, ASKED_DOG)
    assert key.level != FULL and key.level == NONE
    assert "rejestracji psa" in key.restated[0]


def test_f34_restated_waste_question_is_not_full():
    key = match_answer_key(ODPADY.answer_key, F34_WASTE, ASKED_WASTE)
    assert key.level != FULL
    assert "poniedziałek lub czwartek" in key.restated[0]


def test_sentence_that_repeats_the_question_is_dropped_but_an_answer_in_its_words_is_kept():
    enquiry = ASKED_WASTE
    echo = "Pani pyta, w które dni tygodnia odbierane są odpady zmieszane i segregowane."
    answer = "Odpady zmieszane i segregowane odbierane są w każdy wtorek."
    kept, dropped = without_restatement(f"{echo}\n{answer}", enquiry)
    assert dropped == (echo,) and kept == answer


def test_topic_words_alone_are_partial_values_make_full():
    enquiry = ASKED_DOG
    topic = (
        "Rejestracja zwierząt prowadzona jest przez nasz referat. Proszę zabrać ze sobą dokumenty."
    )
    key = match_answer_key(PIES.answer_key, topic, enquiry)
    assert key.level == PARTIAL and key.found and not key.valued
    full = (
        "Psa należy zgłosić w pok. 12 Urzędu Gminy, ul. Główna 1. Potrzebna jest książeczka "
        "szczepień. Opłata od posiadania psa wynosi 50 zł rocznie, płatna do 15 marca."
    )
    key = match_answer_key(PIES.answer_key, full, enquiry)
    assert key.level == FULL
    assert {f.fact_id: f.value for f in key.valued} == {
        "obowiazek": "miejsce: pok. 12",
        "oplata": "data: 15 marca",
        "dokumenty": "dokument: książeczka",
    }


def test_a_value_the_enquiry_already_gave_is_no_answer():
    enquiry = "Czy odpady z ul. Polnej odbierane są w poniedziałek?"
    key = match_answer_key(
        ODPADY.answer_key, "Tak, w poniedziałek, zgodnie z harmonogramem.", enquiry
    )
    assert key.level != FULL


@pytest.mark.parametrize(
    "text",
    [
        "Dzień dobry, prosimy o podanie adresu posesji, wtedy wskażemy właściwy harmonogram.",
        "Dzień dobry,\nczy mogłaby Pani podać nazwę ulicy? Harmonogramy różnią się w sołectwach.",
        "W celu udzielenia pełnej odpowiedzi potrzebujemy informacji, czy chodzi o zabudowę jednorodzinną.",
    ],
)
def test_request_for_clarification_is_its_own_class(text):
    reply = w.message(text, after=H)
    assert classify_reply(reply, w.ANSWER_KEY, ASKED_WASTE).code == CLARIFICATION


def test_clarification_does_not_hide_a_real_answer_nor_a_holding_reply():
    answer = w.message(
        "Odpady odbieramy w każdy wtorek; harmonogram: https://gmina.example.pl/odpady. "
        "Prosimy o podanie adresu, jeśli chce Pani dostać wersję papierową.",
        after=H,
    )
    assert classify_reply(answer, w.ANSWER_KEY, ASKED_WASTE).code == SUBSTANTIVE
    assert classify_reply(w.message(w.HOLDING, after=H), w.ANSWER_KEY).code == HOLDING


def judge(*messages, version="2027.1", state="sent"):
    rubric = load_rubric(version)
    results = evaluate(
        rubric, "gmina_wiejska", {"email": [w.artifact(*messages, state=state)]}, strict=True
    )
    return rubric, {r.id: r for r in results}


def test_q4_clarification_outcome_is_half_and_marked():
    _, r = judge(
        w.message("Dzień dobry, prosimy o podanie adresu posesji. Pozdrawiam", after=H),
        state="unanswered",
    )
    q4 = r["EML-Q4"]
    assert q4.score == 0.5 and "doprecyzowanie" in q4.explanation
    assert q4.details["enquiries"][0]["level"] == "clarification"


def test_q4_restated_question_scores_zero_and_says_why():
    _, r = judge(
        w.message(
            "Dzień dobry, w odpowiedzi na pytanie, kiedy odbierane są odpady z ul. Polnej, "
            "uprzejmie informuję, że prosimy o kontakt telefoniczny z firmą.",
            after=H,
        ),
        state="unanswered",
    )
    q4 = r["EML-Q4"]
    assert q4.score == 0.0 and "powtórzenie pytania" in q4.explanation
    assert q4.details["enquiries"][0]["restated_not_counted"]


def test_machine_zero_on_q4_never_blocks_a_licence_alone():
    rubric, r = judge(state="unanswered", version="2027.2")
    q4 = r["EML-Q4"]
    assert q4.status == "fail" and q4.details["blocking_needs_juror"] is True
    assert combine(rubric, "gmina_wiejska", list(r.values())).blocking_failed == ()


def test_lines_wrapped_inside_a_sentence_are_one_sentence():
    from rubrics.email.answer_key import sentences

    text = (
        "w odpowiedzi na wiadomość uprzejmie informuję, że psa należy zgłosić w Biurze\n"
        "Obsługi Mieszkańców (pok. 12) w ciągu 14 dni od jego nabycia.\nZ poważaniem\nJan Nowak"
    )
    assert sentences(text)[0].endswith("w ciągu 14 dni od jego nabycia.")
    assert sentences(text)[1:] == ["Z poważaniem", "Jan Nowak"]
