"""A sending worker for tests/email/test_one_sender.py: a separate process calling the one
sender (`send_due`) in a loop until the edition has nothing pending or time is up.

    python tests/email/send_worker.py YEAR INTERVAL_SECONDS START_AT_EPOCH LIMIT_SECONDS

The database is the parent test's (DATABASE_URL in the environment). The office-hours check
is waived here only because the test's wall clock may fall outside office hours; the lease,
the per-domain interval and exactly-once are the production code's.
"""

import json
import os
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
django.setup()

from probes.email import schedule  # noqa: E402
from results.email_models import Enquiry  # noqa: E402
from results.models import Edition  # noqa: E402
from scheduler.email import send  # noqa: E402

year, interval, start_at, limit = (float(a) for a in sys.argv[1:5])
schedule.in_office_hours = lambda moment, hours, days_off=frozenset(): True
edition = Edition.objects.get(year=int(year))
time.sleep(max(0.0, start_at - time.time()))  # both workers start at the same moment
totals: dict[str, int] = {}
deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    counts = send.send_due(edition, domain_interval=timedelta(seconds=interval), wait=limit)
    for key, value in counts.items():
        totals[key] = totals.get(key, 0) + value
    if not Enquiry.objects.filter(edition=edition, state=Enquiry.PENDING).exists():
        break
    time.sleep(0.1)
print(json.dumps(totals))
