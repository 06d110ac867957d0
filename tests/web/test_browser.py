"""End-to-end in real Chromium: jurors and organisers at work, hostile content kept inert,
our own pages accessible (axe-core)."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from probes.website.browser import BASE_CHROMIUM_ARGS
from results.models import IncompleteReview, JurorAssessment, Override, ParticipantEvidence
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.browser]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = BASE_CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are
    # plain synchronous code all the same. Allowed for these tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Watch:
    """Every request the page makes; any not to our live server is aborted and counted."""

    def __init__(self, context, origin: str) -> None:
        self.origin = origin
        self.ours: list[str] = []
        self.foreign: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            self.ours.append(url)
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/logowanie/")
    page.get_by_label("Nazwa użytkownika").fill(username)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_load_state()


def pwned(page) -> list:
    """window.__pwned in every frame that can be evaluated (sandboxed frames run nothing)."""
    found = []
    for frame in page.frames:
        try:
            value = frame.evaluate("() => window.__pwned")
        except Exception:
            continue  # a frame with scripts disabled cannot even be asked
        if value is not None:
            found.append(value)
    return found


def axe_serious(browser, base: str, username: str, paths: list[str]) -> dict[str, list]:
    """axe-core on our pages (a separate context, the CSP bypassed only to inject axe)."""
    context = browser.new_context(bypass_csp=True, locale="pl-PL")
    page = context.new_page()
    log_in(page, base, username)
    found = {}
    for path in paths:
        page.goto(f"{base}{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            found[path] = bad
    context.close()
    return found


def test_juror_reviews_evidence_safely(browser, live_server, transactional_db, world):
    base = live_server.url
    a, b = world["a"], world["b"]
    context = browser.new_context(locale="pl-PL")
    watch = Watch(context, base)
    page = context.new_page()
    log_in(page, base, "juror")
    assert page.get_by_role("heading", name="Uczestnicy").is_visible()
    page.get_by_role("link", name=a.name).click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name=a.name).is_visible()
    # Open every fold: the sanitised HTML e-mail, quoted text, rule groups.
    for summary in page.locator("summary").all():
        summary.click()
    assert page.get_by_text("⟨http://evil.example/track?id=1⟩").first.is_visible()
    assert page.locator(".blocked-image").count() >= 3
    assert page.locator("img").count() >= 3
    # Screenshots came from our evidence view and decoded as images.
    widths = page.eval_on_selector_all("img.thumb", "els => els.map(e => e.naturalWidth)")
    assert widths and all(w > 0 for w in widths)
    # The sandboxed snapshot of a hostile page.
    page.get_by_role("link", name="Pokaż kopię strony Strona 0").first.click()
    page.wait_for_load_state("load")
    frame_el = page.locator("iframe.snapshot")
    assert frame_el.get_attribute("sandbox") == ""
    page.wait_for_timeout(500)
    assert any(u.endswith("/tresc/") for u in watch.ours)  # the hostile copy did load
    assert (
        "Urząd Gminy Przykładowo"
        in page.frame_locator("iframe.snapshot").locator("h1").inner_text()
    )
    assert pwned(page) == []
    page.go_back()
    page.wait_for_load_state("load")
    # Resolve an incomplete accessibility result.
    first = page.locator(".review-item").first
    first.get_by_label("brak naruszenia").check()
    first.get_by_label("Komentarz").fill("Kontrast sprawdzony ręcznie: 7:1.")
    first.get_by_role("button", name="Zapisz decyzję").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Decyzja: brak naruszenia").first.is_visible()
    assert IncompleteReview.objects.get(participant=a).decision == "not_violation"
    # Submit an assessment.
    page.get_by_label("Kultura obsługi podczas wizyty: ocena (0–5)").fill("4.5")
    page.get_by_label("Kultura obsługi podczas wizyty: komentarz").fill("Sprawna obsługa.")
    page.get_by_role("button", name="Zapisz oceny").click()
    page.wait_for_load_state("load")
    assert page.locator("#oceny").get_by_text("Zapisano 1 ocenę.").is_visible()
    assert JurorAssessment.objects.get(participant=a, juror="juror").score == 4.5
    assert pwned(page) == []
    # Not assigned: neither the page nor any of its files, by URL.
    response = page.goto(f"{base}/uczestnicy/{b.pk}/")
    assert response.status == 403 and page.get_by_text("Brak dostępu").first.is_visible()
    for link in ParticipantEvidence.objects.filter(participant=b)[:4]:
        response = page.goto(f"{base}/uczestnicy/{b.pk}/pliki/{link.blob_id}/")
        assert response.status == 403
    assert watch.foreign == [], watch.foreign
    assert all(u.startswith(base) for u in watch.ours)
    # The watch itself sees a request to another host (so the empty list above means it).
    from playwright.sync_api import Error as PlaywrightError

    with pytest.raises(PlaywrightError, match="ERR_FAILED"):
        page.goto("http://evil.example/probe")
    assert watch.foreign == ["http://evil.example/probe"]
    context.close()
    snapshot = ParticipantEvidence.objects.filter(
        participant=a, blob__media_type__startswith="text/html"
    ).first()
    problems = axe_serious(
        browser,
        base,
        "juror",
        [
            "/uczestnicy/",
            f"/uczestnicy/{a.pk}/",
            f"/uczestnicy/{a.pk}/kopia/{snapshot.blob_id}/",
            f"/uczestnicy/{b.pk}/",
        ],
    )
    assert problems == {}


def test_organiser_overrides_recomputes_and_exports(browser, live_server, transactional_db, world):
    base = live_server.url
    a = world["a"]
    context = browser.new_context(locale="pl-PL", accept_downloads=True)
    watch = Watch(context, base)
    page = context.new_page()
    log_in(page, base, "org")
    page.goto(f"{base}/uczestnicy/{a.pk}/")
    form = page.locator("form.override-form")
    form.get_by_label("Kryterium").select_option("INF-01")
    form.get_by_label("Nowy status").select_option("pass")
    form.get_by_label("Uzasadnienie").fill("Telefon i adres są w stopce strony.")
    form.get_by_role("button", name="Zapisz korektę").click()
    page.wait_for_load_state("load")
    assert Override.objects.get(participant=a).actor == "web:org"
    page.get_by_role("link", name="Dziennik zmian").click()
    assert page.get_by_text("Telefon i adres są w stopce strony.").is_visible()
    page.get_by_role("link", name="Ranking").click()
    page.get_by_role("button", name="Przelicz wyniki").click()
    page.wait_for_load_state("load")
    # A preview of the changes first; the recomputation only on confirmation.
    assert page.get_by_role("heading", name="podgląd").is_visible()
    page.get_by_role("button", name="Przelicz i zapisz").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="Gmina wiejska").is_visible()
    assert page.locator("figure svg").count() >= 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksport CSV").click()
    assert a.name in Path(download.value.path()).read_text(encoding="utf-8-sig")
    page.goto(f"{base}/uczestnicy/{a.pk}/")
    assert page.get_by_text("źródło: korekta").first.is_visible()
    with context.expect_page() as report_page_info:
        page.evaluate(f"() => window.open('{base}/ranking/raport/{a.pk}/')")
    report_page = report_page_info.value
    report_page.wait_for_load_state("load")
    assert a.name in report_page.content()
    assert watch.foreign == []
    context.close()
    problems = axe_serious(
        browser,
        base,
        "org",
        [
            "/ranking/",
            "/dziennik/",
            "/uczestnicy/",
            f"/uczestnicy/{a.pk}/",
            "/poczta/do-przypisania/",
        ],
    )
    assert problems == {}


def test_login_page_is_accessible(browser, live_server, transactional_db, world):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/logowanie/")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
    # The skip link is the first thing a keyboard reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Przejdź do treści"
    context.close()


def test_organiser_retries_not_measured_runs(browser, live_server, transactional_db, world):
    """Przebiegi badania in Chromium: the menu, the progress, Zbadaj ponownie; axe on both."""
    from results.models import AuditLogEntry, Sweep
    from scheduler.sweeps import create_sweep

    sweep, _ = create_sweep(world["edition"], probes=["website"], key="schedule:website:test")
    sweep.runs.filter(participant=world["a"]).update(
        status="not_measured", attempts=3, error="TimeoutError: page.goto: Timeout 30000ms"
    )
    base = live_server.url
    context = browser.new_context(locale="pl-PL")
    watch = Watch(context, base)
    page = context.new_page()
    log_in(page, base, "org")
    page.get_by_role("link", name="Przebiegi badania").click()
    assert page.get_by_text("Zakończone sondy: 1 z 2 (50%)").is_visible()
    assert page.get_by_role("progressbar", name="Zakończone sondy: 1 z 2 (50%)").is_visible()
    assert page.get_by_text("Przekroczono czas oczekiwania po naszej stronie.").is_visible()
    page.get_by_role("button", name="Zbadaj ponownie").click()
    page.wait_for_load_state("load")
    new = Sweep.objects.exclude(pk=sweep.pk).get()
    assert list(new.runs.values_list("participant_id", flat=True)) == [world["a"].pk]
    assert page.get_by_text(f"--key {new.key}").first.is_visible()
    assert AuditLogEntry.objects.filter(action="sweep.retry").count() == 1
    assert watch.foreign == []
    context.close()
    problems = axe_serious(
        browser, base, "org", ["/przebiegi/", f"/przebiegi/{sweep.pk}/", f"/przebiegi/{new.pk}/"]
    )
    assert problems == {}
