"""English words that must not appear in the command line's help (argparse's and Django's
own texts, which the `auditor` command puts in Polish)."""

ENGLISH_HELP_WORDS = (
    "usage:",
    "positional arguments",
    "show this help message",
    "optional arguments",
    "Skip system checks",
    "Raise on CommandError",
    "Verbosity level",
    "Don't colorize",
)
