"""Published rankings: a version of an edition's ranking frozen as the files people received."""

from __future__ import annotations

from django.db import models

from results.fields import edition_fk, meta, score_run_fk, unique


class RankingPublication(models.Model):
    """The organiser published this score run's ranking: its JSON, CSV and XLSX are kept in
    the evidence store byte for byte. A later recomputation is a new draft; publishing it
    (after appeals, say) makes the next version beside this one."""

    edition = edition_fk("publications", on_delete=models.PROTECT)
    version = models.PositiveIntegerField("wersja")
    score_run = score_run_fk("publications")
    published_at = models.DateTimeField("opublikowano", auto_now_add=True)
    published_by = models.CharField("opublikował", max_length=200)
    note = models.TextField("uwagi", blank=True)
    json_sha256 = models.CharField("JSON (SHA-256)", max_length=64)
    csv_sha256 = models.CharField("CSV (SHA-256)", max_length=64)
    xlsx_sha256 = models.CharField("XLSX (SHA-256)", max_length=64)
    # What changed against the previous version, as the organiser confirmed it.
    changes = models.JSONField("zmiany względem poprzedniej wersji", default=list)

    Meta = meta(
        "publikacja rankingu",
        "publikacje rankingu",
        ordering=["edition", "-version"],
        constraints=[unique("one_version_number", "edition", "version")],
    )

    def __str__(self) -> str:
        return f"Ranking {self.edition.year}, wersja {self.version}"

    def sha256_of(self, fmt: str) -> str:
        return {"json": self.json_sha256, "csv": self.csv_sha256, "xlsx": self.xlsx_sha256}[fmt]
