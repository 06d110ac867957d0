"""What jurors judge on a participant's page: the stored criterion results of the newest score
run, the rubric's human criteria with everyone's assessments (hidden until the juror has given
their own, so no one anchors on another), and the machine criteria that can be corrected."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404

from results.criteria_specs import MACHINE_CHANNELS, CriterionSpec, specs_from_rubric
from results.models import (
    CriterionResultRecord,
    Edition,
    JurorAssessment,
    Participant,
    ParticipantScoreRecord,
)
from results.overrides import STATUS_LABELS
from results.polish import evidence_fields, renumber_enquiries
from results.scoring import latest_run

CHANNEL_LABELS = {
    "website": "strona WWW",
    "accessibility": "dostępność",
    "email": "e-mail",
    "visit": "wizyta",
    "phone": "telefon",
    "social_media": "media społecznościowe",
    "email_impression": "wrażenie z e-maili",
    "overall": "ogólne wrażenie",
}
SOURCE_LABELS = {"machine": "automat", "jurors": "jurorzy", "override": "korekta"}

# Used when the edition's rubric cannot be loaded: the human criteria of rubric 2027.x.
FALLBACK_HUMAN_CRITERIA = (
    CriterionSpec("HUM-VISIT", "Kultura obsługi podczas wizyty", "visit", "", 30, False, (), 0, 5),
    CriterionSpec("HUM-PHONE", "Kultura obsługi przez telefon", "phone", "", 25, False, (), 0, 5),
    CriterionSpec(
        "HUM-SOCIAL", "Jakość kontaktu w mediach społecznościowych", "social_media", "", 10,
        False, (), 0, 5,
    ),
    CriterionSpec(
        "HUM-EMAIL", "Wrażenie z kontaktu e-mailowego", "email_impression", "", 10, False, (), 0, 5
    ),
    CriterionSpec("HUM-IMPRESSION", "Ogólne wrażenie", "overall", "", 25, False, (), 0, 5),
)  # fmt: skip


def rubric_specs(edition: Edition) -> dict[str, CriterionSpec]:
    """The edition's rubric criteria; the fallback human criteria if it cannot be loaded."""
    return _specs_of_version(edition.rubric_version)


@lru_cache(maxsize=8)
def _specs_of_version(version: str) -> dict[str, CriterionSpec]:
    # Parsing the YAML rubric takes ~100 ms; a rubric version is immutable once published.
    try:
        from rubrics.rubric import load_rubric

        return specs_from_rubric(load_rubric(version))
    except Exception:  # a missing or broken rubric must not take the evidence page down
        return {spec.id: spec for spec in FALLBACK_HUMAN_CRITERIA}


def edition_of(participant: Participant, year: int | None = None) -> Edition | None:
    editions = participant.editions.order_by("-year")
    if year:
        return editions.filter(year=year).first()
    return editions.first() or Edition.objects.order_by("-year").first()


def edition_or_404(participant: Participant) -> Edition:
    """The edition a form about the participant is judged in; a page not found without one."""
    edition = edition_of(participant)
    if edition is None:
        raise Http404("Uczestnik nie należy do żadnej edycji.")
    return edition


@dataclass
class HumanCriterion:
    spec: CriterionSpec
    own: JurorAssessment | None
    others: list[JurorAssessment] = field(default_factory=list)
    others_hidden: int = 0

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.spec.channel, self.spec.channel)


def human_criteria(
    edition: Edition, participant: Participant, user: AbstractBaseUser, organiser: bool
) -> list[HumanCriterion]:
    specs = [
        s for s in rubric_specs(edition).values() if s.human and s.applies_to(participant.kind)
    ]
    rows = list(
        JurorAssessment.objects.filter(edition=edition, participant=participant).order_by("juror")
    )
    name = user.get_username()
    result = []
    for spec in specs:
        mine = [r for r in rows if r.criterion_id == spec.id and r.juror == name]
        others = [r for r in rows if r.criterion_id == spec.id and r.juror != name]
        item = HumanCriterion(spec, mine[0] if mine else None)
        if organiser or mine:
            item.others = others
        else:
            item.others_hidden = len(others)
        result.append(item)
    return result


