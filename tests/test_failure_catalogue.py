"""Every OurFailure raised in the code names a kind of the one catalogue, with a detail:
a kind not in FAILURE_KINDS, or a call with the detail alone, would reach the organiser as
the generic "our error" (or crash the executor with a TypeError)."""

from __future__ import annotations

import ast
from pathlib import Path

from probes.failures import FAILURE_KINDS

ROOT = Path(__file__).resolve().parent.parent


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for package in ("probes", "scheduler", "results", "auditor", "rubrics"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "OurFailure"
                ):
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def test_every_our_failure_names_a_catalogued_kind_and_a_detail():
    calls = _calls()
    assert len(calls) >= 8
    wrong = []
    for where, call in calls:
        if len(call.args) + len(call.keywords) != 2:
            wrong.append(f"{where}: {len(call.args)} arguments")
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and first.value not in FAILURE_KINDS:
            wrong.append(f"{where}: kind {first.value!r} not in FAILURE_KINDS")
    assert wrong == []


def test_every_kind_of_ours_is_explained_and_ours():
    assert FAILURE_KINDS["our_ipv6_route"].ours and not FAILURE_KINDS["our_ipv6_route"].retry
    assert all(kind.explanation.endswith(".") for kind in FAILURE_KINDS.values())
