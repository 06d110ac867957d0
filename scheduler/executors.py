"""The probes a sweep can run, by name, behind one small contract.

An executor is a plain function `(task, sink) -> ProbeOutcome`. It gathers evidence and
returns the artifact; it never scores. Raising an exception means *our* failure (browser
crash, our network; `probes.failures.OurFailure(kind, detail)` names which): the run is
retried and, after its last attempt, reported as not measured. A participant's failure (site
down, address bouncing) is not an exception: it is evidence, returned with outcome
"site_failure" or similar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from probes.evidence import BlobSink
from probes.failures import NOT_MEASURED, OurFailure


@dataclass(frozen=True)
class ProbeTask:
    run_id: int
    probe: str
    attempt: int
    participant: dict[str, Any]  # id, name, kind, website, emails, region, employees
    edition: dict[str, Any]  # year, window_start, window_end, respect_robots, rubric_version
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProbeOutcome:
    artifact: dict[str, Any]
    # probes.failures.OK, SITE_FAILURE (theirs, scored) or NOT_MEASURED (ours, retried)
    outcome: str

    @property
    def ours_failed(self) -> bool:
        return self.outcome == NOT_MEASURED


Executor = Callable[[ProbeTask, BlobSink], ProbeOutcome]

EXECUTORS: dict[str, Executor] = {}


def register(probe: str) -> Callable[[Executor], Executor]:
    def decorator(fn: Executor) -> Executor:
        EXECUTORS[probe] = fn
        return fn

    return decorator


def executor_for(probe: str) -> Executor:
    if not EXECUTORS:
        import scheduler.probes  # noqa: F401  (registers the real probes)
    try:
        return EXECUTORS[probe]
    except KeyError as exc:
        raise OurFailure("unknown_probe", f"nieznana sonda {probe!r}") from exc
