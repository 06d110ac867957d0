"""The pages on a phone and on a desktop, in real Chromium: at 390 px no page scrolls sideways,
and axe-core finds no serious or critical violation at 1366 px nor at 390 px, on every page
(no exception: the sweep pages refresh themselves only when the user asks, ?odswiezaj=1)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from results.certificate_models import Certificate
from results.certificates import new_code
from results.models import JurorAssignment, ParticipantEvidence, ProbeRun
from results.scoring import latest_run
from scheduler.sweeps import create_sweep
from tests.web.conftest import login, make_participant, make_user
from tests.web.test_browser import AXE, browser, log_in  # noqa: F401 - the fixture
from tests.web.test_mail_review import queue  # noqa: F401 - the fixture: replies to place
from tests.web.test_polish_pages import _a_machine_criterion

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# The deepest elements reaching past the right edge (what to fix).
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
               && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}


@pytest.fixture
def scored_world(transactional_db, world, queue):  # noqa: F811
    client = Client()
    login(client, world["organiser"])
    assert client.post(reverse("web:recompute"), {"edycja": "2027"}).status_code == 302
    sweep, _ = create_sweep(world["edition"], key="test:responsive")
    # A second participant of the juror's, so the page shows "Następny uczestnik".
    c = make_participant(3)
    world["edition"].participants.add(c)
    JurorAssignment.objects.create(juror=world["juror"], participant=c, edition=world["edition"])
    # Rows in every table: a correction, sweep problems (ours and theirs), a certificate.
    client.post(
        reverse("web:override", args=[world["a"].pk]),
        {"criterion_id": _a_machine_criterion(world), "status": "pass", "reason": "Sprawdzono."},
    )
    runs = list(sweep.runs.order_by("pk")[:2])
    runs[0].status, runs[0].error_kind = ProbeRun.Status.NOT_MEASURED, "browser_crash"
    runs[0].error = "Target page, context or browser has been closed"
    runs[1].status, runs[1].error_kind = ProbeRun.Status.FAILED, "http_5xx"
    runs[1].error = "strona główna odpowiada HTTP 503"
    ProbeRun.objects.bulk_update(runs, ["status", "error_kind", "error"])
    run = latest_run(world["edition"])
    Certificate.objects.create(
        number="LZM/2027/0001",
        code=new_code(),
        edition=world["edition"],
        participant=world["a"],
        name=world["a"].name,
        valid_from=datetime.date(2027, 6, 1),
        valid_until=datetime.date(2028, 12, 31),
        points="91.50",
        score_run=run,
        issued_by="cli:test",
    )
    make_user("ekspert", "expert")
    # The pages walked below do show those rows.
    assert client.get("/poczta/do-przypisania/").content.decode().count('class="review-item"') == 2
    assert "HTTP 503" in client.get(f"/przebiegi/{sweep.pk}/").content.decode()
    assert Client().get(f"/certyfikat/{Certificate.objects.get().code}/").status_code == 200
    return world


def pages_of(world, who: str) -> list[str]:
    a = world["a"]
    snapshot = ParticipantEvidence.objects.filter(
        participant=a, blob__media_type__startswith="text/html"
    ).first()
    juror = [
        "/uczestnicy/",
        f"/uczestnicy/{a.pk}/",
        f"/uczestnicy/{a.pk}/kopia/{snapshot.blob_id}/",
        "/poczta/do-przypisania/",
        "/nie-ma-takiej-strony/",
    ]
    if who == "juror":
        return juror + [f"/uczestnicy/{world['b'].pk}/"]  # not theirs: the 403 page
    if who == "anonymous":
        return ["/logowanie/", "/certyfikat/", f"/certyfikat/{Certificate.objects.get().code}/",
                "/certyfikat/ZZZZ-ZZZZ-ZZZZ-ZZZZ/"]  # fmt: skip
    if who in ("observer", "ekspert"):
        return ["/ranking/", f"/ranking/raport/{a.pk}/", "/nagrody/", "/uczestnicy/"]
    from results.models import Sweep

    sweep = Sweep.objects.first().pk
    return juror + [
        "/ranking/",
        "/ranking/przelicz/?edycja=2027",
        "/ranking/publikuj/?edycja=2027",
        f"/ranking/raport/{a.pk}/",
        "/nagrody/",
        "/przebiegi/",
        f"/przebiegi/{sweep}/",
        "/dziennik/",
        f"/uczestnicy/{world['b'].pk}/",
    ]


def measure(page, name: str, label: str, found: dict[str, list]) -> None:
    """The page now shown: sideways scroll at phone width, axe's serious and critical."""
    if name == "phone":
        sizes = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        if sizes[0] > sizes[1]:
            wide = page.evaluate(WIDEST)
            found.setdefault(label, []).append(f"{name}: {sizes[0]} px > {sizes[1]} px {wide}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in v["nodes"]][:3]
            found.setdefault(label, []).append(f"{name}: {v['id']} {targets}")


def check(browser, base: str, username: str | None, paths: list[str], then=None) -> dict:  # noqa: F811
    """Every path at both widths; `then(page, name, found)` walks pages reached by a form."""
    found: dict[str, list] = {}
    for name, (width, height) in WIDTHS.items():
        context = browser.new_context(
            bypass_csp=True, locale="pl-PL", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        if username:
            log_in(page, base, username)
        for path in paths:
            page.goto(f"{base}{path}")
            measure(page, name, path, found)
        if then:
            then(page, base, name, found)
        context.close()
    return found


def juror_forms(world):
    """The juror's pages behind a form: scores saved (the message and "Następny uczestnik"),
    and a score out of scale refused (the Polish error page)."""
    a = world["a"]

    def walk(page, base: str, name: str, found: dict) -> None:
        page.goto(f"{base}/uczestnicy/{a.pk}/")
        form = page.locator("form.assessment-form")
        form.get_by_label("Kultura obsługi podczas wizyty: ocena (0–5)").fill("4")
        form.get_by_role("button", name="Zapisz oceny").click()
        page.wait_for_load_state()
        assert page.get_by_role("link", name="Następny uczestnik").count() >= 1
        measure(page, name, "po zapisaniu ocen", found)
        page.goto(f"{base}/uczestnicy/{a.pk}/")
        form = page.locator("form.assessment-form")
        score = form.get_by_label("Kultura obsługi przez telefon: ocena (0–5)")
        score.evaluate("e => { e.removeAttribute('max'); e.value = '9'; }")
        form.get_by_role("button", name="Zapisz oceny").click()
        page.wait_for_load_state()
        assert "Nie zapisano" in page.content()
        measure(page, name, "błąd formularza ocen", found)

    return walk


def test_organiser_pages_fit_a_phone_and_pass_axe(browser, live_server, scored_world):  # noqa: F811
    assert check(browser, live_server.url, "org", pages_of(scored_world, "org")) == {}


def test_juror_pages_fit_a_phone_and_pass_axe(browser, live_server, scored_world):  # noqa: F811
    paths = pages_of(scored_world, "juror")
    walk = juror_forms(scored_world)
    assert check(browser, live_server.url, "juror", paths, then=walk) == {}


@pytest.mark.parametrize("who", ["observer", "ekspert"])
def test_ranking_readers_pages_fit_a_phone_and_pass_axe(browser, live_server, scored_world, who):  # noqa: F811
    username = "obs" if who == "observer" else who
    assert check(browser, live_server.url, username, pages_of(scored_world, who)) == {}


def test_pages_without_login_fit_a_phone_and_pass_axe(browser, live_server, scored_world):  # noqa: F811
    assert check(browser, live_server.url, None, pages_of(scored_world, "anonymous")) == {}


def test_keyboard_reaches_the_menu_on_a_phone(browser, live_server, scored_world):  # noqa: F811
    context = browser.new_context(locale="pl-PL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, "org")
    page.goto(f"{live_server.url}/uczestnicy/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Przejdź do treści"
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert "Ranking" in seen and "Przebiegi badania" in seen
    # The focused element is on screen (not pushed off to the right).
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().right")
    assert box <= 390
    context.close()
