"""The `auditor` console command.

Its subcommands are Django management commands (auditor/management/commands/), so
`auditor init`, `auditor participants import FILE` and Django's own `auditor migrate`
or `auditor runserver` all work the same way.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["auditor", *args])


if __name__ == "__main__":
    main()
