"""Database helpers shared by the commands."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


def ensure_database(verbosity: int = 0) -> None:
    """Create or migrate the database if needed (what `auditor init` does), quietly."""
    from django.conf import settings
    from django.core.management import call_command

    settings.AUDITOR.data_dir.mkdir(parents=True, exist_ok=True)
    if pending_migrations():
        call_command("migrate", interactive=False, verbosity=verbosity)
