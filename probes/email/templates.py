"""Enquiry templates (data in templates/*.yaml) and their rendering for a persona.

A template has several subjects and wordings; greetings and closings vary too, so each
participant of an edition receives a different text. Gender forms are written
`[male|female]` in the wording. A template fits kinds or groups, optionally only some
sub-kinds (`subkinds`), states its legal regime (`udip`: a request for public information,
UDIP art. 13, 14 days; `none`: an ordinary enquiry), per group when it fits several, and
may hold prepared, non-identifying details for one clarification (`clarification`).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from rubrics.kinds import GROUPS, kind_group, subkinds_of

TEMPLATE_DIR = Path(__file__).parent / "templates"
GREETINGS = ("Dzień dobry,", "Szanowni Państwo,", "Dzień dobry Państwu,")
CLOSINGS = ("Z poważaniem", "Pozdrawiam serdecznie", "Z wyrazami szacunku", "Dziękuję i pozdrawiam")
GENDER_FORM = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")
LEGAL_REGIMES = ("udip", "none")


@dataclass(frozen=True)
class Template:
    id: str
    groups: tuple[str, ...]
    kinds: tuple[str, ...]
    subjects: tuple[str, ...]
    wordings: tuple[str, ...]
    answer_key: dict

    fallback: bool = False  # used only when no other template fits the kind
    subkinds: tuple[str, ...] = ()  # empty: every sub-kind (and none)
    legal_regime: tuple[tuple[str, str], ...] = ()  # (group or "*", "udip" | "none")
    clarification: tuple[tuple[str, str], ...] = ()  # (detail, prepared answer)

    def applies_to(self, kind: str, subkind: str = "") -> bool:
        if kind not in self.kinds and kind_group(kind) not in self.groups:
            return False
        return not self.subkinds or subkind in self.subkinds

    def regime_for(self, kind: str) -> str:
        """`udip` (statutory deadline: UDIP art. 13 ust. 1, 14 days) or `none`."""
        regimes = dict(self.legal_regime)
        return regimes.get(kind_group(kind)) or regimes["*"]

    def answer_key_for(self, kind: str) -> dict:
        """The answer key stored with an enquiry: the template's, with its legal regime."""
        return {**self.answer_key, "legal_regime": self.regime_for(kind)}


@dataclass(frozen=True)
class PersonaText:
    full_name: str
    gender: str  # "f" or "m"
    signature: str = ""


@dataclass(frozen=True)
class Choice:
    """Which variant of which template a participant receives."""

    template_id: str
    wording: int
    subject: int
    greeting: int
    closing: int


