"""Jurors' assessments: import from CSV/XLSX with line-precise checks, and aggregation.

An import file has one assessment a line: juror, participant, criterion, score, comment,
date, channel (and the edition, unless given on the command line). Headers in Polish or
English. Rejected lines are reported with their line number as a spreadsheet user sees it
(the header is line 1) and never silently dropped; the other lines are stored. Importing
the same file again changes nothing; an edited file updates, never duplicates.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from results.criteria_specs import CriterionSpec
from results.tabular import BrokenRow, TableFileError
from results.tabular import read_rows as read_table

HEADER_ALIASES: dict[str, str] = {
    "juror": "juror",
    "jurorka": "juror",
    "oceniający": "juror",
    "uczestnik": "participant",
    "participant": "participant",
    "participant_id": "participant",
    "id_uczestnika": "participant",
    "kryterium": "criterion",
    "criterion": "criterion",
    "ocena": "score",
    "score": "score",
    "punkty": "score",
    "komentarz": "comment",
    "comment": "comment",
    "uwagi": "comment",
    "data": "date",
    "date": "date",
    "kanał": "channel",
    "kanal": "channel",
    "channel": "channel",
    "edycja": "edition",
    "edition": "edition",
}
REQUIRED = ("juror", "participant", "criterion", "score", "date", "channel")
FIELD_LABELS = {
    "juror": "juror",
    "participant": "uczestnik",
    "criterion": "kryterium",
    "score": "ocena",
    "comment": "komentarz",
    "date": "data",
    "channel": "kanał",
    "edition": "edycja",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def reject(self, line: int, field_name: str, reason: str) -> None:
        self.rejected.append({"line": line, "field": field_name, "reason": reason})

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": sorted(self.rejected, key=lambda r: (r["line"], r["field"])),
        }


# The file as a whole cannot be read (format, header, limits); the message is in Polish.
ImportFileError = TableFileError

BROKEN = "__broken__"


def _normalise_header(cell: Any) -> str:
    return str(cell or "").strip().casefold().replace(" ", "_")


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, {field: raw value}) for every non-empty line after the header; a line
    that could not be split into cells comes as {BROKEN: reason}. The shared table reader
    (results/tabular.py) bounds size, rows and fields and reads every XLSX row."""
    rows, _encoding = read_table(path)
    header: list[str | None] | None = None
    for line, cells in rows:
        if header is None:
            if isinstance(cells, BrokenRow):
                raise ImportFileError(
                    f"nie można odczytać nagłówka (wiersz {line}): {cells.reason}"
                )
            header = [HEADER_ALIASES.get(_normalise_header(c)) for c in cells]
            missing = [FIELD_LABELS[f] for f in REQUIRED if f not in header]
            if missing:
                raise ImportFileError("brak wymaganych kolumn: " + ", ".join(missing))
            continue
        if isinstance(cells, BrokenRow):
            yield line, {BROKEN: cells.reason}
            continue
        yield (
            line,
            {
                name: cells[i] if i < len(cells) else None
                for i, name in enumerate(header)
                if name is not None
            },
        )
    if header is None:
        raise ImportFileError("plik jest pusty")


