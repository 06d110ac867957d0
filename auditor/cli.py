"""The `auditor` console command.

Its subcommands are Django management commands (auditor/management/commands/), so
`auditor init`, `auditor participants import FILE` and Django's own `auditor migrate`
or `auditor runserver` all work the same way. For people, this module adds what Django
leaves out: the auditor's own commands listed first with a line of Polish each, Django's
internals apart, a confirmation before the commands that erase data, argparse and
Django's shared options in Polish, and errors printed as "Błąd: …" rather than
"CommandError: …".
"""

from __future__ import annotations

import argparse
import os
import sys

# (command, what it does) in the order a newcomer meets them (README "Commands").
OWN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("init", "tworzy lub aktualizuje bazę danych i katalog danych"),
    ("demo", "badanie wbudowanego świata demonstracyjnego (uruchamia scripts/demo.sh)"),
    ("edition", "edycje konkursu: utworzenie, lista"),
    ("participants", "rejestr uczestników: import, lista, eksport"),
    ("probe", "jednorazowe badanie strony (website, accessibility)"),
    ("email", "tajemniczy klient: persony, wysyłka zapytań, odbiór i klasyfikacja odpowiedzi"),
    ("sweep", "przebieg badania: uruchomienie i postęp"),
    ("scheduler", "harmonogram edycji (APScheduler)"),
    ("worker", "wykonawca badań z kolejki Redis (wiele maszyn)"),
    ("rescore", "przeliczenie wyników z zapisanych dowodów"),
    ("ranking", "ranking edycji: miejsca, punkty, licencje"),
    ("export", "eksport rankingu do CSV, XLSX lub JSON"),
    ("report", "raport uczestnika (HTML)"),
    ("jurors", "import ocen jurorów"),
    ("agreement", "zgodność ocen jurorów (alfa Krippendorffa)"),
    ("override", "korekty wyników maszynowych przez jurorów"),
    ("awards", "decyzje ekspertów: statuetki i wyróżnienia"),
    ("publish", "publikacja rankingu (zamrożenie wersji po podglądzie zmian)"),
    ("appeal", "odwołania uczestników i decyzje jurorów"),
    ("certificate", "certyfikaty Licencji Jakości: wystawienie, weryfikacja kodu"),
    ("rubric", "sprawdzenie pliku rubryki"),
    ("users", "konta: organizatorzy, jurorzy, eksperci, obserwatorzy"),
    ("evidence", "sprawdzenie magazynu dowodów"),
    ("retention", "usuwanie danych osobowych urzędników po terminie"),
    ("runserver", "interfejs WWW jurorów i organizatorów"),
)

# Commands that erase or rewrite data: a person must confirm them at a terminal.
DANGEROUS = {
    "flush": "usuwa WSZYSTKIE dane z bazy (uczestników, wyniki, oceny jurorów, konta)",
    "reset_db": "usuwa całą bazę danych",
    "sqlflush": "wypisuje polecenia SQL usuwające wszystkie dane",
}
CONFIRM_WORD = "USUŃ"

ARGPARSE_PL = {
    "usage: ": "użycie: ",
    "positional arguments": "argumenty pozycyjne",
    "options": "opcje",
    "optional arguments": "opcje",
    "show this help message and exit": "pokazuje tę pomoc i kończy",
    "the following arguments are required: %s": "brakuje wymaganych argumentów: %s",
    "unrecognized arguments: %s": "nierozpoznane argumenty: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: błąd: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "nieprawidłowy wybór: %(value)r (do wyboru: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "nieprawidłowa wartość (%(type)s): %(value)r",
    "expected one argument": "oczekiwano jednej wartości",
    "expected at least one argument": "oczekiwano co najmniej jednej wartości",
    "expected at most one argument": "oczekiwano najwyżej jednej wartości",
    "not allowed with argument %s": "nie można łączyć z %s",
    "one of the arguments %s is required": "wymagany jest jeden z argumentów: %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "niejednoznaczna opcja: %(option)s pasuje do %(matches)s"
    ),
}

DJANGO_OPTIONS_PL = {
    "--version": "pokazuje wersję programu i kończy",
    "--verbosity": "szczegółowość komunikatów: 0 mało, 1 zwykle, 2 dużo, 3 bardzo dużo",
    "--settings": "moduł ustawień Django (zwykle zbędne: ustawienia są w zmiennych AUDITOR_*)",
    "--pythonpath": "katalog dodany do ścieżki Pythona (dla programistów)",
    "--traceback": "przy błędzie pokazuje pełny ślad wywołań (dla programistów)",
    "--no-color": "bez kolorów",
    "--force-color": "kolory także poza terminalem",
    "--skip-checks": "pomija kontrole systemu Django",
}


