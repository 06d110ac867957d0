"""Detection on whole saved home pages of real Polish public websites (third_party/real_sites/<host>/).

Each site is labelled by reading (labels.yaml: present or absent per criterion, with a
reason); a criterion "detects" a site when it gives any credit (pass or partial) — the same
question the label answers. Precision and recall per criterion must not fall below what was
measured (FLOORS), so a detector change that loses real pages fails here.
`python -m tests.rubrics_website.test_real_sites` prints the table.
"""

from __future__ import annotations

from functools import cache

from rubrics.outcome import FAIL, NOT_APPLICABLE, NOT_MEASURED
from rubrics.website.site import clear_cache
from tests.rubrics_website.real_pages import (
    figures,
    judge,
    label,
    site_artifact,
    sites,
    table,
)

CRITERIA = ["INF-05", "INF-07", "INF-10", "INF-22", "INF-23", "INF-24", "INF-25", "INF-26",
            "INF-27", "INF-28", "INF-29", "INF-30"]  # fmt: skip

# (precision, recall) measured on each set with the default rubric (2027.6, 5 December 2026; the
# figures of 2027.5 where they differ). Where a set has no positive for a
# criterion (pages saved in 2019, before the duty) the floor is the most false positives allowed.
FLOORS: dict[str, dict[str, tuple[float, float] | int]] = {
    "tuned": {
        "INF-05": (1.0, 1.0),
        "INF-07": 0,
        "INF-10": 0,
        "INF-22": (1.0, 1.0),
        "INF-23": 0,
        "INF-24": (1.0, 1.0),
        "INF-25": (1.0, 0.87),
        "INF-26": 0,  # 1 with rubric 2027.5 (powiat.turek.pl's menu link)
        "INF-27": 0,
        "INF-28": (1.0, 1.0),  # 0.95 with rubric 2027.5 ("Uchwały RIO")
        "INF-29": 0,
        "INF-30": (1.0, 0.5),
    },
    "held_out": {
        "INF-05": 0,
        "INF-07": 0,
        "INF-10": 0,
        "INF-22": (1.0, 0.88),  # 0.77 with rubric 2027.5
        "INF-23": 0,
        "INF-24": 0,
        "INF-25": (1.0, 1.0),  # 0.71 with rubric 2027.5
        "INF-26": 0,
        "INF-27": 0,
        "INF-28": (1.0, 1.0),
        "INF-29": 0,
        "INF-30": 0,
    },
}


def tuned() -> list[dict]:
    return [e for e in sites() if not e.get("held_out")]


def held_out() -> list[dict]:
    return [e for e in sites() if e.get("held_out")]


@cache
def _detections(site_name: str) -> dict[str, bool]:
    """Every criterion on one saved site, the page parsed once."""
    entry = next(e for e in sites() if e["site"] == site_name)
    art = site_artifact(entry)
    out = {}
    for cid in CRITERIA:
        result = judge(cid, art, entry, keep_cache=True)
        out[cid] = result.status not in (FAIL, NOT_MEASURED, NOT_APPLICABLE)
    clear_cache()
    return out


def detected(criterion_id: str, entry: dict) -> bool:
    return _detections(entry["site"])[criterion_id]


def test_at_least_ten_real_sites_per_criterion():
    for cid in CRITERIA:
        labelled = [e for e in tuned() if label(e, cid) is not None]
        assert len(labelled) >= 10, (cid, len(labelled))


def test_every_label_has_a_reason_and_a_source():
    for entry in sites():
        assert entry["source"]["repo"] and len(entry["source"]["commit"]) == 40, entry["site"]
        for cid, value in entry["labels"].items():
            assert isinstance(value["present"], bool) and value["reason"].strip(), (
                entry["site"],
                cid,
            )


def check_floors(figs: dict[str, dict], floors: dict) -> None:
    for cid, f in figs.items():
        floor = floors[cid]
        if isinstance(floor, int):
            assert f["tp"] + f["fn"] == 0 and f["fp"] <= floor, (cid, f)
            continue
        precision, recall = floor
        assert f["precision"] is not None and f["precision"] >= precision, (cid, f)
        assert f["recall"] is not None and f["recall"] >= recall, (cid, f)


def test_precision_and_recall_on_real_sites():
    figs = figures(tuned(), CRITERIA, detected)
    print("\n" + table(figs))
    check_floors(figs, FLOORS["tuned"])


def test_precision_and_recall_on_held_out_sites():
    """Sites labelled after the detectors were corrected: the honest figure for unseen sites."""
    assert len(held_out()) >= 10
    figs = figures(held_out(), CRITERIA, detected)
    print("\n" + table(figs))
    check_floors(figs, FLOORS["held_out"])


# Rubric 2027.6 sets param `real_wording` (INF-22 "Sesje … - nagrania", INF-25 "Udostępnianie
# informacji publicznej", INF-26 a menu link "Dla osób niesłyszących" is no contact, INF-28 not
# "Uchwały RIO", INF-29 only the provider's own EAA information, INF-30 "posługujące się
# językiem migowym … zgłoszenie"); 2027.5 does not. On all
# 52 sites the newer rubric must be at least as good on both figures, and as measured.
WORDING = ("INF-22", "INF-25", "INF-26", "INF-28", "INF-29", "INF-30")
REAL_WORDING = {  # 2027.6 on all 52 sites (5 December 2026): (precision, recall) or most FPs
    "INF-22": (1.0, 0.96),
    "INF-25": (1.0, 0.93),
    "INF-26": 0,
    "INF-28": (1.0, 1.0),
    "INF-29": 0,  # no positive in 2019; its figures are on the EAA excerpts (test_real_pages)
    "INF-30": (1.0, 1.0),
}


def version_figures(version: str) -> dict[str, dict]:
    def by_version(criterion_id: str, entry: dict) -> bool:
        result = judge(criterion_id, site_artifact(entry), entry, version=version)
        return result.status not in (FAIL, NOT_MEASURED, NOT_APPLICABLE)

    return figures(sites(), WORDING, by_version)


def test_rubric_2027_6_wording_on_all_sites():
    before, after = version_figures("2027.5"), version_figures("2027.6")
    check_floors(after, REAL_WORDING)
    for cid in WORDING:
        assert after[cid]["fp"] <= before[cid]["fp"], (cid, before[cid], after[cid])
        assert after[cid]["fn"] <= before[cid]["fn"], (cid, before[cid], after[cid])


if __name__ == "__main__":
    print("tuning set (sites the detectors were corrected on):")
    print(table(figures(tuned(), CRITERIA, detected)))
    print("held out (labelled after the corrections, never used to change a detector):")
    print(table(figures(held_out(), CRITERIA, detected)))
    print("all sites:")
    print(table(figures(sites(), CRITERIA, detected)))
    for version in ("2027.5", "2027.6"):
        print(f"all sites, rubric {version} ({', '.join(WORDING)}):")
        print(table(version_figures(version)))
