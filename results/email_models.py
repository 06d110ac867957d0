"""The e-mail probe's records: personas (mystery clients), enquiries, incoming messages,
and how far each mailbox has been read."""

from __future__ import annotations

from django.db import models

from results.fields import meta, unique
from results.models import Edition, Participant

TLS_CHOICES = [("none", "bez szyfrowania"), ("starttls", "STARTTLS"), ("ssl", "SSL/TLS")]


class Persona(models.Model):
    """A mystery client: an ordinary resident with a mailbox of their own."""

    first_name = models.CharField("imię", max_length=100)
    surname = models.CharField("nazwisko", max_length=100)
    gender = models.CharField(
        "rodzaj gramatyczny", max_length=1, choices=[("f", "żeński"), ("m", "męski")]
    )
    signature = models.TextField("podpis", blank=True)
    address = models.EmailField("adres e-mail", unique=True)
    smtp_host = models.CharField("serwer SMTP", max_length=255)
    smtp_port = models.PositiveIntegerField("port SMTP", default=587)
    smtp_tls = models.CharField(
        "szyfrowanie SMTP", max_length=10, choices=TLS_CHOICES, default="starttls"
    )
    imap_host = models.CharField("serwer IMAP", max_length=255)
    imap_port = models.PositiveIntegerField("port IMAP", default=993)
    imap_tls = models.CharField(
        "szyfrowanie IMAP", max_length=10, choices=TLS_CHOICES, default="ssl"
    )
    user = models.CharField("login", max_length=255)
    # The NAME of an environment variable or of a key in the secrets file
    # (AUDITOR_SECRETS_FILE) — never the password itself.
    password_ref = models.CharField("odwołanie do hasła", max_length=200)
    active = models.BooleanField("aktywna", default=True)

    Meta = meta("persona", "persony", ordering=["surname", "first_name", "id"])

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}"


class Enquiry(models.Model):
    """One mystery-client question to one participant."""

    PENDING, SENDING, SENT = "pending", "sending", "sent"
    UNCERTAIN, FAILED, UNANSWERED, ANSWERED = "uncertain", "failed", "unanswered", "answered"
    STATES = [
        (PENDING, "zaplanowane"),
        (SENDING, "w trakcie wysyłania"),
        (SENT, "wysłane"),
        (UNCERTAIN, "niepewne (do wyjaśnienia)"),
        (FAILED, "niedoręczone"),
        (UNANSWERED, "bez odpowiedzi"),
        (ANSWERED, "z odpowiedzią"),
    ]

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="enquiries")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="enquiries")
    persona = models.ForeignKey(Persona, on_delete=models.PROTECT, related_name="enquiries")
    # The k-th of the participant's N enquiries in the edition (1-based); planned in the
    # k-th part of the audit window.
    sequence = models.PositiveSmallIntegerField("numer zapytania", default=1)
    template_id = models.CharField("szablon", max_length=100)
    wording = models.PositiveSmallIntegerField("wariant treści")
    variant = models.JSONField("wariant (temat, powitanie, zakończenie)", default=dict)
    to = models.JSONField("do", default=list)
    subject = models.CharField("temat", max_length=300)
    body = models.TextField("treść")
    message_id = models.CharField("Message-ID", max_length=300, unique=True)
    state = models.CharField("stan", max_length=12, choices=STATES, default=PENDING, db_index=True)
    planned_at = models.DateTimeField("zaplanowano na")
    sent_at = models.DateTimeField("wysłano (przyjęcie 250)", null=True, blank=True)
    smtp_response = models.TextField("odpowiedź serwera SMTP", blank=True)
    attempts = models.PositiveIntegerField("próby", default=0)
    deadline_at = models.DateTimeField("termin odpowiedzi", null=True, blank=True)
    answer_key = models.JSONField("klucz odpowiedzi", default=dict)
    office_hours = models.JSONField("godziny pracy", null=True, blank=True)
    resolution_note = models.TextField("wyjaśnienie stanu", blank=True)
    created_at = models.DateTimeField("utworzono", auto_now_add=True)

    Meta = meta(
        "zapytanie",
        "zapytania",
        ordering=["planned_at", "id"],
        constraints=[
            unique("one_enquiry_per_participant_sequence", "edition", "participant", "sequence")
        ],
    )

    def __str__(self) -> str:
        return f"{self.subject} → {self.participant}"


