"""Detection on whole saved home pages of real Polish public websites (real_sites/<host>/).

Each site is labelled by reading (labels.yaml: present or absent per criterion, with a
reason); a criterion "detects" a site when it gives any credit (pass or partial) — the same
question the label answers. Precision and recall per criterion must not fall below what was
measured (FLOORS), so a detector change that loses real pages fails here.
`python -m tests.rubrics_website.test_real_sites` prints the table.
"""

from __future__ import annotations

from rubrics.outcome import FAIL, NOT_APPLICABLE, NOT_MEASURED
from tests.rubrics_website.real_pages import figures, judge, label, site_artifact, sites, table

CRITERIA = ["INF-05", "INF-07", "INF-10", "INF-22", "INF-23", "INF-24", "INF-25", "INF-26",
            "INF-27", "INF-28", "INF-29"]  # fmt: skip

# (precision, recall) measured on the set. Where the set has no positive for a criterion
# (pages saved in 2019, before the duty) the floor is the most false positives allowed.
FLOORS: dict[str, tuple[float, float] | int] = {
    "INF-05": (1.0, 1.0),
    "INF-07": 0,
    "INF-10": 0,
    "INF-22": (1.0, 0.84),
    "INF-23": 0,
    "INF-24": (1.0, 0.7),
    "INF-25": (0.75, 0.85),
    "INF-26": 1,
    "INF-27": 2,
    "INF-28": (0.95, 1.0),
    "INF-29": 0,
}


def detected(criterion_id: str, entry: dict) -> bool:
    result = judge(criterion_id, site_artifact(entry), entry)
    return result.status not in (FAIL, NOT_MEASURED, NOT_APPLICABLE)


def test_at_least_ten_real_sites_per_criterion():
    for cid in CRITERIA:
        labelled = [e for e in sites() if label(e, cid) is not None]
        assert len(labelled) >= 10, (cid, len(labelled))


def test_every_label_has_a_reason_and_a_source():
    for entry in sites():
        assert entry["source"]["repo"] and len(entry["source"]["commit"]) == 40, entry["site"]
        for cid, value in entry["labels"].items():
            assert isinstance(value["present"], bool) and value["reason"].strip(), (
                entry["site"],
                cid,
            )


def test_precision_and_recall_on_real_sites():
    figs = figures(sites(), CRITERIA, detected)
    print("\n" + table(figs))
    for cid, f in figs.items():
        floor = FLOORS[cid]
        if isinstance(floor, int):
            assert f["tp"] + f["fn"] == 0 and f["fp"] <= floor, (cid, f)
            continue
        precision, recall = floor
        assert f["precision"] is not None and f["precision"] >= precision, (cid, f)
        assert f["recall"] is not None and f["recall"] >= recall, (cid, f)


if __name__ == "__main__":
    print(table(figures(sites(), CRITERIA, detected)))
