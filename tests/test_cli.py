"""The command line for people (issue 20): the auditor's commands first, Django's internals
apart, commands that erase data guarded, help and errors in Polish, no traceback when no
terminal is there, `--edition` defaulting to the only edition."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AUDITOR = str(Path(sys.executable).with_name("auditor"))

pytestmark = pytest.mark.slow


@pytest.fixture
def run(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["AUDITOR_DATA_DIR"] = str(tmp_path / "data")
    env.pop("AUDITOR_CONFIRM_DANGEROUS", None)

    def _run(*args, stdin=subprocess.DEVNULL):
        done = subprocess.run(
            [AUDITOR, *args],
            cwd=ROOT,
            env=env,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "Traceback" not in done.stderr, (args, done.stderr)
        return done

    assert _run("init").returncode == 0
    return _run


def test_help_lists_the_auditors_commands_first_and_django_apart(run):
    for args in ((), ("help",), ("--help",)):
        out = run(*args).stdout
        own = out.index("Polecenia audytora:")
        django = out.index("Polecenia wewnętrzne Django")
        assert own < out.index("participants") < django
        assert out.index("flush") < django  # among the guarded ones, not the internals
        assert "rejestr uczestników" in out and "migrate" in out[django:]


def test_every_command_help_is_polish_without_traceback(run):
    from tests.test_cli_words import ENGLISH_HELP_WORDS

    out = run("help").stdout
    section = out[out.index("Polecenia audytora:") : out.index("Polecenia usuwające")]
    names = [line.split()[0] for line in section.splitlines()[1:] if line.strip()]
    assert len(names) >= 15
    for name in names:
        done = run("help", name)
        assert done.returncode == 0, (name, done.stderr)
        text = done.stdout
        assert "użycie:" in text and "opcje" in text, name
        for word in ENGLISH_HELP_WORDS:
            assert word not in text, (name, word)


def test_flush_is_refused_without_a_person_to_confirm(run):
    run("edition", "create", "--year", "2027")
    done = run("flush", "--no-input")
    assert done.returncode == 2 and "niczego nie zmieniono" in done.stderr
    assert "2027" in run("edition", "list").stdout  # still there


def test_creating_a_user_without_a_terminal_explains_itself(run):
    done = run("users", "create", "--role", "juror", "jan")
    assert done.returncode == 2
    assert "--password-env" in done.stderr and done.stderr.startswith("Błąd:")


def test_argparse_errors_are_polish(run):
    done = run("users", "create", "--role", "jurror", "jan")
    assert done.returncode == 2
    assert "nieprawidłowy wybór" in done.stderr and "invalid choice" not in done.stderr
    missing = run("export", "ranking")
    assert "brakuje wymaganych argumentów: --format" in missing.stderr


def test_edition_defaults_to_the_only_one_and_asks_when_ambiguous(run):
    assert run("rescore").returncode == 2  # no edition yet: a clear error
    run("edition", "create", "--year", "2027")
    assert "Nie ma jeszcze" not in run("rescore").stderr
    run("edition", "create", "--year", "2031", "--start", "2031-03-01", "--end", "2031-04-30")
    ambiguous = run("ranking")
    assert ambiguous.returncode == 2 and "Podaj --edition" in ambiguous.stderr
    assert "2027, 2031" in ambiguous.stderr
