from django.core.management.base import CommandError

from auditor.management.commands._console import (
    ActionCommand,
    add_edition,
    add_json,
    add_participant,
    add_revoke,
    dumps,
    refusals,
)
from auditor.management.commands._results_common import (
    edition_for,
    participant_for,
    run_for,
)
from results.db import ensure_database


def expert_user(username: str):
    """The account of an expert (role `expert`): only experts decide awards."""
    from django.contrib.auth import get_user_model

    from results.web_models import ROLE_EXPERT

    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.groups.filter(name=ROLE_EXPERT).exists():
        raise CommandError(
            f"„{username}” nie jest kontem eksperta. O nagrodach decydują eksperci: "
            f"auditor users create --role expert {username}",
            returncode=2,
        )
    return user


class Command(ActionCommand):
    help = (
        "Nagrody Ekspertów Konkursu: `auditor awards list|decide|revoke`. Ranking proponuje "
        "nominacje do statuetki; statuetkę i Wyróżnienie Nadzwyczajne przyznaje ekspert "
        "(decyzja, uzasadnienie, kto, kiedy; dziennik zmian)."
    )

    def add_actions(self, sub):
        lst = sub.add_parser("list", help="Nominacje i decyzje ekspertów w edycji.")
        add_edition(lst)
        add_json(lst, "Wynik jako JSON.")
        decide = sub.add_parser("decide", help="Decyzja eksperta o statuetce lub wyróżnieniu.")
        add_edition(decide)
        add_participant(decide, "ID uczestnika lub klucz.")
        decide.add_argument(
            "--award", required=True, help="statuetka albo wyroznienie (Wyróżnienie Nadzwyczajne)."
        )
        decide.add_argument("--decision", required=True, help="przyznana albo nieprzyznana.")
        decide.add_argument("--reason", required=True, help="Uzasadnienie decyzji.")
        decide.add_argument("--expert", required=True, help="Login eksperta (rola expert).")
        add_revoke(
            sub,
            "Cofa decyzję (zostaje sama nominacja).",
            "--expert",
            "Login eksperta (rola expert).",
        )

    def handle_revoke(self, id, reason, expert, **_):
        from results.awards import AwardError, revoke

        ensure_database()
        user = expert_user(expert)
        with refusals(AwardError):
            row = revoke(id, reason, user.get_username())
        self.stdout.write(f"Cofnięto decyzję ekspertów #{row.pk}.")

    def handle_decide(self, **options):
        from results.awards import AwardError, decide, parse_award, parse_decision
        from results.scoring import ranking_for

        edition = edition_for(options["edition"])
        participant = participant_for(edition, options["participant"])
        user = expert_user(options["expert"])
        with refusals(AwardError):
            award, decision = parse_award(options["award"]), parse_decision(options["decision"])
            ranking = ranking_for(run_for(edition))
            entry = next(
                (e for e in ranking.entries if e.entrant.participant_id == participant.pk), None
            )
            row = decide(
                edition,
                participant,
                award,
                decision,
                options["reason"],
                user.get_username(),
                licensed=bool(entry and entry.licence),
            )
        nominated = (
            "" if award != "statuette" or (entry and entry.nomination) else " (bez nominacji)"
        )
        self.stdout.write(
            f"Zapisano decyzję ekspertów #{row.pk}: {participant.name} — "
            f"{row.get_award_display()} {row.get_decision_display()}{nominated}."
        )

    def handle_list(self, **options) -> None:
        from results.ranking import AWARD_LABELS
        from results.scoring import ranking_for

        edition = edition_for(options["edition"])
        ranking = ranking_for(run_for(edition))
        rows = []
        for entry in ranking.entries:
            decisions = {
                award: decision.as_dict()
                for award, decision in (
                    ("statuette", entry.statuette_decision),
                    ("special", entry.special_decision),
                )
                if decision is not None
            }
            if not entry.nomination and not decisions:
                continue
            e = entry.entrant
            rows.append(
                {
                    "participant_id": e.participant_id,
                    "name": e.name,
                    "kind": e.kind,
                    "rank_in_kind": entry.in_kind.rank,
                    "nomination": entry.nomination,
                    "statuette": entry.statuette,
                    "special_distinction": entry.special_distinction,
                    "decisions": decisions,
                }
            )
        if options["json"]:
            self.stdout.write(dumps({"edition": edition.year, "awards": rows}))
            return
        if not rows:
            self.stdout.write(f"Edycja {edition.year}: brak nominacji i decyzji ekspertów.")
            return
        for row in rows:
            parts = ["nominacja do statuetki" if row["nomination"] else "bez nominacji"]
            for award, d in row["decisions"].items():
                parts.append(
                    f"{AWARD_LABELS[award]}: {d['decision_label']} (#{d['id']}, "
                    f"{d['decided_by']}, {d['decided_at'][:10]}: {d['reason']})"
                )
            self.stdout.write(
                f"{row['participant_id']} {row['name']} [{row['kind']}, miejsce w rodzaju "
                f"{row['rank_in_kind']}]: " + "; ".join(parts)
            )
