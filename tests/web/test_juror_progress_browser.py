"""The juror's scoring round in real Chromium: the list shows what is left ("0 z 5"), scores
are saved, and "Następny uczestnik" leads on to the next participant not finished."""

import pytest

from auditor.web.judging import rubric_specs
from results.models import JurorAssessment, JurorAssignment
from tests.web.conftest import make_participant
from tests.web.test_browser import browser, log_in  # noqa: F401 - the fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_juror_scores_and_goes_on_to_the_next_participant(
    browser,  # noqa: F811
    live_server,
    transactional_db,
    world,
):
    edition, a = world["edition"], world["a"]
    c = make_participant(3)
    edition.participants.add(c)
    JurorAssignment.objects.create(juror=world["juror"], participant=c, edition=edition)
    human = [s for s in rubric_specs(edition).values() if s.human and s.applies_to(a.kind)]
    n = len(human)
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    log_in(page, live_server.url, "juror")
    page.goto(f"{live_server.url}/uczestnicy/")
    row_a = page.locator("tbody tr", has=page.get_by_role("link", name=a.name))
    assert f"0 z {n}" in row_a.inner_text() and "do oceny" in row_a.inner_text()
    row_a.get_by_role("link", name=a.name).click()
    page.wait_for_load_state()
    for spec in human:
        page.get_by_label(f"{spec.name}: ocena (0–5)").fill("4")
    page.get_by_role("button", name="Zapisz oceny").click()
    page.wait_for_load_state()
    assert JurorAssessment.objects.filter(participant=a, juror="juror").count() == n
    # Right under the form the juror landed at: done, and the way on.
    section = page.locator("#oceny")
    assert section.get_by_text(f"Zapisano {n} ocen").is_visible()
    assert f"{n} z {n}" in section.inner_text() and "✓ gotowe" in section.inner_text()
    section.get_by_role("link", name=f"Następny uczestnik: {c.name}").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/uczestnicy/{c.pk}/")
    assert page.get_by_role("heading", name=c.name, level=1).is_visible()
    # A is finished, so from C there is no one left to go on to.
    assert page.get_by_text("Pozostali Twoi uczestnicy są ocenieni.").first.is_visible()
    page.goto(f"{live_server.url}/uczestnicy/")
    row_a = page.locator("tbody tr", has=page.get_by_role("link", name=a.name))
    assert f"{n} z {n}" in row_a.inner_text() and "✓ gotowe" in row_a.inner_text()
    context.close()