def machine_specs(edition: Edition, participant: Participant) -> list[CriterionSpec]:
    return [
        s for s in rubric_specs(edition).values() if not s.human and s.applies_to(participant.kind)
    ]


def criterion_results(
    edition: Edition, participant: Participant, numbers: dict[str, str] | None = None
) -> dict[str, Any] | None:
    """The participant's stored results in the edition's newest score run, or None.
    `numbers`: the participant's enquiries numbered ("zapytanie 1 z 2") by their ids."""
    run = latest_run(edition)
    if run is None:
        return None
    record = ParticipantScoreRecord.objects.filter(run=run, participant=participant).first()
    if record is None:
        return None
    rows = []
    for c in CriterionResultRecord.objects.filter(score_record=record).order_by("category", "id"):
        rows.append(
            {
                "record": c,
                "status_label": STATUS_LABELS.get(c.status, c.status),
                "channel_label": CHANNEL_LABELS.get(c.channel, c.channel),
                "source_label": SOURCE_LABELS.get(c.source, c.source),
                "score_percent": None if c.score is None else round(100 * c.score, 1),
                "original_label": (
                    None
                    if not c.original
                    else STATUS_LABELS.get(c.original.get("status"), c.original.get("status"))
                ),
                "explanation": renumber_enquiries(c.explanation, numbers or {}),
                "evidence": [
                    evidence_item(e, numbers) for e in (c.evidence or []) if isinstance(e, dict)
                ],
            }
        )
    return {"run": run, "record": record, "rows": rows}


SCREENSHOT_KEYS = ("screenshot", "screenshot_desktop", "screenshot_mobile")


def evidence_item(item: dict[str, Any], numbers: dict[str, str] | None = None) -> dict[str, Any]:
    """A criterion's proof made displayable: Polish labels and values, the technical keys
    (hashes, selectors, mailbox numbers) apart, screenshots and the click path as links to our
    evidence view (never to the participant's host)."""
    out = evidence_fields(item, numbers)
    out["screenshots"] = []
    for key in SCREENSHOT_KEYS:
        sha = item.get(key)
        if isinstance(sha, str) and len(sha) == 64:
            out["screenshots"].append(sha)
    path = item.get("path")
    out["path"] = [str(p) for p in path] if isinstance(path, list) else []
    urls = item.get("urls")
    out["urls"] = [str(u) for u in urls[:15]] if isinstance(urls, list) else []
    return out


def attach_snapshots(criteria: dict[str, Any], pages: list[dict[str, Any]]) -> None:
    """Point each proof that names a page (and an element) at that page's stored copy."""
    by_url: dict[str, str] = {}
    for page in pages:
        if page.get("html_blob"):
            for key in ("url", "final_url"):
                if page.get(key):
                    by_url.setdefault(page[key], page["html_blob"])
    for row in criteria["rows"]:
        raws = [e for e in (row["record"].evidence or []) if isinstance(e, dict)]
        for item, raw in zip(row["evidence"], raws, strict=False):
            url = raw.get("url")
            if url and url in by_url:
                item["snapshot"] = by_url[url]
                item["page_url"] = url
                item["selector"] = raw.get("selector") or ""


def hide_unjudged_human_results(criteria: dict[str, Any], human: list[HumanCriterion]) -> None:
    """A human criterion's stored result (the jurors' median) stays hidden from a juror until
    they have given their own score for it."""
    judged = {item.spec.id for item in human if item.own is not None}
    for row in criteria["rows"]:
        record = row["record"]
        if record.channel not in MACHINE_CHANNELS and record.criterion_id not in judged:
            row["hidden"] = True
