"""Configuration read from the environment, in one place.

Every setting the organisers may change is an environment variable; defaults make the
auditor work on one machine with no configuration at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on", "tak"}


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

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "auditor.sqlite3"


def load() -> Config:
    data_dir = Path(os.environ.get("AUDITOR_DATA_DIR", "./var")).expanduser().resolve()
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if not database_url:
        database_url = f"sqlite:///{data_dir / 'auditor.sqlite3'}"
    return Config(
        data_dir=data_dir,
        database_url=database_url,
        # An insecure default is fine for a laptop demo; production sets its own.
        secret_key=os.environ.get("AUDITOR_SECRET_KEY", "insecure-dev-key-change-me"),
        allow_private_networks=env_flag("AUDITOR_ALLOW_PRIVATE_NETWORKS"),
        broker_url=os.environ.get("AUDITOR_BROKER_URL") or None,
        debug=env_flag("AUDITOR_DEBUG"),
    )
