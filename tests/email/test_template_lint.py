"""The enquiry templates keep the cover and ask nothing about anyone (domain review §2.1, §6.5).

A lint of every wording and every prepared clarification: no fact a clerk of a small body
could check (membership, ownership, a decision received, a recent move), no request for an
individual's data (a certificate about a person, an individual account, a named person).
Then coverage: at least three real (non-fallback) topics for every kind and sub-kind.
"""

import re

import pytest

from probes.email.templates import (
    LEGAL_REGIMES,
    Choice,
    PersonaText,
    gendered,
    load_templates,
    render,
    templates_for,
)
from rubrics.kinds import KIND_CODES, SUBKINDS, kind_group

# A verifiable status or event the persona would claim (a clerk can look the name up).
CHECKABLE_CLAIM = re.compile(
    r"jestem (członk|now\w* właściciel|właściciel|najemc|lokator|mieszkańc|klient|odbiorc|"
    r"podatnik|bezrobotn|abonent|zarejestrowan|zameldowan)"
    r"|jako (członek|członkini|właściciel|najemca|mieszkan|klient)"
    r"|(nowym|nową) właściciel"
    r"|otrzymał\w* (decyzj|pism|wezwani|upomnieni|rachun|faktur|rozliczeni|zawiadomieni)"
    r"|przeprowadził\w* się|wprowadził\w* się|zamieszkał\w* (w|przy)"
    r"|mieszkam (przy|na ulicy|na ul\.|w budynku|pod adresem|w bloku)"
    r"|(złożył|wysłał|zgłosił|zapłacił|wpłacił)\w* (już )?(wniosek|deklaracj|zeznani|pismo|"
    r"reklamacj|podanie|skarg|opłat|podatek|czynsz)"
    r"|\bzalegam|moj\w* zaległoś|mój (wniosek|PIT|numer klienta|numer umowy)"
    r"|numer\w* (sprawy|klienta|umowy|ewidencyjn|płatnika)|sygnatur",
    re.IGNORECASE,
)
# A request whose true answer would be someone's personal data (review F25).
INDIVIDUAL_DATA = re.compile(
    r"zaświadczeni\w* o (niezaleganiu|braku zaległości|zameldowaniu|dochod|stanie)"
    r"|numer\w* (rachunk|kont)|indywidualn\w* (rachun|numer|kont)"
    r"|(stan|saldo) (mojego |moich |naszego )?(konta|rozliczeń|zaległości|należności)"
    r"|\bPESEL|dow[óo]d\w* osobist\w* (numer|nr)"
    r"|kto (jest właściciel|mieszka|wynajmuje)|dane (osobowe )?(sąsiad|właściciel|najemc|lokator)"
    r"|(adres|telefon|numer) (do )?(pana|pani) [A-ZŁŚŻŹ]"
    r"|czy (pan|pani) [A-ZŁŚŻŹ]\w+ ",
    re.IGNORECASE,
)
# Wordings the review found in the 2026 templates: the lint must catch each one.
FOUND_IN_REVIEW = [
    "jestem członkiem spółdzielni i potrzebuję zaświadczenia o niezaleganiu z opłatami",
    "jestem nową właścicielką lokalu i chciałabym zapytać, kiedy odbędzie się zebranie",
    "otrzymałem decyzję w sprawie podatku od nieruchomości i nie jestem pewien",
    "niedawno przeprowadziłam się do Państwa gminy i chciałabym zapytać",
    "proszę o podanie terminów rat oraz numeru konta, na który wpłacam podatek",
    "chciałbym zapytać o numer rachunku, na który należy wpłacać podatek",
    "bank poprosił mnie o zaświadczenie o braku zaległości w opłatach za lokal",
    "czy pani Kowalska nadal mieszka pod tym adresem?",
]
CAR_REGISTRATION = re.compile(
    r"rejestr\w* (pojazd|samochod)|wydział\w* komunikacji|prawa jazdy", re.I
)
PERSONAS = (PersonaText("Anna Kowalska", "f"), PersonaText("Piotr Nowak", "m"))


def _texts(template):
    """Every text a clerk can receive from this template: subjects, wordings, clarifications."""
    for persona in PERSONAS:
        for w in range(len(template.wordings)):
            subject, body = render(template, Choice(template.id, w, 0, 0, 0), persona)
            yield body.replace(persona.full_name, "")
        for _, answer in template.clarification:
            yield gendered(answer, persona.gender)
    yield from template.subjects


def lint(text: str) -> list[str]:
    return [m.group(0) for rx in (CHECKABLE_CLAIM, INDIVIDUAL_DATA) for m in rx.finditer(text)]


@pytest.mark.parametrize("wording", FOUND_IN_REVIEW)
def test_the_lint_catches_the_wordings_the_review_found(wording):
    assert lint(wording), wording


@pytest.mark.parametrize("template_id", sorted(load_templates()))
def test_no_checkable_claim_and_no_request_for_an_individuals_data(template_id):
    template = load_templates()[template_id]
    for text in _texts(template):
        assert not lint(text), (template_id, lint(text), text)


@pytest.mark.parametrize("template_id", sorted(load_templates()))
def test_prepared_details_identify_nobody(template_id):
    """No house number, phone number, e-mail address or name in a clarification."""
    for detail, answer in load_templates()[template_id].clarification:
        assert detail in ("address", "phone"), detail
        assert not re.search(r"\d|@|\b(pan|pani) [A-ZŁŚŻŹ]", answer), answer


@pytest.mark.parametrize("template_id", sorted(load_templates()))
def test_every_template_states_its_legal_regime(template_id):
    template = load_templates()[template_id]
    for kind in KIND_CODES:
        if any(template.applies_to(kind, s) for s in ("", *dict(SUBKINDS.get(kind, ())))):
            regime = template.regime_for(kind)
            assert regime in LEGAL_REGIMES
            assert template.answer_key_for(kind)["legal_regime"] == regime
            # Housing cooperatives and communities owe no answer under UDIP.
            if kind_group(kind) in ("S", "W"):
                assert regime == "none", (template_id, kind)


def _cases():
    for kind in KIND_CODES:
        yield kind, ""
        for subkind, _ in SUBKINDS.get(kind, ()):
            yield kind, subkind


@pytest.mark.parametrize(("kind", "subkind"), list(_cases()))
def test_at_least_three_real_topics_for_every_kind_and_subkind(kind, subkind):
    topics = [t for t in templates_for(kind, subkind) if not t.fallback]
    assert len(topics) >= 3, (kind, subkind, [t.id for t in topics])
    if kind == "urzad":
        for t in topics:
            assert not any(CAR_REGISTRATION.search(w) for w in (*t.wordings, *t.subjects)), t.id


@pytest.mark.parametrize(
    ("kind", "subkind"),
    [(k, s) for k, subs in SUBKINDS.items() for s, _ in subs if s != "inne"],
)
def test_a_subkind_gets_its_own_service_topics(kind, subkind):
    """A tax office is asked about tax, a transport company about tickets: at least three
    topics written for the sub-kind itself, and none written for another sub-kind."""
    topics = templates_for(kind, subkind)
    own = [t for t in topics if subkind in t.subkinds]
    assert len(own) >= 3, (kind, subkind)
    assert all(not t.subkinds or subkind in t.subkinds for t in topics)


def test_a_company_without_a_subkind_is_not_asked_about_water():
    for t in templates_for("spolka_komunalna", ""):
        assert not t.subkinds, t.id
