"""Every command's help, in one go (issue 20, "the CLI test runs every command's help"): the
auditor's own, each of their subcommands, the guarded ones and Django's internals, through the
`auditor` entry point (auditor.cli.main) — help printed, exit status 0, never an exception.
(`tests/test_cli.py` runs the own commands' help as real processes, with the Polish wording.)"""

import argparse
import io
from contextlib import redirect_stderr, redirect_stdout

from django.core.management import get_commands, load_command_class

from auditor.cli import main


def help_of(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as end:  # argparse ends `--help` with sys.exit(0)
            assert end.code in (0, None), (args, end.code, err.getvalue())
    assert "Traceback" not in err.getvalue(), (args, err.getvalue())
    return out.getvalue()


def subcommands(name: str) -> list[str]:
    parser = load_command_class(get_commands()[name], name).create_parser("auditor", name)
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found += list(action.choices)
    return found


def test_every_command_and_subcommand_prints_its_help():
    commands = sorted(get_commands())
    assert {"sweep", "users", "flush", "migrate", "createsuperuser"} <= set(commands)
    checked = 0
    for name in commands:
        text = help_of("help", name)
        assert "użycie:" in text, name
        checked += 1
        if get_commands()[name] != "auditor":
            continue
        for sub in subcommands(name):
            text = help_of(name, sub, "--help")
            assert "użycie:" in text and sub in text, (name, sub)
            checked += 1
    assert checked > 80
