"""Real Polish public web pages labelled by reading: one loader over the data files.

- `third_party/real_sites/excerpts.yaml`: text excerpts of 22 real pages (gminas' BIP and sites: deaf
  contact, e-Doręczenia, BIP metryczka), source URL on each (see the file's header);
- `third_party/real_sites/<host>/index.html` + `labels.yaml`: whole saved home pages of real Polish
  public websites (gminy, powiaty, urzędy, spółki komunalne, spółdzielnie mieszkaniowe),
  scripts and styles dropped; where each came from is in `labels.yaml` and `SOURCES.md`.

Each label is `{present: bool, reason: "one line"}` per criterion: what a juror reading the
page finds (at least one of the elements the criterion credits).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import yaml

import rubrics.website  # noqa: F401
from rubrics.registry import CRITERIA
from rubrics.rubric import default_version, load_rubric
from rubrics.website.site import clear_cache
from tests.rubrics_website.factory import artifact, evidence, page

DATA = Path(__file__).parent / "third_party" / "real_sites"

# The measured rubric: the default for edition 2027, so the figures are what a participant gets.
VERSION = default_version(2027)


@cache
def rubric_params(version: str) -> dict[str, dict[str, Any]]:
    """Each criterion's params as rubric `version` sets them."""
    return {c.id: dict(c.params) for c in load_rubric(version).criteria}


@cache
def excerpts() -> tuple[dict, ...]:
    return tuple(yaml.safe_load((DATA / "excerpts.yaml").read_text(encoding="utf-8")))


REAL_PAGES: list[dict] = [e for e in excerpts() if not e["held_out"] and not e.get("recent")]
HELD_OUT: list[dict] = [e for e in excerpts() if e["held_out"] and not e.get("recent")]
# Pages of 2020–2026 gathered for the criteria whose duties are recent (issue 17 gap).
RECENT: list[dict] = [e for e in excerpts() if e.get("recent")]


@cache
def sites() -> tuple[dict, ...]:
    """Every saved site: its labels.yaml with `html` (the saved page) added."""
    out = []
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
        entry = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
        entry["html"] = (folder / "index.html").read_text(encoding="utf-8")
        entry["site"] = folder.name
        out.append(entry)
    return tuple(out)


def excerpt_artifact(entry: dict) -> dict:
    html = f"<html lang='pl'><body><main><p>{escape(entry['text'])}</p></main></body></html>"
    return artifact([page(entry["url"], html, depth=0, path=[entry["url"]])])


def site_artifact(entry: dict) -> dict:
    url = entry["url"]
    return artifact([page(url, entry["html"], depth=0, path=[url], on_bip=entry["on_bip"])])


def judge(
    criterion_id: str,
    art: dict,
    entry: dict,
    now: datetime | None = None,
    keep_cache: bool = False,
    version: str = VERSION,
) -> Any:
    """The criterion's result on the artifact, as rubric `version` (the default) computes it."""
    when = now or datetime.combine(
        date.fromisoformat(str(entry.get("gathered", "2027-03-15"))), datetime.min.time(), UTC
    )
    ctx = {
        "kind": entry.get("kind", "gmina_wiejska"),
        "group": entry.get("group", "J"),
        "now": when,
        "params": rubric_params(version).get(criterion_id, {}),
    }
    try:
        return CRITERIA[criterion_id](evidence(art), ctx)
    finally:
        if not keep_cache:
            clear_cache()


def label(entry: dict, criterion_id: str) -> bool | None:
    value = entry["labels"].get(criterion_id)
    if isinstance(value, dict):
        return value["present"]
    return value


def figures(entries, criteria, predict) -> dict[str, dict]:
    """Precision and recall per criterion: `predict(criterion_id, entry) -> bool`."""
    out: dict[str, dict] = {}
    for cid in criteria:
        tp = fp = fn = tn = 0
        for entry in entries:
            truth = label(entry, cid)
            if truth is None:
                continue
            guess = predict(cid, entry)
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


def table(figs: dict[str, dict]) -> str:
    def num(x):
        return "—" if x is None else f"{x:.2f}"

    rows = ["criterion  pages  TP  FP  FN  TN  precision  recall"]
    for cid, f in figs.items():
        rows.append(
            f"{cid:<10} {f['pages']:>5} {f['tp']:>3} {f['fp']:>3} {f['fn']:>3} {f['tn']:>3}"
            f"  {num(f['precision']):>9}  {num(f['recall']):>6}"
        )
    return "\n".join(rows)
