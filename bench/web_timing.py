"""What the web benchmarks (webui.py, sweep_page.py) share: a fresh SQLite world in a temporary
data folder, an edition with bulk participants, users with a role, and timing one page
through Django's full stack in-process (server time, no network)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_world(prefix: str, participants: int):
    """Set Django up on a new SQLite database in a temporary folder, migrate, and create the
    2027 edition (March–April) with `participants` bulk participants.

    Returns (data folder, edition, participants)."""
    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["AUDITOR_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("AUDITOR_BROKER_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime

    from django.core.management import call_command

    from auditor.web.demo_evidence import create_bulk_participants
    from tests.factories import make_edition

    call_command("migrate", interactive=False, verbosity=0)
    edition = make_edition(2027, end=datetime.date(2027, 4, 30))
    return data_dir, edition, create_bulk_participants(participants, edition)


def user_with_role(username: str, role: str):
    from tests.factories import make_user

    return make_user(username, role, password=None)  # logged in with force_login


def fast_passwords():
    """Cheap password hashing while logging benchmark users in."""
    from django.test.utils import override_settings

    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


def header(width: int) -> str:
    return f"{'strona':{width}} {'pierwsze':>9} {'mediana':>9} {'p95':>9} {'zapytań':>8}"


def time_page(client, url: str, repeat: int, label: str, width: int) -> str:
    """GET `url` once cold, `repeat` times warm, once counting queries; the table row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t0 = time.perf_counter()
    assert client.get(url).status_code == 200, url  # cold: templates, caches
    first = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return (
        f"{label:{width}} {first:6.1f} ms {statistics.median(times):6.1f} ms {p95:6.1f} ms "
        f"{len(queries.captured_queries):8d}"
    )
