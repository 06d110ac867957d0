"""TEC-04 on results produced by real axe-core 4.14.1 in Debian's Chromium (not hand-made dicts).

Checks that the scoring reads axe's real output (tags, impacts, node targets and HTML) and that
a footer problem repeated on every page is one template issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from probes.accessibility.axe import AXE_TAGS
from tests.rubrics_website import sites
from tests.rubrics_website.factory import artifact, page
from tests.rubrics_website.helpers import run

pytestmark = [pytest.mark.slow, pytest.mark.browser]

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")

# The gmina's layout with a low-contrast footer line and an icon-only link in the footer.
BAD_FOOTER = '<p style="color:#bbb;background:#fff">Urząd Gminy Zielonka © 2027</p><a href="/rss"><img src="/rss.png"></a>'


def gmina_page(title: str, main: str) -> str:
    return sites.gmina_layout(title, main).replace("</footer>", BAD_FOOTER + "</footer>")


@pytest.fixture(scope="module")
def axe_results():
    if not CHROMIUM.exists() or not AXE_JS.exists():
        pytest.skip("needs /usr/bin/chromium and node_modules/axe-core (scripts/setup.sh)")
    from playwright.sync_api import sync_playwright

    docs = {
        sites.GMINA: gmina_page("Strona główna", sites.HOME_MAIN),
        sites.GMINA + "kontakt": gmina_page("Kontakt", sites.KONTAKT_MAIN),
        sites.GMINA + "dostepnosc": gmina_page(
            "Dostępność", sites.DOSTEPNOSC_MAIN + '<img src="/budynek.jpg">'
        ),
        sites.POOR: sites.POOR_HOME,
    }
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            tab = context.new_page()
            tab.route(
                "**/*", lambda route: route.fulfill(status=204, body="")
            )  # no network: images are empty
            for url, html in docs.items():
                tab.set_content(html, wait_until="load")
                tab.add_script_tag(path=str(AXE_JS))
                results[url] = tab.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})",
                    list(AXE_TAGS),
                )
        finally:
            browser.close()
    return docs, results


def test_real_axe_output_scores_template_issues_once(axe_results):
    docs, results = axe_results
    pages = [
        page(url, html, depth=0 if url == sites.GMINA else 1, axe=results[url])
        for url, html in docs.items()
        if url != sites.POOR
    ]
    r = run("TEC-04", artifact(pages))
    assert r.status in ("pass", "partial", "fail") and r.details["pages_measured"] == 3
    rules = {(ev["rule"], ev["shared"]) for ev in r.evidence}
    assert ("color-contrast", True) in rules  # the footer line, once for the whole site
    assert ("image-alt", True) in rules  # the footer RSS icon
    assert ("image-alt", False) in rules  # the photo on one page only
    shared = next(ev for ev in r.evidence if ev["rule"] == "color-contrast" and ev["shared"])
    assert len(shared["pages"]) == 3 and shared["nodes"][0]["target"]
    cells = {(c["criterion"], c["unit"]) for c in r.details["failed_cells"]}
    assert ("1.4.3", "template") in cells
    assert ("1.1.1", sites.GMINA + "dostepnosc") in cells


def test_real_axe_output_on_a_poor_page(axe_results):
    docs, results = axe_results
    r = run(
        "TEC-04", artifact([page(sites.POOR, docs[sites.POOR], depth=0, axe=results[sites.POOR])])
    )
    failing = set(r.details["criteria_failing"])
    assert {"1.1.1", "3.1.1"} <= failing  # images without alt, no lang
    assert r.status == "fail"


def test_wcag22_is_gathered_for_information_and_never_scored(axe_results):
    """The probe runs axe with the WCAG 2.2 tags too (issue 17): TEC-04 reports them, and its
    2.1 score is the same as without them."""
    from tests.rubrics_website.factory import ctx

    docs, results = axe_results

    def without_22(result):
        return {
            bucket: [r for r in result.get(bucket, []) if not any("wcag22" in t for t in r["tags"])]
            for bucket in ("violations", "passes", "incomplete", "inapplicable")
        }

    pages = [
        page(u, h, depth=0 if u == sites.GMINA else 1, axe=results[u]) for u, h in docs.items()
    ]
    plain = [
        page(u, h, depth=0 if u == sites.GMINA else 1, axe=without_22(results[u]))
        for u, h in docs.items()
    ]
    with_22 = run("TEC-04", artifact(pages), ctx(report_wcag22=True))
    assert with_22.details["wcag22_informational"]["gathered"] is True
    assert with_22.score == run("TEC-04", artifact(plain)).score
