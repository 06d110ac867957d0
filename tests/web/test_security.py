"""The web interface's defences: login throttling per account and per address (kept in the
database), its audit-log entries, the refusal of the development key, HSTS and the HTTPS
redirect."""

import dataclasses
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from auditor.config import DEV_SECRET_KEY
from auditor.web.security import LOCKOUT_ACTION, refuse_development_key
from results.models import AuditLogEntry

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _try(client, username, password, addr="203.0.113.7", path=None, forwarded_for=None):
    """One login attempt from `addr` (behind a proxy, for `forwarded_for`)."""
    proxy = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(
        path or reverse("web:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=addr,
        **proxy,
    )


def test_an_account_is_locked_after_repeated_failures_even_with_the_right_password(
    client, settings
):
    make_user("ola", "organiser")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _try(client, "ola", "zle-haslo").status_code == 200  # the form again
    assert _try(client, "ola", "zle-haslo").status_code == 429  # the N-th failure locks
    locked = _try(client, "ola", PASSWORD)
    assert locked.status_code == 429
    assert "Logowanie wstrzymane" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address does not unlock the account either.
    assert _try(client, "ola", PASSWORD, addr="198.51.100.9").status_code == 429


def test_an_address_is_locked_whatever_account_it_tries(client, settings):
    make_user("jan", "juror")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, f"nieznany{n}", "zle-haslo", addr="192.0.2.50")
    assert _try(client, "jan", PASSWORD, addr="192.0.2.50").status_code == 429
    # The account itself is fine from elsewhere.
    assert _try(client, "jan", PASSWORD, addr="192.0.2.51").status_code == 302


def test_the_admin_login_is_throttled_too(client, settings):
    make_user("ola", "organiser")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "ola", "zle-haslo", path="/admin/login/")
    assert _try(client, "ola", PASSWORD, path="/admin/login/").status_code == 429


def test_a_lockout_and_its_end_are_in_the_audit_log_once(client, settings):
    make_user("ola", "organiser")
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        _try(client, "ola", "zle-haslo")
    entries = AuditLogEntry.objects.filter(action=LOCKOUT_ACTION)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_id == "ola" and entry.details["ip"] == "203.0.113.7"
    minutes = (datetime.fromisoformat(entry.details["until"]) - entry.at).total_seconds() / 60
    assert abs(minutes - settings.AXES_COOLOFF_TIME.total_seconds() / 60) < 1


def test_a_successful_login_resets_the_count(client, settings):
    make_user("ola", "organiser")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "ola", "zle-haslo")
    assert _try(client, "ola", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "ola", "zle-haslo")
    assert _try(client, "ola", PASSWORD).status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_counted(client, settings):
    settings.AUDITOR = dataclasses.replace(settings.AUDITOR, behind_proxy=True)
    make_user("jan", "juror")
    proxy = "10.0.0.2"
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, f"x{n}", "zle", addr=proxy, forwarded_for="192.0.2.99")
    blocked = _try(client, "jan", PASSWORD, addr=proxy, forwarded_for="192.0.2.99")
    assert blocked.status_code == 429
    other = _try(client, "jan", PASSWORD, addr=proxy, forwarded_for="192.0.2.100")
    assert other.status_code == 302


def test_the_development_key_is_refused_outside_debug(settings):
    settings.SECRET_KEY = DEV_SECRET_KEY
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match="AUDITOR_SECRET_KEY"):
        refuse_development_key()
    settings.DEBUG = True
    refuse_development_key()
    settings.DEBUG = False
    settings.SECRET_KEY = "a-real-key-" + "x" * 40
    refuse_development_key()


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env.pop("DATABASE_URL", None)
    env.update({"AUDITOR_DATA_DIR": str(tmp_path / "data"), **extra})
    return env


@pytest.mark.slow
def test_wsgi_and_runserver_refuse_the_development_key_until_init_writes_one(tmp_path):
    env = _env(tmp_path)

    def run(*command, timeout=None):
        return subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )

    wsgi = run(sys.executable, "-c", "import auditor.wsgi")
    assert wsgi.returncode != 0 and "kluczem deweloperskim" in wsgi.stderr
    auditor = str(Path(sys.executable).with_name("auditor"))
    server = run(auditor, "runserver", "127.0.0.1:0", "--noreload", timeout=60)
    assert server.returncode != 0 and "kluczem deweloperskim" in server.stderr
    assert "Traceback" not in server.stderr
    init = run(auditor, "init")
    assert init.returncode == 0, init.stderr
    key = tmp_path / "data" / "secret_key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_text().strip()) >= 50
    wsgi = run(sys.executable, "-c", "import auditor.wsgi")
    assert wsgi.returncode == 0, wsgi.stderr


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31_536_000)
def test_https_mode_redirects_plain_http_and_sends_hsts(client):
    plain = client.get(reverse("web:login"))
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get(reverse("web:login"), secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.slow
def test_https_setting_turns_on_hsts_redirect_and_proxy_header(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    base = [sys.executable, "-c", "import django; django.setup();" + code]

    def settings_with(**extra):
        env = _env(tmp_path, DJANGO_SETTINGS_MODULE="auditor.settings", **extra)
        out = subprocess.run(base, cwd=ROOT, env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    assert settings_with() == "False 0 False None"
    assert settings_with(AUDITOR_HTTPS="1") == "True 31536000 True None"
    assert (
        settings_with(AUDITOR_HTTPS="1", AUDITOR_BEHIND_PROXY="1")
        == "True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )
