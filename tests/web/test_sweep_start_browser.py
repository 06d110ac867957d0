"""The organiser's sweep start in real Chromium, the sweep really run (website probe, one
participant whose site is an unreachable loopback address, so it ends in seconds)."""

import time

import pytest

from results.models import AuditLogEntry, Sweep
from tests.web.test_browser import browser, log_in  # noqa: F401 - the fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_organiser_starts_a_sweep_and_watches_it_finish(
    browser,  # noqa: F811
    live_server,
    transactional_db,
    world,
):
    a = world["a"]
    a.website = "http://127.0.0.1:9/"
    a.save()
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    log_in(page, live_server.url, "org")
    page.goto(f"{live_server.url}/przebiegi/")
    page.get_by_label("Sondy").select_option("website")
    page.get_by_label("Tylko uczestnicy").fill(str(a.pk))
    started = time.monotonic()
    page.get_by_role("button", name="Uruchom przebieg").click()
    page.wait_for_load_state()
    assert time.monotonic() - started < 5  # the request returns at once
    assert "Uruchomiono przebieg" in page.content()
    sweep = Sweep.objects.get()
    assert page.url.endswith(f"/przebiegi/{sweep.pk}/")
    # The self-refresh is offered, not imposed (WCAG 2.2.1); the organiser turns it on.
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    offered = page.get_by_role("link", name="Odświeżaj co 10 s")
    if offered.count():  # not yet finished when the page was made
        offered.click()
        page.wait_for_load_state()
        assert page.url.endswith("?odswiezaj=1")
        if "Anuluj przebieg" in page.content():  # still running: it refreshes itself now
            assert page.locator('meta[http-equiv="refresh"]').count() == 1
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        sweep.refresh_from_db()
        if sweep.status == Sweep.Status.DONE:
            break
        time.sleep(1)
    assert sweep.status == Sweep.Status.DONE
    page.reload()
    assert "(zakończony)" in page.content()
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert AuditLogEntry.objects.filter(action=AuditLogEntry.Action.SWEEP_START).count() == 1
    context.close()
