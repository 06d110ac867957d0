"""What retention erased: the hash of every removed blob stays, with what it was."""

from __future__ import annotations

from django.db import models

from results.fields import meta


class ErasedBlob(models.Model):
    """A blob removed from the evidence store by `auditor retention` (docs/ethics.md).

    The file and its EvidenceBlob row are gone; the SHA-256 stays here, in the records that
    cite it (artifacts, criterion results) and in the audit log, so every stored score still
    names the evidence it came from.
    """

    sha256 = models.CharField("SHA-256", max_length=64, primary_key=True)
    media_type = models.CharField("typ", max_length=200)
    size = models.PositiveBigIntegerField("rozmiar (B)")
    producer = models.CharField("źródło", max_length=200)
    created_at = models.DateTimeField("dodano")
    erased_at = models.DateTimeField("usunięto", auto_now_add=True)
    edition = models.PositiveIntegerField("edycja (rok)")
    reason = models.CharField("powód", max_length=100)
    # The pseudonymised copy kept instead (e-mail artifacts), if any.
    replacement = models.CharField("kopia po pseudonimizacji (SHA-256)", max_length=64, blank=True)

    Meta = meta(
        "dowód usunięty (retencja)", "dowody usunięte (retencja)", ordering=["erased_at", "sha256"]
    )

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.reason})"


__all__ = ["ErasedBlob"]
