"""The juror's correction in place: from the participant list to a saved override in three
actions (open the participant, open "Koryguj" on the row, save), in real Chromium."""

import pytest
from django.test import Client
from django.urls import reverse

from results.models import Override
from tests.web.conftest import login
from tests.web.test_browser import browser, log_in  # noqa: F401 - the fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_juror_corrects_a_criterion_in_three_actions(browser, live_server, transactional_db, world):  # noqa: F811
    client = Client()
    login(client, world["organiser"])
    assert client.post(reverse("web:recompute"), {"edycja": "2027"}).status_code == 302
    a = world["a"]
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    log_in(page, live_server.url, "juror")
    page.goto(f"{live_server.url}/uczestnicy/")
    page.get_by_role("link", name=a.name).click()  # 1
    page.wait_for_load_state()
    row = page.locator("tr[id^=kryterium-]").filter(has=page.locator("details.row-action")).first
    criterion = row.get_attribute("id").removeprefix("kryterium-")
    row.locator("summary", has_text="Koryguj").click()  # 2
    row.get_by_label("Nowy status").select_option("pass")
    row.get_by_label("Uzasadnienie").fill("Sprawdzone na kopii strony.")
    row.get_by_role("button", name="Zapisz korektę").click()  # 3
    page.wait_for_load_state()
    saved = Override.objects.get(participant=a, criterion_id=criterion)
    assert saved.status == "pass" and saved.reason == "Sprawdzone na kopii strony."
    assert page.url.endswith(f"#kryterium-{criterion}")
    # The message is on the row the page comes back to, not at the top of the page.
    assert row.get_by_text("Zapisano korektę").is_visible()
    assert page.locator(".messages").get_by_text("Zapisano korektę").count() == 0
    context.close()