@lru_cache(maxsize=4)
def load_templates(directory: Path = TEMPLATE_DIR) -> dict[str, Template]:
    templates: dict[str, Template] = {}
    for path in sorted(directory.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            t = Template(
                id=item["id"],
                groups=tuple(item.get("groups", ())),
                kinds=tuple(item.get("kinds", ())),
                subjects=tuple(item["subjects"]),
                wordings=tuple(w.strip() for w in item["wordings"]),
                answer_key=item["answer_key"],
                fallback=bool(item.get("fallback", False)),
                subkinds=tuple(item.get("subkinds", ())),
                legal_regime=_regimes(item.get("legal_regime"), path.name, item["id"]),
                clarification=tuple((item.get("clarification") or {}).items()),
            )
            if t.id in templates:
                raise ValueError(f"szablon {t.id} zdefiniowany dwukrotnie ({path.name})")
            _check_subkinds(t, path.name)
            for fact in t.answer_key["facts"]:
                for pattern in fact["patterns"]:
                    re.compile(pattern)
            templates[t.id] = t
    return templates


def _regimes(value, source: str, template_id: str) -> tuple[tuple[str, str], ...]:
    """`legal_regime: udip` or, for a template fitting several groups, `{J: udip, S: none}`."""
    pairs = value.items() if isinstance(value, dict) else [("*", value)]
    for group, regime in pairs:
        if regime not in LEGAL_REGIMES or (group != "*" and group not in GROUPS):
            raise ValueError(
                f"szablon {template_id} ({source}): legal_regime musi być udip albo none"
                f" (także dla każdej grupy), jest {value!r}"
            )
    return tuple(pairs)


def _check_subkinds(t: Template, source: str) -> None:
    """Every group or kind the template fits has a regime; its sub-kinds exist for its kinds."""
    from rubrics.kinds import KINDS

    fitting = [k.code for k in KINDS if t.applies_to(k.code, t.subkinds[0] if t.subkinds else "")]
    regimes = dict(t.legal_regime)
    if "*" not in regimes and any(kind_group(k) not in regimes for k in fitting):
        raise ValueError(f"szablon {t.id} ({source}): brak legal_regime dla części grup")
    allowed = {s for k in fitting for s in subkinds_of(k)}
    unknown = set(t.subkinds) - allowed
    if unknown:
        raise ValueError(f"szablon {t.id} ({source}): nieznane podrodzaje {sorted(unknown)}")


def templates_for(kind: str, subkind: str = "") -> list[Template]:
    """The non-fallback templates fitting a kind (and sub-kind); the fallback when none does."""
    fitting = [t for t in load_templates().values() if t.applies_to(kind, subkind)]
    specific = [t for t in fitting if not t.fallback]
    return specific or fitting


def gendered(text: str, gender: str) -> str:
    index = 2 if gender == "f" else 1
    return GENDER_FORM.sub(lambda m: m.group(index), text)


def persona_signature(persona: PersonaText) -> str:
    """The persona's signature, always with the full name (a reply is signed as the enquiry)."""
    signature = persona.signature.strip() or persona.full_name
    if persona.full_name not in signature:
        signature = f"{persona.full_name}\n{signature}"
    return signature


def render(template: Template, choice: Choice, persona: PersonaText) -> tuple[str, str]:
    """(subject, body) of an enquiry, signed with the persona's full name."""
    wording = gendered(template.wordings[choice.wording], persona.gender)
    signature = persona_signature(persona)
    body = f"{GREETINGS[choice.greeting]}\n\n{wording}\n\n{CLOSINGS[choice.closing]}\n{signature}\n"
    return template.subjects[choice.subject], body


def text_fingerprint(body: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", " ", body).strip().casefold().encode()).hexdigest()


def _acceptable(
    template_id: str,
    wording: int,
    subject: int,
    tier: int,
    mine: list[tuple[int, Choice]],
    used_wordings: set[tuple[str, int]],
) -> bool:
    """Whether a variant may go to a participant holding `mine`, at preference tier 0..3."""
    if any((c.template_id, c.wording) == (template_id, wording) for _, c in mine):
        return False  # never the same wording to one participant
    if tier <= 1 and any(c.template_id == template_id for _, c in mine):
        return False  # prefer another question
    if tier == 0 and (template_id, wording) in used_wordings:
        return False  # prefer a wording nobody in the edition got
    return tier >= 3 or all((c.template_id, c.subject) != (template_id, subject) for _, c in mine)


def choose_wordings(
    participants: list[tuple[Hashable, str]],
    personas: dict[int, PersonaText],
    seed: str,
    taken: set[str] | None = None,
    owners: dict[Hashable, Hashable] | None = None,
    held: dict[Hashable, list[tuple[int, Choice]]] | None = None,
    subkinds: dict[Hashable, str] | None = None,
) -> dict[Hashable, tuple[int, Choice]]:
    """For each (enquiry key, kind): a persona and a template variant, so that no two
    enquiries of the edition have the same body text. `taken` holds fingerprints already
    used in the edition (enquiries planned earlier). Raises ValueError when variants run out.

    With several enquiries per participant, `owners` maps each key to its participant and
    `held` lists the (persona, choice) a participant already has: a participant never gets
    the same wording twice, and preferably another template (another question), another
    subject and another persona. `subkinds` maps a key to its participant's sub-kind.
    """
    rng = random.Random(seed)
    used = set(taken or ())
    used_wordings: set[tuple[str, int]] = set()
    given: dict[Hashable, list[tuple[int, Choice]]] = {
        owner: list(choices) for owner, choices in (held or {}).items()
    }
    result: dict[Hashable, tuple[int, Choice]] = {}
    persona_ids = sorted(personas)
    if not persona_ids:
        raise ValueError("brak person (tajemniczych klientów) do wysłania zapytań")
    for key, kind in participants:
        owner = (owners or {}).get(key, key)
        mine = given.setdefault(owner, [])
        my_personas = {p for p, _ in mine}
        options = []
        for t in templates_for(kind, (subkinds or {}).get(key, "")):
            for w in range(len(t.wordings)):
                for s in range(len(t.subjects)):
                    options.append((t, w, s))
        if not options:
            raise ValueError(f"brak szablonu zapytania dla rodzaju uczestnika {kind!r}")
        rng.shuffle(options)
        extras = [
            (g, c, p)
            for g in range(len(GREETINGS))
            for c in range(len(CLOSINGS))
            for p in persona_ids
        ]
        rng.shuffle(extras)
        extras.sort(key=lambda e: e[2] in my_personas)  # stable: another persona first

        chosen = None
        # Prefer another question nobody else got; then vary greeting, closing and persona.
        for tier in range(4):
            for t, w, s in options:
                if not _acceptable(t.id, w, s, tier, mine, used_wordings):
                    continue
                for g, c, p in extras:
                    choice = Choice(t.id, w, s, g, c)
                    _, body = render(t, choice, personas[p])
                    fp = text_fingerprint(body)
                    if fp not in used:
                        chosen = (p, choice, fp)
                        break
                if chosen:
                    break
            if chosen:
                break
        if chosen is None:
            raise ValueError("wyczerpano warianty treści zapytań: dodaj sformułowania lub persony")
        used.add(chosen[2])
        used_wordings.add((chosen[1].template_id, chosen[1].wording))
        mine.append((chosen[0], chosen[1]))
        result[key] = (chosen[0], chosen[1])
    return result
