"""Shared look-ups for the results commands (a leading underscore: not a command itself)."""

from __future__ import annotations

from django.core.management.base import CommandError

from results.db import ensure_database

EDITION_HELP = "Rok edycji, np. 2027 (domyślnie jedyna edycja albo ta, która teraz trwa)."


def edition_for(year: int | None):
    """The edition of that year; without a year, the only edition or the one running today."""
    import datetime

    from results.models import Edition

    ensure_database()
    if year is None:
        editions = list(Edition.objects.order_by("year"))
        if len(editions) == 1:
            return editions[0]
        today = datetime.date.today()
        running = [e for e in editions if e.window_start <= today <= e.window_end]
        if len(running) == 1:
            return running[0]
        if not editions:
            raise CommandError(
                "Nie ma jeszcze żadnej edycji. Utwórz ją: auditor edition create --year ROK",
                returncode=2,
            )
        years = ", ".join(str(e.year) for e in editions)
        raise CommandError(f"Podaj --edition ROK (są edycje: {years}).", returncode=2)
    edition = Edition.objects.filter(year=year).first()
    if edition is None:
        raise CommandError(
            f"Nie ma edycji {year}. Utwórz ją: auditor edition create --year {year}",
            returncode=2,
        )
    return edition


def run_for(edition, rubric_version: str | None = None):
    """The newest score run (of the edition's rubric version unless another is given)."""
    from results.scoring import latest_run

    version = rubric_version or edition.rubric_version
    run = latest_run(edition, version)
    if run is None:
        raise CommandError(
            f"Edycja {edition.year} nie ma jeszcze wyników z rubryką {version}. "
            f"Uruchom: auditor rescore --edition {edition.year} --rubric {version}"
        )
    return run


def stale_warning(run) -> str | None:
    """A Polish warning when jurors' scores or corrections changed after the run."""
    from results.scoring import human_digest

    if run.human_digest and run.human_digest != human_digest(run.edition):
        return (
            "Uwaga: oceny jurorów lub korekty zmieniły się po ostatnim przeliczeniu — "
            f"uruchom: auditor rescore --edition {run.edition.year} --rubric {run.rubric_version}"
        )
    return None


def participant_for(edition, ref: str):
    from results.models import Participant

    found = None
    if ref.isdigit():
        found = Participant.objects.filter(pk=int(ref)).first()
    found = found or Participant.objects.filter(identity_key=ref).first()
    if found is None:
        raise CommandError(f"Nie ma uczestnika {ref!r}.", returncode=2)
    return found
