"""Detection on real Polish public page excerpts (third_party/real_sites/excerpts.yaml), labelled by reading.

Precision and recall per criterion are computed on the excerpts and must stay at the level
measured when the criteria were written (issue 17); `python -m tests.rubrics_website.test_real_pages`
prints them.
"""

from __future__ import annotations

from rubrics.outcome import FAIL, NOT_APPLICABLE, NOT_MEASURED, PASS
from rubrics.website.criteria_law import _metadata_block
from tests.rubrics_website.real_pages import (
    HELD_OUT,
    REAL_PAGES,
    RECENT,
    VERSION,
    excerpt_artifact,
    figures,
    judge,
    table,
)

MINIMUM = {"INF-10": (1.0, 1.0), "INF-26": (1.0, 1.0), "INF-25": (1.0, 1.0), "INF-30": (1.0, 1.0)}


def predicted(criterion_id: str, entry: dict) -> bool:
    art = excerpt_artifact(entry)
    if criterion_id == "INF-25":  # the metryczka half: a page excerpt has no BIP menu
        return _metadata_block(art["pages"]) is not None
    return judge(criterion_id, art, entry).status == PASS


# Recent pages (2020–2026, issue 17 gap): (TP at least, FP at most) measured 5 December 2026,
# before any detector change. INF-23 finds none: the excerpts keep the text, not the links the
# detector reads. INF-27 has no real positive. INF-10 is a pass (AE address), the rest any credit.
RECENT_FLOORS = {
    "INF-07": (5, 0),
    "INF-10": (2, 0),
    "INF-23": (0, 0),
    "INF-27": (0, 0),
    "INF-29": (10, 0),  # with the EAA set, rubric 2027.6 (2027.5: 6 TP, 6 FP)
    "INF-30": (5, 0),
}


def credited(criterion_id: str, entry: dict, version: str = VERSION) -> bool:
    if criterion_id == "INF-10":
        return predicted(criterion_id, entry)
    status = judge(criterion_id, excerpt_artifact(entry), entry, version=version).status
    return status not in (FAIL, NOT_MEASURED, NOT_APPLICABLE)


def test_recent_pages():
    figs = figures(RECENT, RECENT_FLOORS, credited)
    for cid, (tp, fp) in RECENT_FLOORS.items():
        assert figs[cid]["tp"] >= tp and figs[cid]["fp"] <= fp, (cid, figs[cid])


# INF-29 (EAA) on the banks' own information, articles explaining the act, municipal companies'
# UDC statements and eBOK pages (excerpts.yaml "EAA set"): rubric 2027.5 took any mention of
# the act; 2027.6 (`real_wording`) wants the provider's own statement. (TP, FP, FN) measured.
EAA_FIGURES = {
    ("2027.5", False): (2, 6, 3),  # tuning: 26 pages (12 new + 14 of the recent set)
    ("2027.5", True): (4, 0, 2),  # held out: 8 pages
    ("2027.6", False): (4, 0, 1),  # the one miss: bsbialopole.pl names neither act nor service
    ("2027.6", True): (6, 0, 0),
}


def eaa_figures(version: str, held_out: bool) -> dict:
    pages = [e for e in RECENT if "INF-29" in e["labels"] and e["held_out"] == held_out]
    return figures(pages, ["INF-29"], lambda cid, e: credited(cid, e, version))["INF-29"]


def test_eaa_information_on_real_pages():
    for (version, held_out), expected in EAA_FIGURES.items():
        f = eaa_figures(version, held_out)
        assert (f["tp"], f["fp"], f["fn"]) == expected, (version, held_out, f)


def test_at_least_ten_real_sites():
    assert len({e["url"].split("/")[2] for e in REAL_PAGES + HELD_OUT}) >= 10


def test_held_out_pages():
    """Pages gathered after tuning: the figure that says how INF-26 does on unseen sites."""
    f = figures(HELD_OUT, ["INF-26"], predicted)["INF-26"]
    assert f["pages"] == 6 and f["precision"] == 1.0 and f["recall"] >= 0.6, f


def test_held_out_pages_inf30():
    """INF-30 (issue 17, rubric 2027.5) was written before the held-out pages were labelled."""
    f = figures(HELD_OUT, ["INF-30"], predicted)["INF-30"]
    assert f["pages"] == 6 and f["precision"] >= 0.8 and f["recall"] >= 0.8, f


def test_precision_and_recall_on_real_pages():
    for cid, f in figures(REAL_PAGES, MINIMUM, predicted).items():
        precision, recall = MINIMUM[cid]
        assert f["precision"] is not None and f["precision"] >= precision, (cid, f)
        assert f["recall"] is not None and f["recall"] >= recall, (cid, f)


if __name__ == "__main__":
    print(table(figures(REAL_PAGES, MINIMUM, predicted)))
    print("held out:")
    print(table(figures(HELD_OUT, ["INF-26", "INF-30"], predicted)))
    print("recent (2020–2026):")
    print(table(figures(RECENT, RECENT_FLOORS, credited)))
    for version, held_out in EAA_FIGURES:
        print(f"INF-29 (EAA set), rubric {version}, {'held out' if held_out else 'tuning'}:")
        print(table({"INF-29": eaa_figures(version, held_out)}))
