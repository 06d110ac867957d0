"""The squashed `results` migration (issue 14): a database that applied the 23 old migrations
takes it as applied, a new one is built by it, and the schema needs no further migration."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from results.migrations import __path__ as migrations_path

ROOT = Path(__file__).resolve().parents[1]
AUDITOR = str(Path(sys.executable).with_name("auditor"))
SQUASHED = "0001_squashed_0023"

pytestmark = pytest.mark.slow


def _auditor(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["AUDITOR_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [AUDITOR, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done


def _replaced() -> list[str]:
    from importlib import import_module

    migration = import_module(f"results.migrations.{SQUASHED}").Migration
    return [name for app, name in migration.replaces if app == "results"]


def test_the_squash_replaces_every_old_migration():
    replaced = _replaced()
    assert len(replaced) == 24  # 0001–0023 with the two 0010s and their merge
    assert replaced[0] == "0001_initial" and replaced[-1] == "0023_sweep_start_cancel_actions"
    on_disk = {p.stem for p in Path(migrations_path[0]).glob("0*.py")}
    assert not on_disk & set(replaced), "the squashed files must be gone"


def test_a_database_at_the_old_0023_takes_the_squash_as_applied(tmp_path):
    _auditor(tmp_path, "migrate", "-v0")
    db = sqlite3.connect(tmp_path / "auditor.sqlite3")
    # As an installation of 2d19a19 leaves it: the old names recorded, not the squash.
    db.execute("DELETE FROM django_migrations WHERE app='results' AND name=?", (SQUASHED,))
    db.executemany(
        "INSERT INTO django_migrations (app, name, applied) VALUES ('results', ?, '2026-12-01')",
        [(name,) for name in _replaced()],
    )
    db.commit()
    assert "No migrations to apply" in _auditor(tmp_path, "migrate").stdout
    assert f"[X] {SQUASHED}" in _auditor(tmp_path, "showmigrations", "results").stdout
    roles = {r[0] for r in db.execute("SELECT name FROM auth_group")}
    assert roles == {"organiser", "juror", "observer", "expert"}


def test_models_and_migrations_agree(tmp_path):
    _auditor(tmp_path, "makemigrations", "--check", "--dry-run")
