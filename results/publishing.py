"""Publishing a ranking and showing what a recomputation would change.

A score run is a draft. Publishing freezes one: its exports are stored in the evidence store
and served from there byte for byte ever after, whatever is recomputed later. Before a
publication the organiser sees the changes against the previous one: places, licences
crossing the threshold, nominations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction

from results.evidence_store import EvidenceStore
from results.exports import EXPORTERS
from results.ranking import format_points

MEDIA = {
    "json": "application/json",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Change:
    participant_id: int
    name: str
    what: str  # "miejsce", "licencja", "nominacja", "punkty", "nowy", "usunięty"
    before: str
    after: str

    def sentence(self) -> str:
        if self.what == "nowy":
            return f"{self.name}: pojawia się w rankingu ({self.after})"
        if self.what == "usunięty":
            return f"{self.name}: znika z rankingu (było: {self.before})"
        return f"{self.name}: {self.what} {self.before} → {self.after}"


def _nominated(entry) -> bool:
    return bool(getattr(entry, "nomination", getattr(entry, "statuette", False)))


def _facts(ranking) -> dict[int, dict[str, Any]]:
    facts = {}
    for entry in ranking.entries:
        e = entry.entrant
        facts[e.participant_id] = {
            "name": e.name,
            "place": entry.overall.label,
            "points": format_points(e.points),
            "licence": "tak" if entry.licence else "nie",
            "nomination": "tak" if _nominated(entry) else "nie",
        }
    return facts


def ranking_changes(before, after) -> list[Change]:
    """What differs between two rankings, licences and nominations first."""
    old, new = _facts(before) if before else {}, _facts(after)
    changes: list[Change] = []
    order = {"licencja": 0, "nominacja": 1, "miejsce": 2, "punkty": 3, "nowy": 4, "usunięty": 5}
    for pid in sorted(set(old) | set(new)):
        a, b = old.get(pid), new.get(pid)
        if a is None:
            changes.append(Change(pid, b["name"], "nowy", "", f"miejsce {b['place']}"))
            continue
        if b is None:
            changes.append(Change(pid, a["name"], "usunięty", f"miejsce {a['place']}", ""))
            continue
        for key, label in (
            ("licence", "licencja"),
            ("nomination", "nominacja"),
            ("place", "miejsce"),
            ("points", "punkty"),
        ):
            if a[key] != b[key]:
                changes.append(Change(pid, b["name"], label, a[key], b[key]))
    changes.sort(key=lambda c: (order[c.what], c.name, c.participant_id))
    return changes


def latest_publication(edition):
    return edition.publications.order_by("-version").first()


def publication_ranking(publication):
    from results.scoring import ranking_for

    return ranking_for(publication.score_run) if publication else None


def publish(edition, run, *, actor: str, note: str = "", store: EvidenceStore | None = None):
    """Freeze `run`'s ranking as the edition's next published version."""
    from results.models import AuditLogEntry, RankingPublication
    from results.scoring import ranking_for, run_participants

    store = store or EvidenceStore()
    participants = run_participants(run)
    ranking = ranking_for(run, participants)
    shas = {
        fmt: store.put(EXPORTERS[fmt](run, ranking, participants), MEDIA[fmt], "auditor publish")
        for fmt in ("json", "csv", "xlsx")
    }
    with transaction.atomic():
        previous = (
            RankingPublication.objects.select_for_update()
            .filter(edition=edition)
            .order_by("-version")
            .first()
        )
        changes = ranking_changes(publication_ranking(previous), ranking)
        publication = RankingPublication.objects.create(
            edition=edition,
            version=(previous.version + 1) if previous else 1,
            score_run=run,
            published_by=actor,
            note=note,
            json_sha256=shas["json"],
            csv_sha256=shas["csv"],
            xlsx_sha256=shas["xlsx"],
            changes=[asdict(c) for c in changes],
        )
        AuditLogEntry.objects.log_fields(
            actor,
            AuditLogEntry.Action.RANKING_PUBLISH,
            ("publikacja", publication.pk),
            "version note",
            source=publication,
            edition=edition.year,
            run=run.pk,
            changes=len(changes),
        )
    return publication


def published_file(publication, fmt: str, store: EvidenceStore | None = None) -> bytes:
    return (store or EvidenceStore()).read(publication.sha256_of(fmt))
