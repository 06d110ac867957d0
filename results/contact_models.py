"""Jurors' own mystery-client contacts: a visit, a phone call, a social-media or e-mail
contact a juror made, recorded as evidence the juror scores the HUM criteria against."""

from __future__ import annotations

from django.db import models

from results.fields import edition_fk, juror_account_fk, meta, participant_fk

CONTACT_CHANNELS = [
    ("visit", "wizyta"),
    ("phone", "telefon"),
    ("social_media", "media społecznościowe"),
    ("email", "e-mail"),
]


class JurorContact(models.Model):
    edition = edition_fk("juror_contacts")
    participant = participant_fk("juror_contacts")
    juror_user = juror_account_fk("juror_contacts")
    juror = models.CharField("juror", max_length=200)
    channel = models.CharField("kanał", max_length=20, choices=CONTACT_CHANNELS)
    occurred_at = models.DateTimeField("data i godzina kontaktu")
    waiting_minutes = models.PositiveIntegerField("czas oczekiwania (min)", null=True, blank=True)
    answered_by = models.CharField("kto obsłużył", max_length=300, blank=True)
    notes = models.TextField("notatki", blank=True)
    # SHA-256 of the photos and screenshots in the evidence store, with their file names.
    files = models.JSONField("zdjęcia i zrzuty ekranu", default=list, blank=True)
    created_at = models.DateTimeField("zapisano", auto_now_add=True)

    Meta = meta(
        "kontakt jurora (tajemniczy klient)",
        "kontakty jurorów (tajemniczy klient)",
        ordering=["participant", "-occurred_at", "-id"],
    )

    def __str__(self) -> str:
        return f"{self.juror}: {self.get_channel_display()} {self.occurred_at:%Y-%m-%d %H:%M}"
