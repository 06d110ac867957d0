"""Django's development server, refusing the public development key outside debug."""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError

from auditor.web.security import refuse_development_key


class Command(RunserverCommand):
    def handle(self, *args, **options):
        try:
            refuse_development_key()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        return super().handle(*args, **options)
