"""Configuration read from the environment, in one place.

Every setting the organisers may change is an environment variable; defaults make the
auditor work on one machine with no configuration at all. The scheduler and results read
them here (`settings.AUDITOR`); probes, which must not import Django, read their own few
(see the README's settings table).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Probes read their own few settings without Django (D7); what they share with ours is
# taken from them, so the two never disagree.
from probes.netguard import TRUE_WORDS
from probes.website.artifact import ProbeSettings

# The public development key: good for tests and `AUDITOR_DEBUG=1`, never for a served UI
# (the web server refuses it, see auditor/web/security.py).
DEV_SECRET_KEY = "insecure-dev-key-change-me"
SECRET_KEY_FILE = "secret_key"


def env_flag(name: str, default: bool = False) -> bool:
    """A boolean environment variable ("1", "true", "yes", "on", "tak" are true)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str
    secret_key: str
    allow_private_networks: bool
    broker_url: str | None
    debug: bool
    https: bool
    behind_proxy: bool
    hsts_seconds: int
    login_failure_limit: int
    login_lockout_minutes: int
    import_max_bytes: int
    public_url: str
    import_max_rows: int
    # Sweeps (scheduler/): a run's lease, attempts, the coordinator's re-send interval.
    lease_seconds: int = 30
    max_attempts: int = 3
    resend_after_s: float = 120.0
    # The website probe a sweep runs (scheduler/probes.py): the probe's own defaults.
    max_pages: int = ProbeSettings.max_pages
    site_time_budget_s: float = ProbeSettings.time_budget_s
    # Dramatiq workers (scheduler/distributed.py).
    probe_time_limit_s: int = 600
    worker_heartbeat_ms: int = 15_000
    host_slot_ttl_s: int = 120
    # Retention (docs/ethics.md): appeal deadline = end of the window + this, when the edition
    # has none; clerks' personal data are removed this many months after the appeal deadline.
    appeal_period_days: int = 60
    retention_months: int = 12

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "auditor.sqlite3"


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def _secret_key(data_dir: Path) -> str:
    """AUDITOR_SECRET_KEY, else the key `auditor init` wrote into the data dir, else the
    development key (which the web server refuses outside debug)."""
    key = os.environ.get("AUDITOR_SECRET_KEY", "").strip()
    if key:
        return key
    try:
        key = (data_dir / SECRET_KEY_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        key = ""
    return key or DEV_SECRET_KEY


def load() -> Config:
    data_dir = Path(os.environ.get("AUDITOR_DATA_DIR", "./var")).expanduser().resolve()
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if not database_url:
        database_url = f"sqlite:///{data_dir / 'auditor.sqlite3'}"
    return Config(
        data_dir=data_dir,
        database_url=database_url,
        secret_key=_secret_key(data_dir),
        allow_private_networks=env_flag("AUDITOR_ALLOW_PRIVATE_NETWORKS"),
        broker_url=os.environ.get("AUDITOR_BROKER_URL") or None,
        debug=env_flag("AUDITOR_DEBUG"),
        https=env_flag("AUDITOR_HTTPS"),
        behind_proxy=env_flag("AUDITOR_BEHIND_PROXY"),
        hsts_seconds=_int("AUDITOR_HSTS_SECONDS", 31_536_000),
        login_failure_limit=_int("AUDITOR_LOGIN_FAILURE_LIMIT", 5),
        login_lockout_minutes=_int("AUDITOR_LOGIN_LOCKOUT_MINUTES", 15),
        import_max_bytes=_int("AUDITOR_IMPORT_MAX_BYTES", 50 * 1024 * 1024),
        public_url=os.environ.get("AUDITOR_PUBLIC_URL", "").strip().rstrip("/"),
        import_max_rows=_int("AUDITOR_IMPORT_MAX_ROWS", 100_000),
        lease_seconds=_int("AUDITOR_LEASE_SECONDS", 30),
        max_attempts=_int("AUDITOR_MAX_ATTEMPTS", 3),
        resend_after_s=_float("AUDITOR_RESEND_AFTER_S", 120.0),
        max_pages=_int("AUDITOR_MAX_PAGES", ProbeSettings.max_pages),
        site_time_budget_s=_float("AUDITOR_SITE_TIME_BUDGET_S", ProbeSettings.time_budget_s),
        probe_time_limit_s=_int("AUDITOR_PROBE_TIME_LIMIT_S", 600),
        worker_heartbeat_ms=_int("AUDITOR_WORKER_HEARTBEAT_MS", 15_000),
        host_slot_ttl_s=_int("AUDITOR_HOST_SLOT_TTL_S", 120),
        appeal_period_days=_int("AUDITOR_APPEAL_PERIOD_DAYS", 60),
        retention_months=_int("AUDITOR_RETENTION_MONTHS", 12),
    )
