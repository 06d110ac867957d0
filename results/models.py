"""The record: participants, editions, evidence blobs and the audit log.

Later parts of the auditor (probe runs, enquiries, criterion results, jurors'
assessments) add their models beside these.
"""

from __future__ import annotations

from django.db import models

from results.fees import fee_pln_net, size_band
from results.fields import meta
from rubrics.kinds import KINDS, SUBKIND_LABELS
from rubrics.rubric import newest_default

KIND_CHOICES = [(k.code, k.label) for k in KINDS]

REGION_CHOICES = [
    ("dolnoslaskie", "dolnośląskie"),
    ("kujawsko-pomorskie", "kujawsko-pomorskie"),
    ("lubelskie", "lubelskie"),
    ("lubuskie", "lubuskie"),
    ("lodzkie", "łódzkie"),
    ("malopolskie", "małopolskie"),
    ("mazowieckie", "mazowieckie"),
    ("opolskie", "opolskie"),
    ("podkarpackie", "podkarpackie"),
    ("podlaskie", "podlaskie"),
    ("pomorskie", "pomorskie"),
    ("slaskie", "śląskie"),
    ("swietokrzyskie", "świętokrzyskie"),
    ("warminsko-mazurskie", "warmińsko-mazurskie"),
    ("wielkopolskie", "wielkopolskie"),
    ("zachodniopomorskie", "zachodniopomorskie"),
]


class Participant(models.Model):
    """An institution entered in the competition."""

    # NIP, else REGON, else the website's host: what makes two registry rows one participant.
    identity_key = models.CharField("klucz tożsamości", max_length=255, unique=True)
    name = models.CharField("nazwa", max_length=500)
    kind = models.CharField("rodzaj", max_length=40, choices=KIND_CHOICES)
    # Which questions the body can answer (rubrics.kinds.SUBKINDS); empty: not stated.
    subkind = models.CharField(
        "podrodzaj", max_length=40, blank=True, default="", choices=list(SUBKIND_LABELS.items())
    )
    employees = models.PositiveIntegerField("liczba pracowników")
    website = models.URLField("strona WWW", max_length=1000)
    emails = models.JSONField("adresy e-mail", default=list)
    region = models.CharField("województwo", max_length=40, choices=REGION_CHOICES)
    nip = models.CharField("NIP", max_length=10, blank=True)
    regon = models.CharField("REGON", max_length=14, blank=True)
    teryt = models.CharField("TERYT", max_length=7, blank=True)
    contact = models.CharField("osoba kontaktowa", max_length=300, blank=True)
    # Legal status (docs/criteria-website.md): which duties bind the participant; None = not known.
    public_body = models.BooleanField(
        "podmiot publiczny (UDC art. 2)",
        null=True,
        blank=True,
        default=None,
        help_text="Podmiot publiczny w rozumieniu ustawy o dostępności cyfrowej; puste: nie wiadomo.",
    )
    online_consumer_services = models.BooleanField(
        "usługi dla konsumentów online (EAA)",
        null=True,
        blank=True,
        default=None,
        help_text="Sprzedaż usług konsumentom przez internet (ustawa z 26.04.2024 o zapewnianiu "
        "spełniania wymagań dostępności); puste: nie wiadomo.",
    )
    created_at = models.DateTimeField("utworzono", auto_now_add=True)
    updated_at = models.DateTimeField("zmieniono", auto_now=True)

    Meta = meta(
        "uczestnik",
        "uczestnicy",
        ordering=["name", "id"],
        indexes=[models.Index(fields=["kind"]), models.Index(fields=["region"])],
    )

    def __str__(self) -> str:
        return self.name

    def as_data(self, names: str) -> dict:
        """The fields `names` (space-separated) as plain data, in that order: `id` is the
        primary key, `emails` a list."""
        plain = {"id": self.pk, "emails": list(self.emails)}
        return {
            name: plain[name] if name in plain else getattr(self, name) for name in names.split()
        }

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from rubrics.kinds import subkinds_of

        allowed = subkinds_of(self.kind)
        if self.subkind and self.subkind not in allowed:
            hint = ", ".join(allowed) if allowed else "ten rodzaj nie ma podrodzajów"
            raise ValidationError(
                {"subkind": f"podrodzaj „{self.subkind}” nie pasuje do rodzaju ({hint})"}
            )

    @property
    def fee_pln_net(self) -> int:
        return fee_pln_net(self.employees)

    @property
    def size_band(self) -> str:
        return size_band(self.employees)


