"""Re-scoring an edition as every caller should: today's e-mail snapshot first, then the score.

`results.scoring.rescore` only reads recorded evidence; e-mail evidence grows as replies
arrive, so the snapshot of every enquiry is taken here, before it (the `auditor rescore`
command, the scheduler's job and the web "Przelicz wyniki" all come through this).
"""

from __future__ import annotations

from results.evidence_store import EvidenceStore
from scheduler.email.artifacts import refresh_email_artifacts


def rescore(
    edition, rubric_version: str, store: EvidenceStore | None = None, actor: str = "auditor"
):
    """Refresh the edition's e-mail artifacts, then score it (results.scoring.rescore)."""
    from results.scoring import rescore as score

    store = store or EvidenceStore()
    if edition.retention_done_at is None:
        # After retention (docs/ethics.md) the replies' texts are gone: a new snapshot would
        # score blank replies. The erased artifacts are not measured instead.
        refresh_email_artifacts(edition, store)
    return score(edition, rubric_version, store=store, actor=actor)
