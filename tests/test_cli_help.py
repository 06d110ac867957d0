"""The help screen lists every command of ours with ours, never among Django's internals."""


def test_every_command_of_ours_is_listed_with_ours():
    """The help screen's sections, read without starting a process."""
    import io

    import django
    from django.core.management import get_commands

    from auditor import cli

    django.setup()
    out = io.StringIO()
    cli._print_help(out)
    text = out.getvalue()
    ours = text[: text.index("Polecenia usuwające")]
    internals = text[text.index("Polecenia wewnętrzne Django") :]
    for name, app in get_commands().items():
        if app == "auditor" and name not in cli.DANGEROUS:
            assert f"  {name} " in ours or ours.rstrip().endswith(name), name
            assert f" {name} " not in internals and not internals.rstrip().endswith(f" {name}")
