"""TEC-04's site-wide axe scoring: template issues once, incomplete never, 13 criteria only."""

from __future__ import annotations

from rubrics.website.axe import (
    AUSTRIAN_SC,
    RULES_BY_SC,
    TEMPLATE,
    collect_issues,
    criteria_of,
    score_site,
)
from tests.rubrics_website.axe_data import FOOTER_LINK, FOOTER_TEXT, axe, rule
from tests.rubrics_website.factory import page


def site_pages(n: int, per_page=lambda i: [], shared=()) -> list[dict]:
    pages = []
    for i in range(n):
        violations = {}
        for v in [*shared, *per_page(i)]:
            if v["id"] in violations:
                violations[v["id"]]["nodes"] += v["nodes"]
            else:
                violations[v["id"]] = {**v, "nodes": list(v["nodes"])}
        pages.append(
            page(
                f"https://gmina.example.pl/p{i}",
                "<html lang='pl'><body>x</body></html>",
                axe=axe(list(violations.values())),
            )
        )
    return pages


def test_criteria_come_from_wcag_tags_and_best_practice_is_outside():
    assert criteria_of(rule("link-name")) == ["2.4.4", "4.1.2"]
    assert criteria_of(rule("region")) == []
    assert criteria_of({"id": "color-contrast"}) == ["1.4.3"]  # no tags: the documented table
    assert set(RULES_BY_SC) == set(AUSTRIAN_SC)


def test_same_footer_issue_on_every_page_is_one_issue():
    pages = site_pages(20, shared=[rule("link-name", FOOTER_LINK)])
    issues = collect_issues(pages)
    assert len(issues) == 1 and issues[0].shared and len(issues[0].pages) == 20


def test_same_html_with_a_different_selector_is_the_same_issue():
    a = rule("color-contrast", ("div#c1 > p", FOOTER_TEXT[1]))
    b = rule("color-contrast", ("main > div:nth-child(4) > p", FOOTER_TEXT[1]))
    pages = site_pages(2, per_page=lambda i: [a] if i == 0 else [b])
    assert len(collect_issues(pages)) == 1


def test_large_site_with_a_template_issue_is_not_punished_for_its_size():
    small = score_site(site_pages(2, shared=[rule("color-contrast", FOOTER_TEXT)]))
    large = score_site(site_pages(40, shared=[rule("color-contrast", FOOTER_TEXT)]))
    assert large.score >= small.score
    assert [u for _, u in large.failed_cells] == [TEMPLATE]
    # Without the dedupe the large site would have 40 failing cells.
    assert len(large.failed_cells) == 1


def test_page_specific_issues_count_per_page_and_weigh_by_impact():
    images = score_site(
        site_pages(
            4, per_page=lambda i: [rule("image-alt", (f"img#a{i}", f'<img src="foto{i}.jpg">'))]
        )
    )
    contrast = score_site(
        site_pages(4, per_page=lambda i: [rule("color-contrast", (f"p#a{i}", f"<p>tekst {i}</p>"))])
    )
    tested = len(images.tested)
    assert images.score == round(1 - 4 * 1.0 / (tested * 4), 4)  # critical
    assert contrast.score == round(1 - 4 * 0.75 / (tested * 4), 4)  # serious
    assert contrast.score > images.score


def test_incomplete_is_listed_never_counted():
    incomplete = [rule("color-contrast", ("h1", "<h1 style='background:url(x.jpg)'>Gmina</h1>"))]
    pages = [
        page(
            "https://gmina.example.pl/",
            "<html><body>x</body></html>",
            axe=axe(incomplete=incomplete),
        )
    ]
    s = score_site(pages)
    assert s.score == 1.0 and s.issues == []
    assert s.incomplete == [
        {"rule": "color-contrast", "pages": ["https://gmina.example.pl/"], "nodes": 1}
    ]


def test_criteria_without_any_rule_run_are_not_tested():
    s = score_site(site_pages(1))
    assert "4.1.1" not in s.tested and "1.3.4" not in s.tested
    assert {"1.1.1", "1.4.3", "2.4.2", "2.4.4", "3.1.1", "4.1.2", "1.3.1"} <= set(s.tested)
