import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Wykonawca sond dla trybu rozproszonego (Dramatiq na Redis; wymaga AUDITOR_BROKER_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=1)
        parser.add_argument("--threads", type=int, default=2)

    def handle(self, *args, processes, threads, **options):
        if not settings.AUDITOR.broker_url:
            raise CommandError("Ustaw AUDITOR_BROKER_URL, np. redis://127.0.0.1:6379/0.")
        from dramatiq.cli import main as dramatiq_main

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
        sys.argv = [
            "auditor worker",
            "scheduler.tasks",
            "--processes",
            str(processes),
            "--threads",
            str(threads),
            "--queues",
            "probes",
        ]
        sys.exit(dramatiq_main())