def _polish_argparse() -> None:
    """argparse and Django's shared options speak Polish (their texts are looked up through
    argparse's own gettext hooks, at the moment they are printed)."""
    argparse._ = lambda text: ARGPARSE_PL.get(text, text)
    argparse.ngettext = lambda singular, plural, n: ARGPARSE_PL.get(
        singular if n == 1 else plural, singular if n == 1 else plural
    )

    from django.core.management.base import BaseCommand

    original_parser = BaseCommand.create_parser
    if getattr(original_parser, "_polish", False):
        return

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = original_parser(self, prog_name, subcommand, **kwargs)
        for action in parser._actions:
            for flag in action.option_strings:
                if flag in DJANGO_OPTIONS_PL and action.help != argparse.SUPPRESS:
                    action.help = DJANGO_OPTIONS_PL[flag]
        return parser

    create_parser._polish = True
    BaseCommand.create_parser = create_parser

    original_run = BaseCommand.run_from_argv

    def run_from_argv(self, argv):
        # Django prints "CommandError: …"; people read "Błąd: …".
        plain_write = self.stderr.write

        def write(msg="", style_func=None, ending=None):
            if isinstance(msg, str) and msg.startswith("CommandError: "):
                msg = "Błąd: " + msg.removeprefix("CommandError: ")
            return plain_write(msg, style_func, ending)

        self.stderr.write = write
        return original_run(self, argv)

    BaseCommand.run_from_argv = run_from_argv


def _print_help(out=sys.stdout) -> None:
    from django.core.management import get_commands

    available = get_commands()
    own = [(name, text) for name, text in OWN_COMMANDS if name in available]
    # Any command of ours not in the list above still belongs with ours, never with Django's.
    listed = {name for name, _ in own}
    own += [
        (name, "")
        for name, app in sorted(available.items())
        if app == "auditor" and name not in listed and not name.startswith("_")
    ]
    own_names = {name for name, _ in own}
    width = max(len(name) for name, _ in own) + 2
    out.write("Audytor konkursu Lider Zaufania Mieszkańców\n\n")
    out.write(
        "Użycie: auditor POLECENIE [opcje]   (pomoc do polecenia: auditor help POLECENIE)\n\n"
    )
    out.write("Polecenia audytora:\n")
    for name, text in own:
        out.write(f"  {name:<{width}}{text}\n")
    out.write("\nPolecenia usuwające dane (wymagają potwierdzenia przy terminalu):\n")
    for name, text in DANGEROUS.items():
        if name in available:
            out.write(f"  {name:<{width}}{text}\n")
    internals = sorted(n for n in available if n not in own_names and n not in DANGEROUS)
    out.write("\nPolecenia wewnętrzne Django (dla administratorów i programistów):\n")
    line = "  "
    for name in internals:
        if len(line) + len(name) > 88:
            out.write(line.rstrip() + "\n")
            line = "  "
        line += name + " "
    out.write(line.rstrip() + "\n")


def _confirm_dangerous(name: str) -> bool:
    """True when a person at a terminal typed the confirmation word."""
    if os.environ.get("AUDITOR_CONFIRM_DANGEROUS", "") == CONFIRM_WORD:
        return True  # an administrator's script states it explicitly
    sys.stderr.write(f"Uwaga: `auditor {name}` {DANGEROUS[name]}.\n")
    if not sys.stdin.isatty():
        sys.stderr.write(
            "Brak terminala do potwierdzenia; niczego nie zmieniono. (Skrypt administratora może "
            f"ustawić AUDITOR_CONFIRM_DANGEROUS={CONFIRM_WORD}.)\n"
        )
        return False
    try:
        answer = input(f"Aby kontynuować, wpisz {CONFIRM_WORD}: ")
    except (EOFError, KeyboardInterrupt):
        answer = ""
    if answer.strip() != CONFIRM_WORD:
        sys.stderr.write("Nie potwierdzono; niczego nie zmieniono.\n")
        return False
    return True


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
    import django
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    django.setup()
    _polish_argparse()
    if not args or args == ["help"] or args[0] in ("-h", "--help"):
        _print_help()
        return
    command = args[1] if args[0] == "help" and len(args) > 1 else args[0]
    if args[0] != "help" and command in DANGEROUS and not _confirm_dangerous(command):
        sys.exit(2)
    try:
        execute_from_command_line(["auditor", *args])
    except KeyboardInterrupt:
        sys.stderr.write("\nPrzerwano.\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