class Edition(models.Model):
    """One year's competition: its audit window and the rubric version every score uses."""

    year = models.PositiveIntegerField("rok", unique=True)
    window_start = models.DateField("początek badania")
    window_end = models.DateField("koniec badania")
    rubric_version = models.CharField("wersja rubryki", max_length=50, default=newest_default)
    # Empty: the end of the window + AUDITOR_APPEAL_PERIOD_DAYS (docs/ethics.md).
    appeal_deadline = models.DateField("termin odwołań", null=True, blank=True)
    # Set by `auditor retention`: clerks' personal data of the edition have been removed.
    retention_done_at = models.DateTimeField("dane osobowe usunięto", null=True, blank=True)
    respect_robots = models.BooleanField(
        "przestrzegaj robots.txt",
        default=True,
        help_text="Wyłączenie jest zapisywane przy wynikach edycji.",
    )
    participants = models.ManyToManyField(
        Participant, related_name="editions", blank=True, verbose_name="uczestnicy"
    )
    # Substitute days off (Kodeks pracy art. 130 § 2) and other days the offices announce as
    # free, as ISO dates: the latency calendar skips them (`auditor edition days-off`).
    days_off = models.JSONField(
        "dni wolne (dni zastępcze)",
        default=list,
        blank=True,
        help_text="Daty RRRR-MM-DD: dni wolne za święta w sobotę i inne ogłoszone dni wolne.",
    )

    Meta = meta(
        "edycja",
        "edycje",
        ordering=["-year"],
        constraints=[
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")),
                name="edition_window_ordered",
            )
        ],
    )

    def __str__(self) -> str:
        return f"Edycja {self.year}"


class EvidenceBlob(models.Model):
    """One blob in the content-addressed evidence store (the file lives under the data dir)."""

    sha256 = models.CharField("SHA-256", max_length=64, primary_key=True)
    media_type = models.CharField("typ", max_length=200)
    size = models.PositiveBigIntegerField("rozmiar (B)")
    producer = models.CharField("źródło", max_length=200)
    created_at = models.DateTimeField("dodano", auto_now_add=True)

    Meta = meta("dowód (plik)", "dowody (pliki)", ordering=["created_at"])

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.media_type})"


class AuditLogManager(models.Manager):
    def entry(self, actor: str, action: str, obj, **details) -> AuditLogEntry:
        """An unsaved entry (for bulk_create); `obj` is a model instance or (type, id)."""
        if isinstance(obj, tuple):
            object_type, object_id = obj
        else:
            object_type, object_id = type(obj).__name__, obj.pk
        return self.model(
            actor=actor,
            action=action,
            object_type=str(object_type),
            object_id=str(object_id),
            details=details,
        )

    def log(self, actor: str, action: str, obj, **details) -> AuditLogEntry:
        """Write who did what to which object (Django's LogEntryManager.log_action)."""
        entry = self.entry(actor, action, obj, **details)
        entry.save()
        return entry

    def log_fields(self, actor: str, action: str, obj, names: str, *, source=None, **details):
        """`log` with the fields `names` (space-separated) of `source` (a report; by default
        the logged record itself) among the details under their own names."""
        source = obj if source is None else source
        fields = {name: getattr(source, name) for name in names.split()}
        return self.log(actor, action, obj, **fields, **details)


def audit_log_actions() -> list[tuple[str, str]]:
    """The audit log's actions with their Polish labels (`AuditLogEntry.Action`)."""
    return AuditLogEntry.Action.choices


