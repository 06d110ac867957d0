"""The layering rule of docs/ARCHITECTURE: `results` (the record, scoring, publishing) never
imports the probes; the e-mail probe's runtime lives in scheduler/email/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


# Pure functions shared on purpose (no I/O, no probe runtime): the registry checks addresses
# with the crawler's own policy so that import and crawl agree; the failure catalogue
# (probes/failures.py, "every layer may import it") words failure kinds on pages and reports.
ALLOWED = {"probes.netguard", "probes.failures"}


def test_results_does_not_import_probes():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m
            for m in imported_modules(path)
            if (m == "probes" or m.startswith("probes.")) and m not in ALLOWED
        )
        for path in (ROOT / "results").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
