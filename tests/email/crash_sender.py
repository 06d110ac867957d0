"""A sender process that dies at a chosen point of the SMTP transaction (for the
exactly-once tests). `os._exit` is a crash: no cleanup, no exception handlers, like SIGKILL.

    python tests/email/crash_sender.py setup PERSONA_ADDRESS PARTICIPANT_ADDRESS
    python tests/email/crash_sender.py retemplate TEMPLATE_ID   (every enquiry asks that)
    python tests/email/crash_sender.py before_smtp|after_250|after_sent_copy

The crash hits whatever `send_due` sends first: an enquiry, or — once the enquiries are
out and a clerk asked for a detail — the persona's follow-up.
"""

import datetime as dt
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for tests.factories
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from scheduler.email import send  # noqa: E402

CRASH = 9


def crash(*args, **kwargs):
    os._exit(CRASH)


mode = sys.argv[1]
if mode == "setup":
    from results.db import ensure_database
    from tests.factories import make_edition, make_mailworld_persona, make_participant

    ensure_database()
    persona_address, participant_address = sys.argv[2], sys.argv[3]
    make_mailworld_persona(persona_address, "AUDITOR_TEST_MAIL_PASSWORD")
    make_participant(
        make_edition(2027, dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
        host="gmina-awaryjna.test",
        identity_key="crash-test",
        name="Gmina Awaryjna",
        emails=[participant_address],
        region="opolskie",
    )
    sys.exit(0)
if mode == "retemplate":
    from probes.email.templates import load_templates
    from results.email_models import Enquiry

    template = load_templates()[sys.argv[2]]
    Enquiry.objects.update(template_id=template.id, answer_key=template.answer_key)
    sys.exit(0)
if mode == "before_smtp":
    send.send_message = crash  # dies after "sending" is committed, before connecting
elif mode == "after_250":
    send._save_sent_copy = crash  # dies right after the server's 250
elif mode == "after_sent_copy":
    send._mark_sent = crash  # dies after the 250 and the Sent copy, before recording "sent"
else:
    raise SystemExit(f"unknown mode {mode}")
call_command("email", "send", "--edition", "2027", "--immediately")
sys.exit(0)  # not reached when the crash point is hit