class IncomingMessage(models.Model):
    """A message that arrived in a persona's mailbox, kept raw in the evidence store."""

    persona = models.ForeignKey(Persona, on_delete=models.PROTECT, related_name="incoming")
    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    folder = models.CharField("folder", max_length=200, default="INBOX")
    uidvalidity = models.PositiveBigIntegerField("UIDVALIDITY")
    uid = models.PositiveBigIntegerField("UID")
    raw_blob = models.CharField("plik .eml (SHA-256)", max_length=64)
    internaldate = models.DateTimeField("przyjęto na serwerze (INTERNALDATE)")
    date_header = models.DateTimeField("nagłówek Date", null=True, blank=True)
    message_id = models.CharField("Message-ID", max_length=500, blank=True)
    from_addr = models.CharField("od", max_length=320)
    subject = models.CharField("temat", max_length=1000, blank=True)
    kind = models.CharField("rodzaj", max_length=20, db_index=True)
    bounce = models.JSONField("zwrot", null=True, blank=True)
    matched_by = models.CharField("dopasowano przez", max_length=20, blank=True)
    new_text = models.TextField("nowa treść", blank=True)
    quoted_text = models.TextField("cytat", blank=True)
    signature = models.TextField("podpis", blank=True)
    attachments = models.JSONField("załączniki", default=list)
    charset_repaired = models.BooleanField("naprawiono kodowanie", default=False)
    received_at = models.DateTimeField("pobrano", auto_now_add=True)
    # How the message was matched and why (probes.email.match.MatchResult.evidence); an
    # "ambiguous" message waits in the jurors' queue until one assigns or dismisses it.
    match_evidence = models.JSONField("dowody dopasowania", default=dict, blank=True)
    review_decision = models.CharField(
        "decyzja jurora o dopasowaniu",
        max_length=12,
        blank=True,
        choices=[("assigned", "przypisana do zapytania"), ("dismissed", "niezwiązana")],
    )
    review_by = models.CharField("kto zdecydował", max_length=200, blank=True)
    review_note = models.TextField("uzasadnienie decyzji", blank=True)
    reviewed_at = models.DateTimeField("zdecydowano", null=True, blank=True)

    Meta = meta(
        "wiadomość przychodząca",
        "wiadomości przychodzące",
        ordering=["internaldate", "id"],
        constraints=[unique("incoming_unique_uid", "persona", "folder", "uidvalidity", "uid")],
    )

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}"


class Followup(models.Model):
    """The persona's one answer to a clerk's request for a detail (probes/email/clarify.py).

    At most one per enquiry (one-to-one: a second watcher, or the same message read twice,
    cannot add another). Recorded by the watcher as intent ("pending") in the transaction
    that records the clerk's message, then sent like an enquiry by the one sender
    (scheduler/email/send.py `send_due`): claimed "sending" in a committed transaction before
    SMTP, "sent" at the server's 250, "uncertain" after a crash in between — never re-sent.
    The sending fields have the enquiry's names and states, so one path sends both.
    """

    PENDING, SENDING, SENT = Enquiry.PENDING, Enquiry.SENDING, Enquiry.SENT
    UNCERTAIN, FAILED = Enquiry.UNCERTAIN, Enquiry.FAILED
    STATES = [
        (PENDING, "zaplanowana"),
        (SENDING, "w trakcie wysyłania"),
        (SENT, "wysłana"),
        (UNCERTAIN, "niepewna (do wyjaśnienia)"),
        (FAILED, "niedoręczona"),
    ]

    enquiry = models.OneToOneField(Enquiry, on_delete=models.PROTECT, related_name="followup")
    # The clerk's message that asked for the detail.
    trigger = models.ForeignKey(
        IncomingMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    details = models.JSONField("doprecyzowane szczegóły", default=list)  # e.g. ["address"]
    to = models.JSONField("do", default=list)
    subject = models.CharField("temat", max_length=1000)
    body = models.TextField("treść")
    message_id = models.CharField("Message-ID", max_length=300, unique=True)
    in_reply_to = models.CharField("w odpowiedzi na (Message-ID)", max_length=500, blank=True)
    references = models.JSONField("łańcuch wątku (References)", default=list)
    state = models.CharField("stan", max_length=12, choices=STATES, default=PENDING, db_index=True)
    planned_at = models.DateTimeField("zaplanowano na")
    sent_at = models.DateTimeField("wysłano (przyjęcie 250)", null=True, blank=True)
    smtp_response = models.TextField("odpowiedź serwera SMTP", blank=True)
    attempts = models.PositiveIntegerField("próby", default=0)
    resolution_note = models.TextField("wyjaśnienie stanu", blank=True)
    created_at = models.DateTimeField("utworzono", auto_now_add=True)

    Meta = meta("doprecyzowanie persony", "doprecyzowania persony", ordering=["planned_at", "id"])

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    # What the one sender reads of an enquiry, taken from the enquiry this answers.
    @property
    def persona(self) -> Persona:
        return self.enquiry.persona

    @property
    def participant(self) -> Participant:
        return self.enquiry.participant

    @property
    def edition(self) -> Edition:
        return self.enquiry.edition

    @property
    def office_hours(self) -> dict | None:
        return self.enquiry.office_hours


class MailboxState(models.Model):
    """How far a persona's folder has been read: (UIDVALIDITY, last UID)."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="mailbox_states")
    folder = models.CharField("folder", max_length=200, default="INBOX")
    uidvalidity = models.PositiveBigIntegerField("UIDVALIDITY", null=True, blank=True)
    last_uid = models.PositiveBigIntegerField("ostatni UID", default=0)
    polled_at = models.DateTimeField("ostatnie sprawdzenie", null=True, blank=True)

    Meta = meta(
        "stan skrzynki",
        "stany skrzynek",
        constraints=[unique("mailbox_state_unique", "persona", "folder")],
    )

    def __str__(self) -> str:
        return f"{self.persona} {self.folder}: {self.uidvalidity}/{self.last_uid}"


__all__ = ["Persona", "Enquiry", "IncomingMessage", "Followup", "MailboxState"]


class Lease(models.Model):
    """A named lease held in the database (the e-mail sender's): one holder at a time across
    processes and machines; taken by a conditional UPDATE, so it works on SQLite and on
    PostgreSQL alike, and a crashed holder's lease simply expires."""

    name = models.CharField("nazwa", max_length=100, unique=True)
    holder = models.CharField("posiadacz", max_length=200, blank=True)
    expires_at = models.DateTimeField("wygasa", null=True, blank=True)

    Meta = meta("dzierżawa blokady", "dzierżawy blokad")

    def __str__(self) -> str:
        return f"{self.name}: {self.holder or 'wolna'}"
