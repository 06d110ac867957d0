from django.core.management.base import CommandError

from auditor.management.commands._console import (
    ActionCommand,
    add_edition,
    add_participant,
    add_revoke,
    refusals,
)
from auditor.management.commands._results_common import edition_for, participant_for


class Command(ActionCommand):
    help = (
        "Korekty wyników automatu: `auditor override add|list|revoke`. Wynik pierwotny "
        "zostaje zapisany; każda zmiana trafia do dziennika zmian."
    )

    def add_actions(self, sub):
        add = sub.add_parser("add", help="Koryguje wynik kryterium (z uzasadnieniem).")
        add_edition(add)
        add_participant(add)
        add.add_argument("--criterion", required=True, help="Id kryterium, np. INF-03.")
        add.add_argument(
            "--status", required=True, help="pass, partial, fail, not_applicable lub not_measured."
        )
        add.add_argument("--score", type=float, help="Wynik 0–1 (dla partial wymagany).")
        add.add_argument("--reason", required=True, help="Uzasadnienie korekty.")
        add.add_argument("--actor", required=True, help="Kto koryguje (juror lub organizator).")
        lst = sub.add_parser("list", help="Korekty w edycji.")
        add_edition(lst)
        add_revoke(sub, "Wycofuje korektę (wraca wynik automatu).", "--actor")

    def handle_add(self, edition, participant, criterion, status, score, reason, actor, **_):
        from results.overrides import OverrideError, add_override

        edition = edition_for(edition)
        participant = participant_for(edition, participant)
        criterion = criterion.upper()
        self._check_criterion(edition, criterion)
        with refusals(OverrideError):
            override = add_override(edition, participant, criterion, status, score, reason, actor)
        self.stdout.write(
            f"Zapisano korektę #{override.pk}: {participant.name}, {criterion} → "
            f"{override.status}. Liczy się od następnego `auditor rescore --edition {edition.year}`."
        )

    def handle_list(self, edition, **_):
        from results.models import Override

        edition = edition_for(edition)
        rows = Override.objects.filter(edition=edition).select_related("participant")
        for o in rows.order_by("participant_id", "criterion_id", "-created_at", "-id"):
            state = "obowiązuje" if o.active else "nieaktualna"
            score = "" if o.score is None else f" ({o.score:g})"
            self.stdout.write(
                f"#{o.pk} {o.created_at:%Y-%m-%d %H:%M} {o.participant.name} {o.criterion_id} "
                f"→ {o.status}{score} [{state}] {o.actor}: {o.reason}"
            )

    def handle_revoke(self, id, reason, actor, **_):
        from results.models import Override
        from results.overrides import revoke_override

        override = Override.objects.filter(pk=id, active=True).first()
        if override is None:
            raise CommandError(f"Nie ma obowiązującej korekty #{id}.")
        revoke_override(override, actor, reason)
        self.stdout.write(f"Wycofano korektę #{override.pk}.")

    def _check_criterion(self, edition, criterion: str) -> None:
        from rubrics.rubric import load_rubric

        rubric = load_rubric(edition.rubric_version)
        if criterion not in {c.id for c in rubric.criteria}:
            raise CommandError(f"Nieznane kryterium {criterion} w rubryce {rubric.version}.")
