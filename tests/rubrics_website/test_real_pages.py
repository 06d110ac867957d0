"""Detection on real Polish public pages (real_pages.py), labelled by reading.

Precision and recall per criterion are computed on the excerpts and must stay at the level
measured when the criteria were written (issue 17); `python -m tests.rubrics_website.test_real_pages`
prints them.
"""

from __future__ import annotations

from html import escape

import rubrics.website  # noqa: F401
from rubrics.outcome import PASS
from rubrics.registry import CRITERIA
from rubrics.website.criteria_law import _metadata_block
from rubrics.website.site import clear_cache
from tests.rubrics_website.factory import artifact, ctx, evidence, page
from tests.rubrics_website.real_pages import HELD_OUT, REAL_PAGES

PARAMS = {"INF-10": {"strict_groups": ["J", "A"], "ade_spacing": True}, "INF-26": {}}
MINIMUM = {"INF-10": (1.0, 1.0), "INF-26": (1.0, 1.0), "INF-25": (1.0, 1.0)}


def predicted(criterion_id: str, entry: dict) -> bool:
    html = f"<html lang='pl'><body><main><p>{escape(entry['text'])}</p></main></body></html>"
    art = artifact([page(entry["url"], html, depth=0, path=[entry["url"]])])
    try:
        if criterion_id == "INF-25":  # the metryczka half: a page excerpt has no BIP menu
            return _metadata_block(art["pages"]) is not None
        result = CRITERIA[criterion_id](evidence(art), ctx(**PARAMS[criterion_id]))
        return result.status == PASS
    finally:
        clear_cache()


def figures(pages: list[dict] = REAL_PAGES) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for cid in MINIMUM:
        tp = fp = fn = tn = 0
        for entry in pages:
            if cid not in entry["labels"]:
                continue
            truth, guess = entry["labels"][cid], predicted(cid, entry)
            tp += truth and guess
            fp += guess and not truth
            fn += truth and not guess
            tn += not truth and not guess
        out[cid] = {
            "pages": tp + fp + fn + tn,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        }  # fmt: skip
    return out


def test_at_least_ten_real_sites():
    assert len({e["url"].split("/")[2] for e in REAL_PAGES + HELD_OUT}) >= 10


def test_held_out_pages():
    """Pages gathered after tuning: the figure that says how INF-26 does on unseen sites."""
    f = figures(HELD_OUT)["INF-26"]
    assert f["pages"] == 6 and f["precision"] == 1.0 and f["recall"] >= 0.6, f


def test_precision_and_recall_on_real_pages():
    for cid, f in figures().items():
        precision, recall = MINIMUM[cid]
        assert f["precision"] is not None and f["precision"] >= precision, (cid, f)
        assert f["recall"] is not None and f["recall"] >= recall, (cid, f)


if __name__ == "__main__":
    for cid, f in figures().items():
        print(cid, f)
    print("held out:", figures(HELD_OUT)["INF-26"])
