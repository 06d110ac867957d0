"""Running one criterion and asserting on its proof."""

from __future__ import annotations

from typing import Any

import rubrics.website  # noqa: F401  (registers the criteria)
from rubrics.outcome import CriterionResult
from rubrics.registry import CRITERIA
from rubrics.website.text import fold
from tests.rubrics_website.factory import ctx as make_ctx
from tests.rubrics_website.factory import evidence


def run(
    criterion_id: str, art: dict[str, Any], ctx: dict[str, Any] | None = None
) -> CriterionResult:
    return CRITERIA[criterion_id](evidence(art), ctx or make_ctx())


def proof_on(result: CriterionResult, url_part: str, text: str | None = None) -> dict[str, Any]:
    """The page proof pointer on a URL containing `url_part` whose snippet or element has `text`."""
    for ev in result.evidence:
        if ev.get("type") != "page" or url_part not in ev["url"]:
            continue
        shown = fold((ev.get("snippet") or "") + " " + (ev.get("element") or ""))
        if text is None or fold(text) in shown:
            assert "depth" in ev and "path" in ev
            return ev
    raise AssertionError(f"no proof on {url_part!r} with {text!r} in {result.evidence}")


def assert_pass(result: CriterionResult, url_part: str, text: str | None = None) -> dict[str, Any]:
    assert result.status == "pass", result
    assert result.score == 1.0
    return proof_on(result, url_part, text)


def assert_missing(result: CriterionResult, art: dict[str, Any]) -> None:
    """Failed, with every crawled HTML page listed as searched."""
    assert result.status == "fail", result
    assert result.score == 0.0
    searched = [ev for ev in result.evidence if ev["type"] == "pages_searched"]
    assert searched, result.evidence
    assert set(searched[0]["urls"]) >= {p["url"] for p in art["pages"] if not p.get("on_bip")}
    assert result.explanation.startswith("Brak") or "przeszukano" in result.explanation