def parse_score(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        return float(raw)
    return float(str(raw).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def _clean(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def _find_participant(ref: str, edition):
    from results.models import Participant

    if ref.isdigit():
        found = Participant.objects.filter(pk=int(ref)).first()
        if found:
            return found
    return (
        Participant.objects.filter(identity_key=ref).first()
        or Participant.objects.filter(nip=ref).first()
        or Participant.objects.filter(regon=ref).first()
    )


class _Rejected(Exception):
    """A line's first problem: the field and the Polish message (ImportReport.reject)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _assessment(row: dict, edition, editions: dict[str, Any], specs) -> dict[str, Any]:
    """The assessment a line records, checked field by field in the file's column order;
    raises _Rejected with the first problem. `editions` caches the editions named by year."""
    from results.models import Edition

    row_edition = edition
    edition_ref = _clean(row.get("edition"))
    if edition_ref:
        if edition_ref not in editions:
            editions[edition_ref] = (
                Edition.objects.filter(year=int(edition_ref)).first()
                if edition_ref.isdigit()
                else None
            )
        row_edition = editions[edition_ref]
        if row_edition is None:
            raise _Rejected("edycja", f"nieznana edycja {edition_ref!r}")
        if edition is not None and row_edition.pk != edition.pk:
            raise _Rejected("edycja", f"edycja {edition_ref} różni się od podanej ({edition.year})")
    if row_edition is None:
        raise _Rejected("edycja", "brak edycji (kolumna „edycja” lub opcja --edition)")

    participant_ref = _clean(row["participant"])
    participant = _find_participant(participant_ref, row_edition)
    if participant is None:
        raise _Rejected("uczestnik", f"nieznany uczestnik {participant_ref!r}")
    if (
        row_edition.participants.exists()
        and not row_edition.participants.filter(pk=participant.pk).exists()
    ):
        raise _Rejected(
            "uczestnik",
            f"uczestnik {participant_ref!r} nie bierze udziału w edycji {row_edition.year}",
        )

    criterion_id = _clean(row["criterion"]).upper()
    spec = specs.get(criterion_id)
    if spec is None:
        raise _Rejected("kryterium", f"nieznane kryterium {criterion_id!r}")
    if not spec.applies_to(participant.kind):
        raise _Rejected(
            "kryterium",
            f"kryterium {criterion_id} nie dotyczy rodzaju uczestnika „{participant.kind}”",
        )

    channel = _clean(row["channel"]).casefold()
    if channel != spec.channel:
        raise _Rejected(
            "kanał",
            f"kanał {channel!r} nie zgadza się z kryterium {criterion_id} ({spec.channel!r})",
        )

    try:
        score = parse_score(row["score"])
    except ValueError:
        raise _Rejected("ocena", f"ocena {_clean(row['score'])!r} nie jest liczbą") from None
    if not spec.scale_min <= score <= spec.scale_max:
        raise _Rejected(
            "ocena", f"ocena {score:g} poza skalą {spec.scale_min:g}–{spec.scale_max:g}"
        )

    try:
        date = parse_date(row["date"])
    except ValueError:
        raise _Rejected(
            "data", f"niepoprawna data {_clean(row['date'])!r} (oczekiwano RRRR-MM-DD)"
        ) from None

    return {
        "edition": row_edition,
        "participant": participant,
        "criterion_id": criterion_id,
        "juror": _clean(row["juror"]),
        "score": score,
        "comment": _clean(row.get("comment")),
        "date": date,
        "channel": channel,
    }


def import_assessments(
    path: Path,
    specs: Mapping[str, CriterionSpec],
    edition=None,
    actor: str = "import",
    dry_run: bool = False,
) -> ImportReport:
    """Validate every line, store the valid ones (unless `dry_run`) and report the rest."""
    from results.models import AuditLogEntry, JurorAssessment

    report = ImportReport()
    rows = list(read_rows(path))
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    editions: dict[str, Any] = {}
    seen: dict[tuple, int] = {}
    valid: list[tuple[int, dict[str, Any]]] = []

    for line, row in rows:
        if BROKEN in row:
            report.reject(line, "wiersz", row[BROKEN])
            continue
        problems_before = len(report.rejected)
        for name in REQUIRED:
            if _clean(row.get(name)) == "":
                report.reject(line, FIELD_LABELS[name], "pole jest wymagane")
        if len(report.rejected) > problems_before:
            continue

        try:
            values = _assessment(row, edition, editions, specs)
        except _Rejected as problem:
            report.reject(line, problem.field, problem.message)
            continue
        key = (
            values["edition"].pk,
            values["participant"].pk,
            values["criterion_id"],
            values["juror"],
        )
        if key in seen:
            report.reject(
                line, "juror", f"powtórzona ocena tego jurora (jak w wierszu {seen[key]})"
            )
            continue
        seen[key] = line
        valid.append((line, {**values, "juror_user": users.get(values["juror"])}))

    with transaction.atomic():
        log: list[AuditLogEntry] = []
        for _line, values in valid:
            existing = JurorAssessment.objects.filter(
                edition=values["edition"],
                participant=values["participant"],
                criterion_id=values["criterion_id"],
                juror=values["juror"],
            ).first()
            changes = {k: values[k] for k in ("score", "comment", "date", "channel", "juror_user")}
            if existing is None:
                report.created += 1
                if not dry_run:
                    created = JurorAssessment.objects.create(**values)
                    log.append(
                        _log_entry(actor, AuditLogEntry.Action.ASSESSMENT_IMPORT_ADD, created, None)
                    )
                continue
            before = {k: getattr(existing, k) for k in changes}
            if before == changes:
                report.unchanged += 1
                continue
            report.updated += 1
            if not dry_run:
                for k, v in changes.items():
                    setattr(existing, k, v)
                existing.save()
                log.append(
                    _log_entry(
                        actor, AuditLogEntry.Action.ASSESSMENT_IMPORT_CHANGE, existing, before
                    )
                )
        AuditLogEntry.objects.bulk_create(log)
    return report


def _log_entry(actor: str, action: str, assessment, before: dict | None):
    from results.models import AuditLogEntry

    def plain(values: dict) -> dict:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else getattr(v, "pk", v))
            for k, v in values.items()
        }

    after = {
        "score": assessment.score,
        "comment": assessment.comment,
        "date": assessment.date,
        "channel": assessment.channel,
        "juror": assessment.juror,
        "participant": assessment.participant_id,
        "criterion": assessment.criterion_id,
        "edition": assessment.edition.year,
    }
    details = {"after": plain(after)}
    if before is not None:
        details["before"] = plain(before)
    return AuditLogEntry.objects.entry(actor, action, assessment, **details)


@dataclass(frozen=True)
class Aggregate:
    """Several jurors' scores for one criterion of one participant."""

    value: float  # the median, the score that counts
    n: int
    minimum: float
    maximum: float
    iqr: float
    std: float
    scores: tuple[float, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "median": round(self.value, 6),
            "n": self.n,
            "min": round(self.minimum, 6),
            "max": round(self.maximum, 6),
            "iqr": round(self.iqr, 6),
            "std": round(self.std, 6),
            "scores": [round(s, 6) for s in self.scores],
        }


def aggregate(scores: Iterable[float]) -> Aggregate:
    """Median with its spread: min, max, interquartile range (inclusive method) and std."""
    values = tuple(sorted(float(s) for s in scores))
    if not values:
        raise ValueError("no scores to aggregate")
    if len(values) >= 2:
        q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
        iqr, std = q3 - q1, statistics.pstdev(values)
    else:
        iqr = std = 0.0
    return Aggregate(
        value=statistics.median(values),
        n=len(values),
        minimum=values[0],
        maximum=values[-1],
        iqr=iqr,
        std=std,
        scores=values,
    )


def assessments_by_unit(edition) -> dict[tuple[int, str], dict[str, float]]:
    """{(participant id, criterion id): {juror: score}} for an edition."""
    from results.models import JurorAssessment

    units: dict[tuple[int, str], dict[str, float]] = {}
    rows = JurorAssessment.objects.filter(edition=edition).order_by(
        "participant_id", "criterion_id", "juror"
    )
    for row in rows.values_list("participant_id", "criterion_id", "juror", "score"):
        participant_id, criterion_id, juror, score = row
        units.setdefault((participant_id, criterion_id), {})[juror] = score
    return units
