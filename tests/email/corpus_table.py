"""Confusion table of `auditor email classify --json` on the labelled corpus of real messages.

    .venv/bin/python -m tests.email.corpus_table

runs the real command on every file of tests/email/corpus/ (labels: labels.csv, read by a
person; sources and licences: each folder's SOURCES.md) and prints the table and the figures
the tests assert (tests/email/test_corpus.py).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[2]
LABELS = ("human_reply", "auto_reply", "bounce_failed", "bounce_delayed", "read_receipt", "other")


@dataclass
class Result:
    rows: list[dict]  # label rows with "got" and the command's JSON object ("json")
    raw_output: bytes

    @property
    def confusion(self) -> Counter:
        return Counter((r["label"], r["got"]) for r in self.rows)

    @property
    def accuracy(self) -> float:
        return sum(r["label"] == r["got"] for r in self.rows) / len(self.rows)

    @property
    def non_human(self) -> int:
        return sum(r["label"] != "human_reply" for r in self.rows)

    @property
    def taken_for_human(self) -> list[dict]:
        return [r for r in self.rows if r["label"] != "human_reply" and r["got"] == "human_reply"]

    @property
    def human_missed(self) -> list[dict]:
        return [r for r in self.rows if r["label"] == "human_reply" and r["got"] != "human_reply"]

    def table(self) -> str:
        width = max(len(x) for x in LABELS) + 2
        lines = ["label \\ classify".ljust(width + 4) + "".join(x[:13].rjust(15) for x in LABELS)]
        confusion = self.confusion
        for label in LABELS:
            counts = "".join(str(confusion[(label, g)]).rjust(15) for g in LABELS)
            lines.append(label.ljust(width + 4) + counts)
        lines.append(
            f"accuracy {self.accuracy:.4f} ({sum(r['label'] == r['got'] for r in self.rows)}"
            f"/{len(self.rows)}); non-human taken for human {len(self.taken_for_human)}"
            f"/{self.non_human} ({len(self.taken_for_human) / self.non_human:.4f}); "
            f"human replies missed {len(self.human_missed)}"
        )
        return "\n".join(lines)


def labels() -> list[dict]:
    with open(CORPUS / "labels.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def outcome(row: dict) -> str:
    if row["kind"] == "bounce":
        return f"bounce_{row['bounce']['action']}"
    return row["kind"]


def run() -> Result:
    rows = labels()
    files = [str(CORPUS / r["source"] / r["file"]) for r in rows]
    done = subprocess.run(
        [str(Path(sys.executable).parent / "auditor"), "email", "classify", "--json", *files],
        capture_output=True,
        cwd=ROOT,
        timeout=900,
    )
    by_file = {}
    for line in done.stdout.decode("utf-8").splitlines():
        obj = json.loads(line)
        by_file[obj["file"]] = obj
    for row, name in zip(rows, files, strict=True):
        row["json"] = by_file.get(name, {"error": "no output"})
        row["got"] = outcome(row["json"]) if "kind" in row["json"] else "error"
    return Result(rows, done.stdout)


if __name__ == "__main__":
    result = run()
    print(result.table())
    for r in result.rows:
        if r["label"] != r["got"]:
            print(
                f"  {r['source']}/{r['file']}: {r['label']} -> {r['got']} ({r['json'].get('reason')})"
            )
