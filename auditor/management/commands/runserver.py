"""Django's development server, refusing the public development key outside debug."""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.exceptions import ImproperlyConfigured

from auditor.management.commands._console import refusals
from auditor.web.security import refuse_development_key


class Command(RunserverCommand):
    def handle(self, *args, **options):
        with refusals(ImproperlyConfigured):
            refuse_development_key()
        return super().handle(*args, **options)
