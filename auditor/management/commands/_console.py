"""What the commands share at the terminal: the arguments every command spells the same way,
JSON on stdout, rich tables, and who runs the command."""

from __future__ import annotations

import getpass
import json
import os
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from auditor.management.commands._results_common import EDITION_HELP
from results.db import ensure_database

JSON_HELP = "Wynik jako jeden obiekt JSON."
PARTICIPANT_HELP = "ID uczestnika lub klucz tożsamości."


def subcommands(parser):
    """The command's subcommands (`auditor appeal add|decide|list`); the chosen one arrives in
    `handle` as `action`."""
    return parser.add_subparsers(dest="action", required=True)


class ActionCommand(BaseCommand):
    """A command with subcommands: `add_actions` declares them, and the chosen one runs as
    `handle_<action>` (dashes as underscores) with its options."""

    # Commands whose every subcommand reads the database set this, so it is ready first.
    needs_database = False

    def add_arguments(self, parser):
        self.add_actions(subcommands(parser))

    def add_actions(self, sub) -> None:
        raise NotImplementedError

    def handle(self, *args, action, **options):
        if self.needs_database:
            ensure_database()
        return getattr(self, "handle_" + action.replace("-", "_"))(**options)


def add_edition(parser, help: str = EDITION_HELP, **options) -> None:
    parser.add_argument("--edition", type=int, help=help, **options)


def add_participant(parser, help: str = PARTICIPANT_HELP) -> None:
    parser.add_argument("--participant", required=True, help=help)


def add_rubric(parser) -> None:
    parser.add_argument("--rubric", help="Wersja rubryki (domyślnie: wersja edycji).")


def add_revoke(sub, help: str, who: str, who_help: str | None = None) -> None:
    """The `revoke ID --reason … --<who> …` subcommand of the records a person can withdraw
    (overrides, award decisions): which record, why, and who withdraws it."""
    revoke = sub.add_parser("revoke", help=help)
    revoke.add_argument("id", type=int)
    revoke.add_argument("--reason", required=True)
    revoke.add_argument(who, required=True, help=who_help)


def add_json(parser, help: str = JSON_HELP) -> None:
    parser.add_argument("--json", action="store_true", help=help)


@contextmanager
def refusals(*errors: type[Exception], returncode: int = 1):
    """The domain's refusals (AppealError, OverrideError…) as the command's Polish error with
    its exit status, never a traceback."""
    try:
        yield
    except errors as exc:
        raise CommandError(str(exc), returncode=returncode) from None


def dumps(data, **options) -> str:
    """JSON for `--json` output: UTF-8 text as it is (Polish letters unescaped)."""
    return json.dumps(data, ensure_ascii=False, **options)


def table_of(title: str, columns, **options) -> Table:
    """A rich table with its columns: each a header or a (header, justify) pair."""
    result = Table(title=title, **options)
    for column in columns:
        header, justify = column if isinstance(column, tuple) else (column, "left")
        result.add_column(header, justify=justify)
    return result


def console_for(stream) -> Console:
    """A rich console writing to a command's stdout (plain text when not a terminal)."""
    return Console(
        file=stream, width=int(os.environ.get("COLUMNS", "140")), highlight=False, emoji=False
    )


def current_actor() -> str:
    """Who runs the command, for the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:
        return "cli"
