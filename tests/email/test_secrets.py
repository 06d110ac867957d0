"""A persona's password comes from the environment or the secrets file, never the database."""

import pytest

from probes.email.smtp import MailboxSettings
from scheduler.email.secrets import EmailConfigError, resolve_password


def test_environment_first_then_secrets_file(tmp_path, monkeypatch):
    secrets = tmp_path / "sekrety.yaml"
    secrets.write_text("PERSONA_ANNA: z-pliku\nPERSONA_PIOTR: 'tylko-w-pliku'\n", encoding="utf-8")
    monkeypatch.setenv("AUDITOR_SECRETS_FILE", str(secrets))
    monkeypatch.setenv("PERSONA_ANNA", "ze-srodowiska")
    assert resolve_password("PERSONA_ANNA") == "ze-srodowiska"
    assert resolve_password("PERSONA_PIOTR") == "tylko-w-pliku"


def test_missing_password_is_an_error_naming_only_the_reference(tmp_path, monkeypatch):
    secrets = tmp_path / "sekrety.json"
    secrets.write_text('{"INNA": "tajne-haslo"}', encoding="utf-8")
    monkeypatch.setenv("AUDITOR_SECRETS_FILE", str(secrets))
    with pytest.raises(EmailConfigError) as err:
        resolve_password("PERSONA_BRAK")
    assert "PERSONA_BRAK" in str(err.value) and "tajne-haslo" not in str(err.value)


def test_settings_never_show_the_password():
    s = MailboxSettings(
        "smtp.example.pl", 587, "starttls", "imap.example.pl", 993, "ssl", "anna", "tajne-haslo"
    )
    assert "tajne-haslo" not in repr(s) and "tajne-haslo" not in str(s)
