"""Terminal output shared by the commands: rich tables on the command's stdout."""

from __future__ import annotations

import getpass
import os

from rich.console import Console


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
