"""Advice for participants' reports: why each criterion matters and how to meet it, in
plain Polish (rubrics/advice.yaml; the legal basis stays in the rubric's legal_ref)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _advice() -> dict[str, dict[str, str]]:
    text = (resources.files("rubrics") / "advice.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def advice_for(criterion_id: str) -> dict[str, str]:
    """{"why": …, "how": …} for a criterion id, empty texts where none is written."""
    found = _advice().get(criterion_id) or {}
    return {"why": found.get("why", ""), "how": found.get("how", "")}
