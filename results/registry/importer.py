"""Importing a registry file: validate every row, report rejects, store the rest once.

Importing the same file again changes nothing; an edited file updates the participants
it names (found by identity key, or by NIP, REGON or website host when the key changed),
never duplicates them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from results.models import AuditLogEntry, Edition, Participant
from results.registry.readers import read_registry
from results.registry.validation import (
    ParticipantData,
    RowError,
    validate_row,
    website_host,
)

KEY_LABELS = {"nip": "NIP", "regon": "REGON", "host": "adres strony"}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str | None = None
    participant_ids: list[int] = field(default_factory=list)

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({e.line for e in self.rejected})

    def as_json(self) -> dict:
        """The `--json` contract: {"created", "updated", "unchanged", "rejected": [...]}."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [
                {"line": e.line, "field": e.field, "reason": e.reason} for e in self.rejected
            ],
        }


def _duplicate_errors(keys: dict[str, list[int]]) -> list[RowError]:
    errors = []
    for key, lines in keys.items():
        if len(lines) < 2:
            continue
        kind, value = key.split(":", 1)
        for line in lines:
            others = ", ".join(str(x) for x in lines if x != line)
            errors.append(
                RowError(
                    line,
                    kind if kind != "host" else "website",
                    f"{KEY_LABELS[kind]} {value} powtarza się w wierszu {others}",
                )
            )
    return errors


class _Index:
    """Existing participants by identity key, NIP, REGON and website host."""

    def __init__(self) -> None:
        self.by_key: dict[str, Participant] = {}
        self.by_nip: dict[str, Participant] = {}
        self.by_regon: dict[str, Participant] = {}
        self.by_host: dict[str, Participant] = {}
        for p in Participant.objects.all():
            self.add(p)

    def add(self, p: Participant) -> None:
        self.by_key[p.identity_key] = p
        if p.nip:
            self.by_nip[p.nip] = p
        if p.regon:
            self.by_regon[p.regon] = p
        self.by_host.setdefault(website_host(p.website), p)

    def find(self, data: ParticipantData) -> Participant | None:
        found = (
            self.by_key.get(data.identity_key)
            or (self.by_nip.get(data.nip) if data.nip else None)
            or (self.by_regon.get(data.regon) if data.regon else None)
        )
        if found is not None:
            return found
        # A file that now gives a NIP or REGON for a participant known by its website:
        # the same participant, unless the stored one carries a different identifier.
        by_host = self.by_host.get(website_host(data.website))
        if by_host is not None and (
            (not by_host.nip or by_host.nip == data.nip)
            and (not by_host.regon or by_host.regon == data.regon)
        ):
            return by_host
        return None


def import_registry(
    path: Path,
    *,
    dry_run: bool = False,
    actor: str = "system",
    edition: Edition | None = None,
    allow_test_domains: bool = False,
) -> ImportReport:
    """Import a registry file. Raises RegistryFileError when the file cannot be read at all."""
    table = read_registry(path)
    report = ImportReport(ignored_columns=table.ignored_columns, encoding=table.encoding)

    valid: list[tuple[int, ParticipantData]] = []
    keys: dict[str, list[int]] = defaultdict(list)
    for row in table.rows:
        data, errors, key = validate_row(row, allow_test_domains=allow_test_domains)
        report.rejected.extend(errors)
        if key is not None:
            keys[key].append(row.line)
        if data is not None:
            valid.append((row.line, data))

    duplicates = _duplicate_errors(keys)
    duplicate_lines = {e.line for e in duplicates}
    report.rejected.extend(duplicates)
    report.rejected.sort(key=lambda e: (e.line, e.field))

    with transaction.atomic():
        index = _Index()
        for line, data in valid:
            if line in duplicate_lines:
                continue
            participant = index.find(data)
            fields = data.model_fields()
            fields["identity_key"] = data.identity_key
            if participant is None:
                participant = Participant(**fields)
                participant.save()
                report.created += 1
            else:
                changed = {k: v for k, v in fields.items() if getattr(participant, k) != v}
                if changed:
                    for k, v in changed.items():
                        setattr(participant, k, v)
                    participant.save()
                    report.updated += 1
                else:
                    report.unchanged += 1
            index.add(participant)
            report.participant_ids.append(participant.pk)
        if edition is not None:
            edition.participants.add(*report.participant_ids)
        AuditLogEntry.objects.log_fields(
            actor,
            AuditLogEntry.Action.PARTICIPANTS_IMPORT,
            ("registry", path.name),
            "created updated unchanged rejected_lines",
            source=report,
            edition=edition.year if edition else None,
        )
        if dry_run:
            transaction.set_rollback(True)
    return report
