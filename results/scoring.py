"""Scoring an edition: stored evidence + rubric version + jurors + corrections → a ScoreRun.

`rescore` reads only the database and the evidence store (no network), judges every
participant of the edition with the rubric's pure functions, and stores the results as a
new ScoreRun beside the earlier ones. It is deterministic: the same input (the digest of
every evidence hash, juror score and correction) gives a byte-identical canonical output
(`run_document` → `canonical_json`), whose digest is stored with the run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from results.criteria_specs import CriterionSpec, specs_from_rubric
from results.evidence_index import edition_evidence_records, hydrate_records
from results.evidence_store import EvidenceStore
from results.jurors import aggregate, assessments_by_unit
from results.overrides import active_overrides, apply_override
from results.ranking import Entrant, Ranking, rank
from rubrics.outcome import NOT_APPLICABLE, NOT_MEASURED, CriterionResult, ParticipantScore


def number(value: float | None) -> float | None:
    """A float in its canonical form for storage and export: 6 decimals, no negative zero."""
    if value is None:
        return None
    rounded = round(float(value), 6)
    return 0.0 if rounded == 0 else rounded


def canonical(value: Any) -> Any:
    """JSON-ready data with every float canonical and every tuple a list."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return number(value)
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return str(value)


def canonical_json(value: Any) -> bytes:
    """Sorted keys, fixed separators, UTF-8: equal data gives equal bytes."""
    return (
        json.dumps(canonical(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        + "\n"
    ).encode("utf-8")


def sha256_of(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def edition_participants(edition) -> list:
    """The edition's participants, by id; all participants when none were enrolled."""
    from results.models import Participant

    enrolled = edition.participants.all()
    rows = enrolled if enrolled.exists() else Participant.objects.all()
    return list(rows.order_by("id"))


def human_inputs(edition) -> dict[str, Any]:
    """Jurors' scores and the corrections in force: what scoring reads besides evidence."""
    units = assessments_by_unit(edition)
    overrides = active_overrides(edition)
    return {
        "jurors": [[p, c, sorted(scores.items())] for (p, c), scores in sorted(units.items())],
        "overrides": [
            [p, c, o.pk, o.status, o.score, o.reason, o.actor]
            for (p, c), o in sorted(overrides.items())
        ],
    }


def human_digest(edition) -> str:
    return sha256_of(human_inputs(edition))


def _result_for_missing(spec: CriterionSpec, kind: str) -> CriterionResult:
    if not spec.applies_to(kind):
        return CriterionResult(
            spec.id, NOT_APPLICABLE, None, "Kryterium nie dotyczy tego rodzaju uczestnika."
        )
    return CriterionResult(spec.id, NOT_MEASURED, None, "Brak ocen jurorów dla tego kryterium.")


def score_participant(
    rubric,
    specs: dict[str, CriterionSpec],
    kind: str,
    evidence: dict[str, Any],
    juror_scores: dict[str, dict[str, float]],
    overrides: dict[str, Any],
    evaluate: Callable,
    human_result: Callable,
    combine: Callable,
    status: dict[str, Any] | None = None,
    ctx_extra: dict[str, Any] | None = None,
) -> tuple[ParticipantScore, dict[str, dict[str, Any]]]:
    """One participant: machine results, jurors' medians, corrections, then the points.

    Returns the score and, per criterion, what results keep beside it: the source and the
    machine's original result when it was corrected.
    """
    by_id: dict[str, CriterionResult] = {
        r.id: r for r in evaluate(rubric, kind, evidence, ctx_extra, status=status)
    }
    extra: dict[str, dict[str, Any]] = {}
    for spec in specs.values():
        extra[spec.id] = {"source": "machine", "original": None, "jurors": None}
        if spec.human:
            scores = juror_scores.get(spec.id)
            if scores and spec.applies_to(kind):
                try:
                    by_id[spec.id] = human_result(
                        rubric.criterion(spec.id), sorted(scores.values())
                    )
                except ValueError as exc:
                    # Scores outside this rubric version's scale: ours to fix, not theirs.
                    by_id[spec.id] = CriterionResult(
                        spec.id,
                        NOT_MEASURED,
                        None,
                        "Oceny jurorów są poza skalą tej wersji rubryki — nie mierzono.",
                        (),
                        {"error": str(exc)},
                    )
                extra[spec.id]["source"] = "jurors"
                extra[spec.id]["jurors"] = {
                    **aggregate(scores.values()).as_dict(),
                    "by_juror": dict(sorted(scores.items())),
                }
            elif spec.id not in by_id:
                by_id[spec.id] = _result_for_missing(spec, kind)
        elif spec.id not in by_id:
            by_id[spec.id] = _result_for_missing(spec, kind)
        override = overrides.get(spec.id)
        if override is not None:
            original = by_id[spec.id]
            extra[spec.id]["original"] = {
                "status": original.status,
                "score": original.score,
                "explanation": original.explanation,
                "source": extra[spec.id]["source"],
            }
            extra[spec.id]["source"] = "override"
            by_id[spec.id] = apply_override(original, override)
    results = [by_id[cid] for cid in specs]
    return combine(rubric, kind, results, status), extra


def legal_status(participant) -> dict[str, Any]:
    """What rubric conditions read of a participant (docs/rubrics.md, applies_to conditions)."""
    return {
        "public_body": participant.public_body,
        "online_consumer_services": participant.online_consumer_services,
        "employees": participant.employees,
    }


def rescore(
    edition, rubric_version: str, store: EvidenceStore | None = None, actor: str = "auditor"
):
    """Score every participant of `edition` with `rubric_version` and store a new ScoreRun.

    Reads the e-mail artifacts as recorded: callers take today's snapshot first through
    `scheduler.rescore.rescore`.
    """
    from results.models import (
        AuditLogEntry,
        CriterionResultRecord,
        ParticipantScoreRecord,
        ScoreRun,
    )
    from rubrics.engine import combine, evaluate, human_result
    from rubrics.licence import licence_gaps
    from rubrics.rubric import load_rubric

    rubric = load_rubric(rubric_version)
    specs = specs_from_rubric(rubric)
    store = store or EvidenceStore()
    participants = edition_participants(edition)
    units = assessments_by_unit(edition)
    overrides = active_overrides(edition)
    humans = human_inputs(edition)

    all_records = edition_evidence_records(edition)
    units_of: dict[int, dict[str, dict[str, float]]] = {}
    for (pid, cid), scores in units.items():
        units_of.setdefault(pid, {})[cid] = scores
    overrides_of: dict[int, dict[str, Any]] = {}
    for (pid, cid), override in overrides.items():
        overrides_of.setdefault(pid, {})[cid] = override

    inputs: list[Any] = []
    scored: list[tuple[Any, ParticipantScore, dict]] = []
    # The edition's declared days off (substitute days): the latency calendar skips them.
    calendar = {"days_off": sorted(str(d) for d in (edition.days_off or []))}
    for participant in participants:
        records = all_records.get(participant.pk) or {"website": None, "email": []}
        status = legal_status(participant)
        inputs.append(
            [
                participant.pk,
                participant.name,
                participant.kind,
                participant.employees,
                records["website"].blob_sha256 if records["website"] else None,
                [r.blob_sha256 for r in records["email"]],
            ]
        )
        if rubric.uses_legal_status:
            # Only rubrics that read the legal status depend on it: older versions keep
            # their input digest, and so re-score byte-identically.
            inputs[-1].append([status["public_body"], status["online_consumer_services"]])
        evidence = hydrate_records(records, store)
        juror_scores = units_of.get(participant.pk, {})
        own_overrides = overrides_of.get(participant.pk, {})
        score, extra = score_participant(
            rubric,
            specs,
            participant.kind,
            evidence,
            juror_scores,
            own_overrides,
            evaluate,
            human_result,
            combine,
            status,
            calendar,
        )
        scored.append((participant, score, extra))

    digested = {
        "edition": edition.year,
        "rubric": [rubric.version, getattr(rubric, "sha256", "")],
        "participants": inputs,
        "human": humans,
    }
    if calendar["days_off"]:
        # Only editions with declared days off carry them: others keep their input digest.
        digested["days_off"] = calendar["days_off"]
    input_digest = sha256_of(digested)
    with transaction.atomic():
        run = ScoreRun.objects.create(
            edition=edition,
            rubric_version=rubric.version,
            input_digest=input_digest,
            human_digest=sha256_of(humans),
            threshold=float(rubric.threshold),
            statuettes_per_category=int(rubric.statuettes_per_category),
            licence_rules=licence_rules(rubric),
        )
        score_rows = ParticipantScoreRecord.objects.bulk_create(
            [
                ParticipantScoreRecord(
                    run=run,
                    participant=participant,
                    points=number(score.points),
                    categories=canonical(
                        [
                            {
                                "id": c.id,
                                "name": c.name,
                                "weight": c.weight,
                                "score": c.score,
                                "measured_weight": c.measured_weight,
                            }
                            for c in score.categories
                        ]
                    ),
                    blocking_failed=sorted(score.blocking_failed),
                    not_measured=sorted(score.not_measured),
                    licence_gaps=list(
                        licence_gaps(
                            rubric,
                            score,
                            {c: len(v) for c, v in units_of.get(participant.pk, {}).items()},
                        )
                    ),
                )
                for participant, score, _extra in scored
            ]
        )
        CriterionResultRecord.objects.bulk_create(
            _criterion_rows(score_rows, scored, specs), batch_size=2000
        )
        run.output_digest = hashlib.sha256(canonical_json(run_document(run))).hexdigest()
        run.save(update_fields=["output_digest"])
        AuditLogEntry.objects.log_fields(
            actor,
            AuditLogEntry.Action.RESCORE,
            run,
            "rubric_version input_digest output_digest",
            edition=edition.year,
            participants=len(scored),
        )
    return run


def licence_rules(rubric) -> dict[str, Any]:
    """The rubric's licence gate as stored with a run (and shown with the ranking)."""
    rules = rubric.licence
    return {
        "min_jurors": rules.min_jurors,
        "channels_measured": list(rules.channels_measured),
        "min_measured_share": number(rules.min_measured_share),
    }


def _criterion_rows(score_rows, scored, specs: dict[str, CriterionSpec]) -> Iterable:
    from results.models import CriterionResultRecord

    for row, (_participant, score, extra) in zip(score_rows, scored, strict=True):
        for result in score.criteria:
            spec = specs.get(result.id)
            yield CriterionResultRecord(
                score_record=row,
                criterion_id=result.id,
                name=spec.name if spec else "",
                channel=spec.channel if spec else "",
                category=spec.category if spec else "",
                weight=spec.weight if spec else 0.0,
                blocking=spec.blocking if spec else False,
                status=result.status,
                score=number(result.score),
                explanation=result.explanation,
                evidence=canonical(list(result.evidence)),
                details=canonical(
                    {**result.details, "jurors": extra.get(result.id, {}).get("jurors")}
                ),
                source=extra.get(result.id, {}).get("source", "machine"),
                original=canonical(extra.get(result.id, {}).get("original")),
            )


def latest_run(edition, rubric_version: str | None = None):
    """The newest score run of the edition (for one rubric version, if given)."""
    from results.models import ScoreRun

    runs = ScoreRun.objects.filter(edition=edition)
    if rubric_version:
        runs = runs.filter(rubric_version=rubric_version)
    return runs.order_by("-created_at", "-id").first()


def run_participants(run) -> list[dict[str, Any]]:
    """Every participant of the run with its criteria, as plain data, by participant id."""
    from results.models import CriterionResultRecord, ParticipantScoreRecord

    rows = (
        ParticipantScoreRecord.objects.filter(run=run)
        .select_related("participant")
        .order_by("participant_id")
    )
    criteria: dict[int, list[dict[str, Any]]] = {}
    fields = (
        "score_record_id",
        "criterion_id",
        "name",
        "channel",
        "category",
        "weight",
        "blocking",
        "status",
        "score",
        "explanation",
        "evidence",
        "details",
        "source",
        "original",
    )
    for values in (
        CriterionResultRecord.objects.filter(score_record__run=run)
        .order_by("score_record_id", "id")
        .values_list(*fields)
        .iterator(chunk_size=5000)
    ):
        item = dict(zip(fields, values, strict=True))
        criteria.setdefault(item.pop("score_record_id"), []).append(item)
    participants = []
    for row in rows:
        p = row.participant
        participants.append(
            {
                "participant_id": p.pk,
                "name": p.name,
                "kind": p.kind,
                "employees": p.employees,
                "region": p.region,
                "points": row.points,
                "categories": row.categories,
                "blocking_failed": row.blocking_failed,
                "not_measured": row.not_measured,
                "licence_gaps": row.licence_gaps,
                "criteria": criteria.get(row.pk, []),
            }
        )
    return participants


def run_document(run) -> dict[str, Any]:
    """The run's output: everything it decided, nothing about when it ran.

    Stored values are canonical already; `canonical_json` makes the bytes.
    """
    return {
        "edition": run.edition.year,
        "rubric_version": run.rubric_version,
        "input_digest": run.input_digest,
        "threshold": run.threshold,
        "statuettes_per_category": run.statuettes_per_category,
        "licence_rules": run.licence_rules,
        "participants": run_participants(run),
    }


def entrants(participants: Iterable[dict[str, Any]]) -> list[Entrant]:
    return [
        Entrant(
            participant_id=p["participant_id"],
            name=p["name"],
            kind=p["kind"],
            employees=p["employees"],
            points=p["points"],
            subscores={c["id"]: c.get("score") for c in p["categories"]},
            blocking_failed=tuple(p["blocking_failed"]),
            licence_gaps=None if p.get("licence_gaps") is None else tuple(p["licence_gaps"]),
        )
        for p in participants
    ]


def ranking_for(run, participants: list[dict[str, Any]] | None = None) -> Ranking:
    """The run's ranking with the experts' decisions in force on the edition's awards."""
    from results.awards import decisions_in_force

    participants = run_participants(run) if participants is None else participants
    return rank(
        entrants(participants),
        run.threshold,
        run.statuettes_per_category,
        decisions_in_force(run.edition),
    )
