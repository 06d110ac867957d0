"""`auditor appeal add|decide|list`: participants' appeals and the jurors' decisions."""

import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError

from auditor.management.commands._console import (
    ActionCommand,
    add_edition,
    add_json,
    add_participant,
    current_actor,
    dumps,
    refusals,
)
from auditor.management.commands._results_common import (
    edition_for,
    participant_for,
)


class Command(ActionCommand):
    help = "Odwołania uczestników: wpisanie, decyzja jurorów (z korektą wyniku), lista."

    def add_actions(self, sub):
        add = sub.add_parser("add", help="Wpisuje odwołanie, które wpłynęło od uczestnika.")
        add_edition(add)
        add_participant(add)
        add.add_argument(
            "--received", type=dt.date.fromisoformat, required=True, help="Data wpływu RRRR-MM-DD."
        )
        add.add_argument("--grounds", required=True, help="Uzasadnienie odwołania.")
        add.add_argument("--criterion", default="", help="Kryterium, którego dotyczy (np. INF-03).")
        add.add_argument(
            "--evidence", nargs="*", default=[], metavar="PLIK", help="Pliki od uczestnika."
        )
        decide = sub.add_parser("decide", help="Zapisuje decyzję jurorów w sprawie odwołania.")
        decide.add_argument("appeal_id", type=int, metavar="ID_ODWOŁANIA")
        decide.add_argument(
            "--decision",
            required=True,
            choices=["upheld", "partly", "rejected"],
            help="upheld: uwzględnione, partly: częściowo, rejected: odrzucone.",
        )
        decide.add_argument("--reason", required=True, help="Uzasadnienie decyzji.")
        decide.add_argument(
            "--status",
            choices=["pass", "partial", "fail", "not_applicable", "not_measured"],
            help="Nowy status kryterium (korekta wyniku), gdy odwołanie uwzględniono.",
        )
        decide.add_argument("--score", type=float, help="Wynik 0–1 dla statusu z oceną.")
        lst = sub.add_parser("list", help="Odwołania edycji.")
        add_edition(lst)
        add_json(lst, "Wynik jako lista JSON.")

    def handle_add(self, edition, participant, received, grounds, criterion, evidence, **_):
        from results.appeals import AppealError, file_appeal
        from results.evidence_store import EvidenceStore

        edition_obj = edition_for(edition)
        who = participant_for(edition_obj, participant)
        store = EvidenceStore()
        files = []
        for name in evidence:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Nie ma pliku {path}.", returncode=2)
            files.append(
                {
                    "sha256": store.put(path.read_bytes(), "application/octet-stream", "appeal"),
                    "name": path.name,
                }
            )
        with refusals(AppealError, returncode=2):
            appeal = file_appeal(
                edition_obj,
                who,
                received_on=received,
                grounds=grounds,
                actor=current_actor(),
                criterion_id=criterion,
                evidence=files,
            )
        state = "po terminie" if appeal.decision == "late" else "czeka na decyzję"
        self.stdout.write(
            f"Odwołanie nr {appeal.pk} ({who.name}) wpisane: {state}; termin {appeal.deadline}."
        )

    def handle_decide(self, appeal_id, decision, reason, status, score, **_):
        from results.appeals import AppealError, decide_appeal
        from results.models import Appeal

        appeal = Appeal.objects.filter(pk=appeal_id).first()
        if appeal is None:
            raise CommandError(f"Nie ma odwołania nr {appeal_id}.", returncode=2)
        with refusals(AppealError, returncode=2):
            decide_appeal(
                appeal,
                decision=decision,
                reason=reason,
                actor=current_actor(),
                status=status,
                score=score,
            )
        tail = (
            f"; korekta {appeal.criterion_id} → {status}. Dalej: auditor rescore, "
            'auditor publish ranking --note "po odwołaniach"'
            if appeal.override_id
            else ""
        )
        self.stdout.write(f"Odwołanie nr {appeal.pk}: {appeal.get_decision_display()}{tail}")

    def handle_list(self, edition, json, **_):
        rows = [
            {
                "id": a.pk,
                "participant": a.participant_id,
                "name": a.participant.name,
                "received_on": a.received_on.isoformat(),
                "deadline": a.deadline.isoformat(),
                "criterion": a.criterion_id,
                "decision": a.decision,
                "decision_label": a.get_decision_display(),
                "reason": a.decision_reason,
                "override": a.override_id,
            }
            for a in edition_for(edition).appeals.select_related("participant")
        ]
        if json:
            self.stdout.write(dumps(rows))
            return
        for r in rows:
            self.stdout.write(
                f"{r['id']}\t{r['name']}\twpływ {r['received_on']}\t{r['criterion'] or '—'}\t"
                f"{r['decision_label']}"
            )
