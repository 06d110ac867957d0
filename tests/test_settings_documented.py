"""Every setting is said once: read in auditor/config.py (the probes may read their own) and
documented in the README's settings table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIABLE = re.compile(r"\bAUDITOR_[A-Z][A-Z0-9_]*[A-Z0-9]\b")
ENV_READ = re.compile(r"os\.environ(?:\.get)?[\[(]\s*\"(AUDITOR_[A-Z0-9_]+)\"")


def _python(*packages):
    for package in packages:
        yield from (ROOT / package).rglob("*.py")


def test_scheduler_and_results_read_no_environment_of_their_own():
    reads = {
        str(path.relative_to(ROOT)): ENV_READ.findall(path.read_text(encoding="utf-8"))
        for path in _python("results", "scheduler")
    }
    # The e-mail secrets and the number of enquiries are read where they are used, on
    # purpose: a wrong value is a Polish error at that moment, not at start.
    allowed = {"AUDITOR_SECRETS_FILE", "AUDITOR_ENQUIRIES_PER_PARTICIPANT"}
    assert {k: set(v) - allowed for k, v in reads.items() if set(v) - allowed} == {}


def test_every_variable_read_is_in_the_readme_table():
    table = {
        m.group(1)
        for m in re.finditer(r"^\| `(AUDITOR_[A-Z0-9_]+)`", (ROOT / "README.md").read_text(), re.M)
    }
    read = set()
    for path in _python("auditor", "probes", "results", "scheduler"):
        read |= set(ENV_READ.findall(path.read_text(encoding="utf-8")))
    assert read - table == set()
