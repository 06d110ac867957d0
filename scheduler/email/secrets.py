"""A persona's mailbox settings and the password its `password_ref` names."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from probes.email.smtp import MailboxSettings
from results.email_models import Persona


class EmailConfigError(Exception):
    """A persona's mailbox cannot be used as configured (message in Polish, no secrets)."""


def resolve_password(ref: str) -> str:
    """The password a persona's `password_ref` names: an environment variable, else a key of
    the secrets file named by AUDITOR_SECRETS_FILE (YAML or JSON mapping)."""
    if not ref:
        raise EmailConfigError("persona nie ma odwołania do hasła (password_ref)")
    if ref in os.environ:
        return os.environ[ref]
    path = os.environ.get("AUDITOR_SECRETS_FILE", "").strip()
    if path:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise EmailConfigError(
                f"nie można odczytać pliku sekretów {path}: {exc.strerror}"
            ) from None
        if isinstance(data, dict) and ref in data:
            return str(data[ref])
    raise EmailConfigError(
        f"nie znaleziono hasła {ref!r} ani w zmiennych środowiskowych, ani w pliku sekretów"
    )


# The persona's mailbox fields a MailboxSettings takes under the same names.
MAILBOX_FIELDS = (
    "smtp_host",
    "smtp_port",
    "smtp_tls",
    "imap_host",
    "imap_port",
    "imap_tls",
    "user",
)


def mailbox_settings(persona: Persona) -> MailboxSettings:
    server = {name: getattr(persona, name) for name in MAILBOX_FIELDS}
    return MailboxSettings(**server, password=resolve_password(persona.password_ref))
