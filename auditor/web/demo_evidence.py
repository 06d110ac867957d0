"""Demo evidence for a participant, hostile on purpose.

Builds a website artifact (pages with HTML snapshots, screenshots and axe results) and an
e-mail artifact (our enquiry, a human reply in HTML, an auto-reply), puts every blob in the
evidence store and links them to the participant. The snapshot and the HTML reply carry what
a hostile participant could plant (scripts, event handlers, `javascript:` links, remote images,
CSS `url()`, iframes, SVG with script): the interface must show it without running or loading
any of it. Used by the tests, the benchmark and demos.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import struct
import zlib
from email.message import EmailMessage

from django.utils import timezone

from results.evidence_index import record_artifact
from results.evidence_store import EvidenceStore
from results.models import Edition, EvidenceBlob, Participant, ParticipantEvidence
from results.web_models import EVIDENCE_EMAIL_ARTIFACT, EVIDENCE_WEBSITE_ARTIFACT

PRODUCER = "demo"
HOSTILE_HOST = "evil.example"

HOSTILE_HTML = f"""<!DOCTYPE html>
<html lang="pl"><head><title>Urząd Gminy — strona główna</title>
<meta http-equiv="refresh" content="5;url=http://{HOSTILE_HOST}/refresh">
<base href="http://{HOSTILE_HOST}/">
<link rel="stylesheet" href="http://{HOSTILE_HOST}/style.css">
<style>body {{ background: url(http://{HOSTILE_HOST}/bg.png); }}
@import url("http://{HOSTILE_HOST}/import.css");</style>
<script>window.__pwned = "script"; fetch("http://{HOSTILE_HOST}/script");</script>
<script src="http://{HOSTILE_HOST}/remote.js"></script>
</head>
<body onload="window.__pwned='onload'">
<h1>Urząd Gminy Przykładowo</h1>
<p style="background-image: url('http://{HOSTILE_HOST}/inline-bg.png')">Kontakt: tel. 12 345 67 89</p>
<img src="http://{HOSTILE_HOST}/pixel.png" onerror="window.__pwned='onerror'" alt="logo">
<iframe src="http://{HOSTILE_HOST}/frame"></iframe>
<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned="svg"</script>
<image href="http://{HOSTILE_HOST}/svg-image.png"/></svg>
<a href="javascript:window.__pwned='link'">Kliknij</a>
<a href="http://{HOSTILE_HOST}/page">Strona zewnętrzna</a>
<form action="http://{HOSTILE_HOST}/form"><input name="q" aria-label="Szukaj"></form>
<object data="http://{HOSTILE_HOST}/object.swf"></object>
<video poster="http://{HOSTILE_HOST}/poster.png"></video>
</body></html>
"""

HOSTILE_MAIL_HTML = f"""<html><head><style>p {{ background: url(http://{HOSTILE_HOST}/mail-bg.png) }}</style>
<script>window.__pwned="mail-script"</script></head>
<body onload="window.__pwned='mail-onload'">
<p>Dzień dobry,</p>
<p style="background:url('http://{HOSTILE_HOST}/mail-inline.png')">harmonogram odbioru odpadów jest na naszej stronie.</p>
<img src="http://{HOSTILE_HOST}/tracking-pixel.gif" width="1" height="1" alt="">
<img src="cid:logo@gmina" alt="Logo gminy">
<img src="x" onerror="window.__pwned='mail-onerror'">
<a href="javascript:window.__pwned='mail-link'">Szczegóły</a>
<a href="http://{HOSTILE_HOST}/track?id=1">Harmonogram</a>
<iframe src="http://{HOSTILE_HOST}/mail-frame"></iframe>
<svg><script>window.__pwned="mail-svg"</script></svg>
<p>Z poważaniem<br>Anna Nowak, inspektor<br>Urząd Gminy Przykładowo</p>
<blockquote>&gt; Dzień dobry, kiedy jest odbiór odpadów?</blockquote>
</body></html>
"""


def png_bytes(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (40, 90, 160)) -> bytes:
    """A valid small PNG (stands in for a screenshot)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _axe_result(page_url: str, index: int) -> dict:
    return {
        "testEngine": {"name": "axe-core", "version": "4.14.1"},
        "url": page_url,
        "violations": [
            {
                "id": "image-alt",
                "impact": "critical",
                "help": "Obrazy muszą mieć tekst alternatywny",
                "description": "Każdy element img ma atrybut alt.",
                "tags": ["wcag2a", "wcag111", "EN-301-549"],
                "nodes": [
                    {
                        "target": [f"img.banner-{index}"],
                        "html": f'<img class="banner-{index}" src="http://{HOSTILE_HOST}/b.png" onerror="window.__pwned=1">',
                        "failureSummary": "Napraw: dodaj atrybut alt.",
                    }
                ],
            },
            {
                "id": "color-contrast",
                "impact": "serious",
                "help": "Kontrast tekstu musi być wystarczający",
                "description": "Kontrast co najmniej 4,5:1.",
                "tags": ["wcag2aa", "wcag143"],
                "nodes": [
                    {"target": ["footer p"], "html": "<p>Stopka</p>", "failureSummary": "1,9:1"}
                ],
            },
        ],
        "incomplete": [
            {
                "id": "color-contrast",
                "impact": "serious",
                "help": "Kontrast tekstu musi być wystarczający",
                "tags": ["wcag2aa"],
                "nodes": [
                    {
                        "target": [f"#hero-{index} h2"],
                        "html": "<h2>Tekst na obrazie<script>window.__pwned=5</script></h2>",
                        "failureSummary": "Tło jest obrazem: sprawdź ręcznie.",
                    }
                ],
            }
        ],
        "passes": [],
        "inapplicable": [],
    }


def _raw_reply(to: str, sent_subject: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Anna Nowak <a.nowak@gmina.example.pl>"
    message["To"] = to
    message["Subject"] = f"Re: {sent_subject}"
    message["Date"] = "Tue, 02 Mar 2027 13:40:00 +0100"
    message.set_content(
        "Dzień dobry,\nharmonogram odbioru odpadów jest na naszej stronie.\n\n"
        "Z poważaniem\nAnna Nowak, inspektor\n\n> Dzień dobry, kiedy jest odbiór odpadów?\n"
    )
    message.add_alternative(HOSTILE_MAIL_HTML, subtype="html")
    return message.as_bytes()


def _stamp(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def plant_demo_evidence(
    participant: Participant,
    edition: Edition | None = None,
    store: EvidenceStore | None = None,
    pages: int = 3,
) -> dict[str, str]:
    """Store and record a hostile demo website artifact and e-mail artifact; return their hashes."""
    store = store or EvidenceStore()
    site = participant.website.rstrip("/")
    page_records = []
    home = f"{site}/"
    for index in range(pages):
        url = home if index == 0 else f"{site}/strona-{index}"
        html = HOSTILE_HTML.replace("Przykładowo", f"Przykładowo ({participant.pk}/{index})")
        page_records.append(
            {
                "url": url,
                "final_url": url,
                "redirects": [],
                "status": 200,
                "content_type": "text/html",
                "depth": 0 if index == 0 else 1,
                "path": [home] if index == 0 else [home, url],
                "on_bip": False,
                "timings": {"ttfb_ms": 12, "dcl_ms": 80, "load_ms": 120},
                "bytes": len(html),
                "title": f"Strona {index} <script>window.__pwned='title'</script>",
                "lang": "pl",
                "html_blob": store.put(html.encode(), "text/html; charset=utf-8", PRODUCER),
                "text_blob": store.put(b"Urzad Gminy", "text/plain; charset=utf-8", PRODUCER),
                "screenshot_desktop": store.put(
                    png_bytes(rgb=(40 + index, 90, 160)), "image/png", PRODUCER
                ),
                "screenshot_mobile": None,
                "axe_blob": store.put(
                    json.dumps(_axe_result(url, index)).encode(), "application/json", PRODUCER
                ),
                "console_errors": [],
                "links": [],
                "horizontal_scroll_375": False,
            }
        )
    website = {
        "schema": "website/1",
        "start_url": home,
        "final_url": home,
        "started_at": "2027-03-01T09:00:00Z",
        "finished_at": "2027-03-01T09:04:00Z",
        "outcome": "ok",
        "failure": None,
        "versions": {
            "chromium": "demo",
            "chromium_binary": "chromium-headless-shell",
            "axe_core": "4.14.1",
        },
        "settings": {"max_pages": 50, "time_budget_s": 300, "respect_robots": True},
        "site": {},
        "pages": page_records,
    }
    website_sha = store.put(
        json.dumps(website, sort_keys=True).encode(), "application/json", PRODUCER
    )
    to = (participant.emails or ["sekretariat@gmina.example.pl"])[0]
    subject = "Pytanie o harmonogram odbioru odpadów"
    raw_sha = store.put(_raw_reply(to, subject), "message/rfc822", PRODUCER)
    enquiry = {
        "schema": "email/1",
        "enquiry": {
            "id": participant.pk,
            "template_id": "gmina.odpady.harmonogram",
            "wording": 1,
            "subject": subject,
            "body": "Dzień dobry, kiedy jest odbiór odpadów?\nAnna Kowalska",
            "to": [to],
            "persona": {"name": "Anna Kowalska", "gender": "f"},
            "message_id": "<demo@persona.example>",
            "state": "answered",
            "sent_at": "2027-03-01T08:13:05Z",
            "smtp_response": "250 2.0.0 Ok",
            "deadline_at": "2027-03-15T08:13:05Z",
        },
        "office_hours": None,
        "messages": [
            {
                "uid": 1,
                "raw_blob": raw_sha,
                "received_at": "2027-03-02T12:40:00Z",
                "date_header": "Tue, 02 Mar 2027 13:40:00 +0100",
                "from": "a.nowak@gmina.example.pl",
                "subject": f"Re: {subject}",
                "kind": "human_reply",
                "bounce": None,
                "matched_by": "in_reply_to",
                "new_text": "Dzień dobry,\nharmonogram odbioru odpadów jest na naszej stronie.",
                "quoted_text": "> Dzień dobry, kiedy jest odbiór odpadów?",
                "signature": "Z poważaniem\nAnna Nowak, inspektor",
                "attachments": [],
                "charset_repaired": False,
            }
        ],
    }
    email_sha = store.put(
        json.dumps(enquiry, sort_keys=True).encode(), "application/json", PRODUCER
    )
    edition = edition or participant.editions.order_by("-year").first()
    if edition is None:
        raise ValueError("demo evidence needs an edition the participant takes part in")
    record_artifact(
        edition, participant.pk, "website", website_sha, _stamp(website["finished_at"]), store=store
    )
    record_artifact(
        edition,
        participant.pk,
        "email",
        email_sha,
        _stamp(enquiry["enquiry"]["sent_at"]),
        source=f"enquiry:demo-{participant.pk}",
        store=store,
    )
    return {"website": website_sha, "email": email_sha}


BULK_KINDS = ["gmina_wiejska", "gmina_miejska", "spoldzielnia_mieszkaniowa", "powiat"]
BULK_REGIONS = ["mazowieckie", "slaskie", "malopolskie", "pomorskie", "lubelskie"]
BULK_OUTCOMES = ["ok", "ok", "ok", "site_failure", "not_measured"]


def create_bulk_participants(count: int, edition: Edition | None = None) -> list[Participant]:
    """Many participants at once, most with probe-status links (list tests and benchmark)."""
    Participant.objects.bulk_create(
        Participant(
            identity_key=f"host:bulk{n}.example.pl",
            name=f"Uczestnik {n:05d}",
            kind=BULK_KINDS[n % len(BULK_KINDS)],
            employees=10 + n % 400,
            website=f"http://bulk{n}.example.pl/",
            emails=[f"ug@bulk{n}.example.pl"],
            region=BULK_REGIONS[n % len(BULK_REGIONS)],
        )
        for n in range(count)
    )
    participants = list(Participant.objects.filter(identity_key__startswith="host:bulk"))
    if edition is not None:
        edition.participants.add(*participants)
    blobs, links = [], []
    now = timezone.now()
    for n, p in enumerate(participants):
        if n % 7 == 6:
            continue  # some were never probed
        for role, outcome in (
            (EVIDENCE_WEBSITE_ARTIFACT, BULK_OUTCOMES[n % len(BULK_OUTCOMES)]),
            (EVIDENCE_EMAIL_ARTIFACT, "answered" if n % 2 else "unanswered"),
        ):
            sha = hashlib.sha256(f"{p.pk}-{role}".encode()).hexdigest()
            blobs.append(
                EvidenceBlob(sha256=sha, media_type="application/json", size=1, producer="bulk")
            )
            links.append(
                ParticipantEvidence(
                    participant=p,
                    edition=edition,
                    blob_id=sha,
                    role=role,
                    outcome=outcome,
                    gathered_at=now - datetime.timedelta(minutes=n),
                )
            )
    EvidenceBlob.objects.bulk_create(blobs, batch_size=500)
    ParticipantEvidence.objects.bulk_create(links, batch_size=500)
    return participants
