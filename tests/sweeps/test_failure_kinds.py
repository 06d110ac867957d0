"""One failure catalogue: the kind a probe raises is the kind the sweep page explains.

Before, the page matched Polish fragments of the raised messages, and two of them had
drifted: "zapytania nieprzyjęte" and "…zaplanować zapytań" got the generic text
(review aesthetics-2026-12, appendix B).
"""

import re
from pathlib import Path

import pytest

from auditor.web.run_errors import explain_error
from probes.failures import FAILURE_KINDS, OurFailure, explanation
from results.models import Edition, ProbeRun
from scheduler.execute import execute
from scheduler.executors import EXECUTORS
from scheduler.sweeps import create_sweep
from tests.factories import make_edition, make_participant

ROOT = Path(__file__).resolve().parents[2]
RAISED = re.compile(r"OurFailure\(\s*\"(\w+)\"")
THEIRS = re.compile(r"TheirFailure\(\s*\"(\w+)\"")


def _edition_with_one_participant() -> Edition:
    edition = make_edition(2027)
    make_participant(edition, host="gmina.test", name="Gmina", employees=10)
    return edition


def _sources():
    for package in ("probes", "scheduler"):
        yield from (ROOT / package).rglob("*.py")


def test_every_raised_kind_is_in_the_catalogue_with_its_owner():
    ours = {kind for path in _sources() for kind in RAISED.findall(path.read_text())}
    theirs = {kind for path in _sources() for kind in THEIRS.findall(path.read_text())}
    assert {"browser_crash", "enquiries_not_accepted", "enquiries_not_planned"} <= ours
    for kind in ours:
        assert FAILURE_KINDS[kind].ours, kind
    for kind in theirs:
        assert not FAILURE_KINDS[kind].ours, kind


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("kind", "detail", "expected"),
    [
        (
            "enquiries_not_accepted",
            "zapytania nieprzyjęte: 451 4.3.0 spróbuj później",
            "Nasz serwer poczty nie przyjął zapytania do wysłania.",
        ),
        (
            "enquiries_not_planned",
            "nie udało się zaplanować zapytań (brak aktywnej persony?)",
            "Nie udało się zaplanować zapytania e-mail.",
        ),
    ],
)
def test_the_explanation_follows_the_raised_kind(monkeypatch, kind, detail, expected):
    edition = _edition_with_one_participant()

    def failing(task, sink):
        raise OurFailure(kind, detail)

    monkeypatch.setitem(EXECUTORS, "email", failing)
    sweep, _ = create_sweep(edition, ["email"], key=f"kinds:{kind}")
    run = sweep.runs.get()
    execute(run.pk)
    run.refresh_from_db()
    assert run.error_kind == kind
    assert explain_error(run.error, run.error_kind) == expected
    # A row recorded before kinds were stored: the raised wording still finds its kind.
    assert explain_error(run.error) == expected


@pytest.mark.django_db(transaction=True)
def test_a_failure_retrying_cannot_mend_is_not_measured_at_once(monkeypatch):
    edition = _edition_with_one_participant()
    import scheduler.probes  # noqa: F401  (fills the registry, then one probe goes missing)

    monkeypatch.delitem(EXECUTORS, "website")
    sweep, _ = create_sweep(edition, ["website"], key="kinds:unknown")
    run = sweep.runs.get()
    assert execute(run.pk) == ProbeRun.Status.NOT_MEASURED
    run.refresh_from_db()
    assert run.attempts == 1 and run.error_kind == "unknown_probe"


def test_exceptions_and_legacy_texts_find_their_kind():
    assert explain_error("TimeoutError: page.goto: Timeout 30000ms exceeded") == explanation(
        "our_timeout"
    )
    assert explain_error("ConnectionResetError: [Errno 104]") == explanation("our_connection")
    assert explain_error("ValueError: x").startswith("Błąd po naszej stronie")
    assert explain_error("", "browser_crash") == explanation("browser_crash")
    assert explain_error("") == "Brak opisu błędu."
