import signal
import sys
import threading

from django.core.management.base import BaseCommand, CommandError

from auditor.management.commands._console import add_json, dumps, refusals, subcommands
from results.db import ensure_database
from scheduler.email import artifacts as mail_artifacts
from scheduler.email import plan as mail_plan
from scheduler.email import secrets as mail_secrets
from scheduler.email import send as mail_send
from scheduler.email import watch as mail_watch

HELP = """Sonda e-mail (tajemniczy klient):
  send --edition ROK        planuje zapytania i wysyła te, których czas nadszedł
  watch [--once]            czyta skrzynki person (IMAP IDLE) i zapisuje odpowiedzi
  status [--edition ROK]    stan zapytań
  resolve-uncertain         rozstrzyga niepewne wysyłki (folder Wysłane lub decyzja organizatora)
  classify [--json] PLIK.eml …   klasyfikuje zapisane wiadomości bez skrzynki
  artifact --enquiry ID     artefakt e-mail (JSON) jednego zapytania
  persona-add …             dodaje personę (hasło wskazuje się przez --password-ref)"""


def _hostport(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"oczekiwano HOST:PORT, podano {value!r}")
    return host, int(port)


class Command(BaseCommand):
    help = HELP

    def create_parser(self, *args, **kwargs):
        parser = super().create_parser(*args, **kwargs)
        parser.formatter_class = __import__("argparse").RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        sub = subcommands(parser)

        send = sub.add_parser("send", help="Planuje i wysyła zapytania edycji.")
        send.add_argument("--edition", type=int, required=True, help="rok edycji")
        send.add_argument(
            "--immediately",
            action="store_true",
            help="wyślij od razu, poza godzinami pracy (tylko świat demonstracyjny i testy)",
        )
        send.add_argument("--plan-only", action="store_true", help="tylko zaplanuj, nie wysyłaj")
        send.add_argument("--seed", help="ziarno losowania wariantów (powtarzalność)")
        send.add_argument(
            "--per-participant",
            type=int,
            help="liczba zapytań na uczestnika w edycji (domyślnie "
            "AUDITOR_ENQUIRIES_PER_PARTICIPANT albo 2)",
        )

        watch = sub.add_parser("watch", help="Czyta skrzynki person i zapisuje odpowiedzi.")
        watch.add_argument("--once", action="store_true", help="jedno sprawdzenie i koniec")
        watch.add_argument("--persona", action="append", help="adres persony (domyślnie wszystkie)")
        watch.add_argument(
            "--idle-seconds", type=float, default=60.0, help="najdłuższe czekanie w IDLE"
        )

        status = sub.add_parser("status", help="Stan zapytań.")
        status.add_argument("--edition", type=int)
        add_json(status)
        status.add_argument("--list", action="store_true", help="wypisz każde zapytanie")

        resolve = sub.add_parser("resolve-uncertain", help="Rozstrzyga niepewne wysyłki.")
        resolve.add_argument("--enquiry", type=int)
        resolve.add_argument(
            "--as", dest="as_state", choices=["sent", "failed"], help="decyzja organizatora"
        )
        resolve.add_argument("--note", default="", help="uzasadnienie decyzji")
        resolve.add_argument("--by", default="organizator", help="kto rozstrzyga")

        classify = sub.add_parser("classify", help="Klasyfikuje zapisane pliki .eml.")
        classify.add_argument("files", nargs="+")
        add_json(classify, "jeden obiekt JSON na wiersz")

        artifact = sub.add_parser("artifact", help="Artefakt e-mail zapytania (JSON).")
        artifact.add_argument("--enquiry", type=int, required=True)
        artifact.add_argument("--store", action="store_true", help="zapisz w magazynie dowodów")

        persona = sub.add_parser("persona-add", help="Dodaje personę (tajemniczego klienta).")
        persona.add_argument("--first-name", required=True)
        persona.add_argument("--surname", required=True)
        persona.add_argument("--gender", choices=["f", "m"], required=True)
        persona.add_argument("--address", required=True)
        persona.add_argument("--signature", default="")
        persona.add_argument("--smtp", required=True, help="HOST:PORT")
        persona.add_argument("--smtp-tls", choices=["none", "starttls", "ssl"], default="starttls")
        persona.add_argument("--imap", required=True, help="HOST:PORT")
        persona.add_argument("--imap-tls", choices=["none", "starttls", "ssl"], default="ssl")
        persona.add_argument("--user", help="login (domyślnie adres)")
        persona.add_argument(
            "--password-ref",
            required=True,
            help="NAZWA zmiennej środowiskowej lub klucza w pliku AUDITOR_SECRETS_FILE (nie hasło)",
        )

    def handle(self, *args, action, **options):
        if action == "classify":
            return self.classify(options["files"], options["json"])
        ensure_database()
        with refusals(mail_secrets.EmailConfigError):
            return getattr(self, action.replace("-", "_"))(**options)

    # --- subcommands -----------------------------------------------------------------

    def classify(self, files, as_json):
        """One result per file; a file that cannot be read or analysed gives an error object
        (with --json) and the batch goes on; exit status 2 at the end if any file failed."""
        from probes.email.analyse import analyse
        from probes.email.limits import LimitError

        failed = False
        for name in files:
            try:
                with open(name, "rb") as stream:
                    summary = {"file": name, **analyse(stream).summary()}
            except LimitError as exc:
                raise CommandError(str(exc)) from None
            except OSError as exc:
                error = f"nie można odczytać pliku ({exc.strerror})"
            except Exception as exc:  # one hostile file must not stop the batch
                error = f"nie udało się przeanalizować wiadomości ({type(exc).__name__})"
            else:
                error = None
            if error is not None:
                failed = True
                if as_json:
                    self.stdout.write(dumps({"file": name, "error": error}))
                self.stderr.write(f"{name}: {error}")
                continue
            if as_json:
                self.stdout.write(dumps(summary))
            else:
                first = summary["new_text"].strip().splitlines()[:1]
                self.stdout.write(
                    f"{name}: {summary['kind']}  {summary['subject']!r}  {first[0][:70] if first else ''}"
                )
        if failed:
            raise CommandError("nie wszystkie pliki udało się przeanalizować", returncode=2)

    def send(self, edition, immediately, plan_only, seed, per_participant=None, **_):
        from probes.email.schedule import utc_now
        from results.models import Edition

        try:
            ed = Edition.objects.get(year=edition)
        except Edition.DoesNotExist:
            raise CommandError(f"Nie ma edycji {edition}.", returncode=2) from None
        with refusals(ValueError, mail_secrets.EmailConfigError):
            if per_participant is not None and per_participant < 1:
                raise CommandError("--per-participant musi być liczbą ≥ 1")
            planned = mail_plan.plan_enquiries(
                ed, utc_now(), immediately=immediately, seed=seed, per_participant=per_participant
            )
        self.stdout.write(f"Zaplanowano nowych zapytań: {len(planned)}.")
        if plan_only:
            return
        counts = mail_send.send_due(ed, immediately=immediately)
        labels = {
            "sent": "wysłane",
            "pending": "do ponowienia",
            "failed": "odrzucone przez serwer",
            "uncertain": "niepewne",
            "uncertain_recovered": "przerwane wcześniej (teraz niepewne)",
            "replanned": "przesunięte na godziny pracy",
            "rate_limited": "przesunięte (limit na domenę)",
            "followup_sent": "doprecyzowania persony wysłane",
            "followup_pending": "doprecyzowania do ponowienia",
            "followup_failed": "doprecyzowania odrzucone przez serwer",
            "followup_uncertain": "doprecyzowania niepewne",
        }
        parts = [f"{labels.get(k, k)}: {v}" for k, v in counts.items() if v]
        self.stdout.write("Wysyłka: " + (", ".join(parts) if parts else "nic do wysłania") + ".")

    def watch(self, once, persona, idle_seconds, **_):
        from results.email_models import Persona

        personas = Persona.objects.filter(active=True)
        if persona:
            personas = personas.filter(address__in=persona)
        personas = list(personas)
        if not personas:
            raise CommandError("brak aktywnych person do obserwowania")
        if once:
            n = mail_watch.poll_all_once(personas)
            self.stdout.write(f"Nowych wiadomości: {n}.")
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *a: stop.set())

        def on_poll(p, n):
            if n:
                self.stdout.write(f"{p.address}: nowych wiadomości {n}")
                self.stdout.flush()

        self.stdout.write(f"Obserwuję skrzynek: {len(personas)} (Ctrl+C kończy).")
        try:
            mail_watch.watch(personas, stop, idle_seconds=idle_seconds, on_poll=on_poll)
        except KeyboardInterrupt:
            stop.set()

    def status(self, edition, json, list, **_):
        import json as jsonlib

        from results.models import Edition

        ed = Edition.objects.filter(year=edition).first() if edition else None
        if edition and ed is None:
            raise CommandError(f"Nie ma edycji {edition}.", returncode=2)
        mail_watch.close_overdue()
        counts = mail_artifacts.status_counts(ed)
        if json:
            self.stdout.write(jsonlib.dumps(counts))
            return
        from results.email_models import Enquiry

        labels = dict(Enquiry.STATES)
        for state, n in counts.items():
            self.stdout.write(f"{labels[state]:<28} {n}")
        if list:
            qs = Enquiry.objects.select_related("participant").order_by("id")
            if ed is not None:
                qs = qs.filter(edition=ed)
            for e in qs:
                sent = e.sent_at.strftime("%Y-%m-%d %H:%M:%S UTC") if e.sent_at else "—"
                self.stdout.write(
                    f"#{e.id:<5} {labels[e.state]:<26} {sent:<24} {e.participant.name} <{', '.join(e.to)}>"
                )
                if e.state in (Enquiry.UNCERTAIN, Enquiry.FAILED) and (
                    e.resolution_note or e.smtp_response
                ):
                    self.stdout.write(f"       {e.resolution_note or e.smtp_response}")

    def resolve_uncertain(self, enquiry, as_state, note, by, **_):
        if as_state:
            if enquiry is None:
                raise CommandError("decyzja organizatora wymaga --enquiry ID")
            if not note:
                raise CommandError("podaj uzasadnienie decyzji (--note)")
            mail_send.resolve_by_organiser(enquiry, as_state, actor=by, note=note)
            self.stdout.write(f"Zapytanie {enquiry}: {as_state} (decyzja organizatora).")
            return
        result = mail_send.resolve_uncertain(enquiry)
        if not result:
            self.stdout.write("Brak niepewnych zapytań.")
        for eid, state in result.items():
            verdict = (
                "odnaleziono w folderze Wysłane"
                if state == "sent"
                else "nadal niepewne (decyzja organizatora: --as sent|failed)"
            )
            self.stdout.write(f"Zapytanie {eid}: {verdict}.")

    def artifact(self, enquiry, store, **_):
        from results.email_models import Enquiry

        try:
            e = Enquiry.objects.select_related("persona").get(pk=enquiry)
        except Enquiry.DoesNotExist:
            raise CommandError(f"nie ma zapytania {enquiry}") from None
        if store:
            self.stdout.write(mail_artifacts.store_artifact(e))
        else:
            self.stdout.write(dumps(mail_artifacts.enquiry_artifact(e), indent=2))

    def persona_add(
        self,
        first_name,
        surname,
        gender,
        address,
        signature,
        smtp,
        smtp_tls,
        imap,
        imap_tls,
        user,
        password_ref,
        **_,
    ):
        from results.email_models import Persona

        smtp_host, smtp_port = _hostport(smtp)
        imap_host, imap_port = _hostport(imap)
        persona, created = Persona.objects.update_or_create(
            address=address.lower(),
            defaults=dict(
                first_name=first_name,
                surname=surname,
                gender=gender,
                signature=signature,
                smtp_host=smtp_host,
                smtp_port=smtp_port,
                smtp_tls=smtp_tls,
                imap_host=imap_host,
                imap_port=imap_port,
                imap_tls=imap_tls,
                user=user or address.lower(),
                password_ref=password_ref,
            ),
        )
        self.stdout.write(
            f"{'Dodano' if created else 'Zmieniono'} personę {persona.full_name} <{persona.address}>."
        )
        sys.stdout.flush()
