"""Licence certificates: numbered, with a verification code anyone can check without login."""

from __future__ import annotations

from django.db import models

from results.fields import edition_fk, meta, participant_fk, score_run_fk, unique


class Certificate(models.Model):
    """The Licencja Jakości of one participant in one edition (the PDF is in the evidence
    store; its hash is kept here). A revoked certificate stays, marked, so its number and
    code keep answering truthfully."""

    number = models.CharField("numer", max_length=40, unique=True)
    code = models.CharField("kod weryfikacyjny", max_length=32, unique=True)
    edition = edition_fk("certificates", on_delete=models.PROTECT)
    participant = participant_fk("certificates", on_delete=models.PROTECT)
    name = models.CharField("nazwa na certyfikacie", max_length=300)
    valid_from = models.DateField("ważny od")
    valid_until = models.DateField("ważny do")
    points = models.DecimalField("punkty", max_digits=6, decimal_places=2)
    score_run = score_run_fk("certificates")
    pdf_sha256 = models.CharField("PDF (SHA-256)", max_length=64, blank=True)
    issued_at = models.DateTimeField("wystawiono", auto_now_add=True)
    issued_by = models.CharField("wystawił", max_length=200)
    revoked_at = models.DateTimeField("unieważniono", null=True, blank=True)
    revoke_reason = models.TextField("powód unieważnienia", blank=True)

    Meta = meta(
        "certyfikat licencji",
        "certyfikaty licencji",
        ordering=["edition", "number"],
        constraints=[unique("one_certificate_per_participant", "edition", "participant")],
    )

    def __str__(self) -> str:
        return f"{self.number} — {self.name}"
