"""Re-scoring reads the registry's legal status for rubrics that state conditions (issue 17)."""

from __future__ import annotations

import pytest

from results.scoring import rescore
from tests.ranking import test_scoring as base

# The scoring tests' fixtures: a store on disk, and test judges for INF-01, INF-03, EML-LAT.
store = base.store
criteria = base.criteria
by_id, gather = base.by_id, base.gather

pytestmark = [pytest.mark.django_db]

NO_STATEMENT = [("Kontakt: tel. 22 100 20 30", "<p>Kontakt: tel. 22 100 20 30</p>")]


def test_legal_status_decides_the_duty_and_enters_only_the_new_digest(
    edition, make_participant, store, criteria
):
    company = make_participant("Ciepłownia sp. z o.o.", kind="spolka_komunalna", employees=40)
    gather(store, edition, company, NO_STATEMENT)

    company.public_body = False
    company.save()
    new_private = rescore(edition, "2027.4", store=store)
    old_private = rescore(edition, "2027.1", store=store)
    assert by_id(new_private, company)["INF-03"].status == "not_applicable"
    assert new_private.scores.get().blocking_failed == []
    assert by_id(old_private, company)["INF-03"].status == "fail"  # 2027.1 binds every K

    company.public_body = True
    company.save()
    new_public = rescore(edition, "2027.4", store=store)
    old_public = rescore(edition, "2027.1", store=store)
    assert by_id(new_public, company)["INF-03"].status == "fail"
    assert new_public.scores.get().blocking_failed == ["INF-03"]
    # The status is an input of 2027.4 only: 2027.1 re-scores byte-identically.
    assert new_public.input_digest != new_private.input_digest
    assert old_public.input_digest == old_private.input_digest
    assert old_public.output_digest == old_private.output_digest

    company.public_body = None
    company.save()
    unknown = rescore(edition, "2027.4", store=store)
    assert by_id(unknown, company)["INF-03"].status == "not_measured"
    assert unknown.scores.get().blocking_failed == []