class AuditLogEntry(models.Model):
    """Who changed what and when; written for every change users make."""

    class Action(models.TextChoices):
        """Every action the log knows, one code style, a Polish label for the log page."""

        USER_CREATE = "user.create", "utworzenie konta"
        USER_UPDATE = "user.update", "zmiana konta"
        JUROR_ASSIGN = "juror.assign", "przydział jurora"
        EDITION_CREATE = "edition.create", "utworzenie edycji"
        EDITION_UPDATE = "edition.update", "zmiana edycji"
        EDITION_DAYS_OFF = "edition.days_off", "zmiana dni wolnych edycji"
        PARTICIPANTS_IMPORT = "participants.import", "import rejestru uczestników"
        SWEEP_RETRY = "sweep.retry", "ponowne badanie"
        SWEEP_START = "sweep.start", "uruchomienie przebiegu badania"
        SWEEP_CANCEL = "sweep.cancel", "anulowanie przebiegu badania"
        ENQUIRY_RESOLVE = "email.resolve_uncertain", "rozstrzygnięcie niepewnej wysyłki"
        ASSESSMENT_SAVE = "assessment.save", "ocena jurora"
        ASSESSMENT_IMPORT_ADD = "assessment.import_add", "ocena jurora z pliku: dodano"
        ASSESSMENT_IMPORT_CHANGE = "assessment.import_change", "ocena jurora z pliku: zmieniono"
        INCOMPLETE_REVIEW = "incomplete.review", "ocena wyniku niepewnego axe"
        OVERRIDE_ADD = "override.add", "korekta wyniku"
        OVERRIDE_WITHDRAW = "override.withdraw", "wycofanie korekty"
        RESCORE = "scores.rescore", "przeliczenie wyników"
        LOGIN_LOCKOUT = "login.lockout", "blokada logowania"
        CERTIFICATE_ISSUE = "certificate.issue", "wydanie certyfikatu"
        CERTIFICATE_REVOKE = "certificate.revoke", "unieważnienie certyfikatu"
        APPEAL_FILE = "appeal.file", "złożenie odwołania"
        APPEAL_DECIDE = "appeal.decide", "rozstrzygnięcie odwołania"
        RANKING_PUBLISH = "ranking.publish", "publikacja rankingu"
        AWARD_DECIDE = "award.decide", "decyzja ekspertów o nagrodzie"
        AWARD_REVOKE = "award.revoke", "cofnięcie decyzji ekspertów"
        CONTACT_RECORD = "contact.record", "kontakt jurora (tajemniczy klient)"
        REPLY_MATCH_ASSIGN = "email.match_assigned", "przypisanie odpowiedzi do zapytania"
        REPLY_MATCH_DISMISS = "email.match_dismissed", "odrzucenie odpowiedzi (niezwiązana)"
        RETENTION_APPLY = "retention.apply", "usunięcie danych osobowych urzędników (retencja)"

    at = models.DateTimeField("czas", auto_now_add=True, db_index=True)
    actor = models.CharField("kto", max_length=200)
    # A callable: a new action needs no migration (the database keeps a plain string).
    action = models.CharField("czynność", max_length=100, choices=audit_log_actions)
    object_type = models.CharField("obiekt", max_length=100)
    object_id = models.CharField("identyfikator", max_length=100)
    details = models.JSONField("szczegóły", default=dict)

    objects = AuditLogManager()

    Meta = meta("wpis dziennika zmian", "dziennik zmian", ordering=["-at", "-id"])

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.action} {self.object_type}#{self.object_id}"


from results.appeal_models import *  # noqa: E402,F401,F403
from results.award_models import *  # noqa: E402,F401,F403
from results.certificate_models import *  # noqa: E402,F401,F403
from results.contact_models import *  # noqa: E402,F401,F403
from results.email_models import *  # noqa: E402,F401,F403
from results.publication_models import *  # noqa: E402,F401,F403
from results.retention_models import *  # noqa: E402,F401,F403
from results.scoring_models import *  # noqa: E402,F401,F403
from results.sweep_models import ProbeRun, Sweep  # noqa: E402,F401
from results.web_models import *  # noqa: E402,F401,F403
