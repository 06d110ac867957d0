"""Polish everywhere: every page of the web interface, as organiser, juror and observer, with
the demo evidence and a computed score run, read as a person reads it (visible text only) must
hold no English word of a deny-list and no raw evidence key. Participants' own content
(addresses, HTML fragments, e-mails) is theirs and is not checked."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from results import polish
from results.models import AuditLogEntry, CriterionResultRecord, ParticipantEvidence
from scheduler.sweeps import create_sweep
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db]

DENY = [
    "pass", "passed", "fail", "failed", "failure", "signal", "page", "pages", "enquiry",
    "enquiries", "not_measured", "not measured", "not_applicable", "site_failure", "pdf_home",
    "http_5xx", "raw_blob", "smtp_response", "pages_searched", "enquiry_id", "deadline_at",
    "Images must", "Fix any", "Fix all", "Element does not", "Element has", "Ensure",
    "Not Found", "Forbidden", "Server Error", "Bad Request",
    "incomplete_review", "incomplete.review", "juror.assign", "user.create", "from", "subject", "received_at",
    "sent_at", "message_id", "links_checked", "has_text_layer", "link_text", "class",
    "state", "help", "description", "background", "contrast", "color", "must", "should",
]  # fmt: skip
# Python's values leaking into a page (case-sensitive: axe's Polish texts name role "none").
PYTHON_WORDS = ["None", "True", "False"]
# Evidence keys that are also Polish words or too short to be told apart from Polish text.
POLISH_HOMOGRAPHS = {"to", "status", "name", "at", "role", "tagged", "search", "domain", "element"}
# Elements whose text is the participant's (or a machine's) own: not ours to translate.
THEIRS = {"url", "page-title", "snippet", "mail-text", "mail-signature", "mail-quoted", "mail-html"}


class VisibleText(HTMLParser):
    """Text a reader sees, without scripts, styles, code and the participant's content."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = tag in ("script", "style", "code", "pre", "textarea") or bool(classes & THEIRS)
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def english_in(text: str, words, case: bool = False) -> list[str]:
    found = []
    flags = 0 if case else re.IGNORECASE
    for word in words:
        hit = re.search(rf"(?<![\w/.-]){re.escape(word)}(?![\w/-]|\.\w)", text, flags=flags)
        if hit:
            found.append(f"{word}: …{text[max(0, hit.start() - 40) : hit.end() + 20]}…")
    return found


def test_visible_text_skips_the_participants_content():
    html = '<p>Status <span class="url">http://x/page</span> <code>fail</code></p>'
    assert VisibleText.of(html) == "Status"
    assert english_in("Dowód: page 3", ["page"]) == ["page: …Dowód: page 3…"]
    assert english_in("spełnione", ["pass"]) == []


@pytest.fixture
def scored(client, world):
    login(client, world["organiser"])
    assert client.post(reverse("web:recompute"), {"edycja": "2027"}).status_code == 302
    create_sweep(world["edition"], key="test:polish")
    a = world["a"]
    # A correction and an axe review decision, so the tables and the log have rows.
    client.post(
        reverse("web:override", args=[a.pk]),
        {"criterion_id": _a_machine_criterion(world), "status": "pass", "reason": "Sprawdzono."},
    )
    AuditLogEntry.objects.create(
        actor="cli", action="incomplete.review", object_type="participant", object_id=str(a.pk),
        details={"decision": "violation", "created": True},
    )  # fmt: skip
    client.logout()
    return world


def _a_machine_criterion(world) -> str:
    from auditor.web.judging import machine_specs

    return machine_specs(world["edition"], world["a"])[0].id


def _pages(world) -> list[str]:
    a, b = world["a"], world["b"]
    html = ParticipantEvidence.objects.filter(
        participant=a, blob__media_type__startswith="text/html"
    ).first()
    from results.models import Sweep

    sweep = Sweep.objects.first()
    return [
        reverse("web:participants"),
        reverse("web:participant", args=[a.pk]),
        reverse("web:participant", args=[b.pk]),
        reverse("web:snapshot", args=[a.pk, html.blob_id]) + "?url=http%3A%2F%2Fgmina1/",
        reverse("web:ranking"),
        reverse("web:report", args=[a.pk]),
        reverse("web:mail_review"),
        reverse("web:sweeps"),
        reverse("web:sweep", args=[sweep.pk]),
        reverse("web:audit_log"),
        reverse("web:certificates"),
        "/nie-ma-takiej-strony/",
        reverse("web:participant", args=[999999]),
    ]


def _evidence_keys() -> set[str]:
    keys: set[str] = set()
    for record in CriterionResultRecord.objects.all():
        for item in record.evidence or []:
            if isinstance(item, dict):
                keys.update(item)
                if isinstance(item.get("type"), str):
                    keys.add(item["type"])
    keys |= set(polish.EVIDENCE_LABELS) | set(polish.TECHNICAL_LABELS)
    keys |= set(polish.EVIDENCE_TYPE_LABELS)
    return {k for k in keys if k not in POLISH_HOMOGRAPHS and len(k) > 2}


@pytest.mark.parametrize("who", ["organiser", "juror", "observer", "anonymous"])
def test_every_page_is_polish(client, scored, who):
    if who != "anonymous":
        login(client, scored[who])
    keys = _evidence_keys()
    assert {"page", "signal", "enquiry_id", "raw_blob", "smtp_response"} <= keys
    problems = {}
    for url in _pages(scored):
        response = client.get(url)
        if response.status_code in (301, 302):
            continue  # the login page, checked below
        text = VisibleText.of(response.content.decode())
        found = english_in(text, DENY) + english_in(text, sorted(keys) + PYTHON_WORDS, case=True)
        if found:
            problems[f"{url} ({response.status_code})"] = sorted(set(found))
    assert problems == {}


def test_error_pages_are_polish_in_the_site_layout(client, world):
    login(client, world["juror"])
    missing = client.get("/nie-ma-takiej-strony/")
    assert missing.status_code == 404
    body = missing.content.decode()
    assert "Nie ma takiej strony" in body and "Przejdź do treści" in body
    forbidden = client.get(reverse("web:participant", args=[world["b"].pk]))
    assert forbidden.status_code == 403 and "Brak dostępu" in forbidden.content.decode()
    from django.template.loader import render_to_string

    error = render_to_string("500.html")
    assert "Coś poszło nie tak" in error and 'lang="pl"' in error


def test_login_and_form_error_pages_are_polish(client, world):
    text = VisibleText.of(client.get(reverse("web:login")).content.decode())
    assert english_in(text, DENY) == []
    login(client, world["juror"])
    bad = client.post(
        reverse("web:override", args=[world["a"].pk]),
        {"criterion_id": _a_machine_criterion(world), "status": "partial", "reason": ""},
    )
    assert bad.status_code == 400
    text = VisibleText.of(bad.content.decode())
    assert english_in(text, DENY) == [] and "score" not in text and "reason" not in text


def test_plural_forms_and_numbers():
    assert [polish.plural(n, "problem,problemy,problemów") for n in (0, 1, 2, 5, 12, 22, 25)] == [
        "0 problemów", "1 problem", "2 problemy", "5 problemów", "12 problemów",
        "22 problemy", "25 problemów",
    ]  # fmt: skip
    assert polish.plural(104, "reguła,reguły,reguł") == "104 reguły"
    assert polish.plural(114, "reguła,reguły,reguł") == "114 reguł"
    assert polish.number(94.45) == "94,45" and polish.percent(0.8333) == "83,3%"
    assert polish.local_time("2026-12-04T12:39:41Z") == "2026-12-04 13:39"
    assert polish.local_time("2027-07-01T10:00:00Z") == "2027-07-01 12:00"


def test_enquiries_numbered_per_participant():
    numbers = polish.enquiry_numbers(
        [{"id": 19, "sent_at": "2027-03-02T10:00:00Z"}, {"id": 6, "sent_at": "2027-03-01"}]
    )
    assert numbers == {"6": "zapytanie 1 z 2", "19": "zapytanie 2 z 2"}
    text = "Mediana z 2 zapytań: 60%. Zapytanie 19: brak podziękowania. Zapytanie 6: dobrze."
    assert polish.renumber_enquiries(text, numbers) == (
        "Mediana z 2 zapytań: 60%. Zapytanie 2 z 2: brak podziękowania. Zapytanie 1 z 2: dobrze."
    )


def test_axe_texts_from_the_polish_locale():
    from auditor.web import axe_pl

    assert axe_pl.rule_help("image-alt") == "Obrazy muszą mieć tekst alternatywny."
    node = {
        "any": [{"id": "color-contrast", "data": {"contrastRatio": 1.9, "fgColor": "#999"}}],
        "failureSummary": "Fix any of the following:\n  Element has insufficient color contrast",
    }
    summary = axe_pl.failure_summary(node)
    assert summary.startswith(axe_pl.ANY_HEADER) and "kontrast kolorów 1.9" in summary
    assert "Fix any" not in axe_pl.translate_summary("Fix any of the following:\n  x")


def test_audit_log_reads_as_polish(client, world):
    AuditLogEntry.objects.create(
        actor="cli", action="certificate.issue", object_type="certificate", object_id="7",
        details={"edition": 2027, "status": "pass", "at": "2027-03-02T10:00:00Z"},
    )  # fmt: skip
    login(client, world["organiser"])
    text = VisibleText.of(client.get(reverse("web:audit_log")).content.decode())
    assert "wydanie certyfikatu" in text and "certyfikat nr 7" in text
    assert "spełnione" in text and "2027-03-02 11:00" in text
    assert "certificate.issue" not in text


def test_observer_sees_polish_forbidden_page():
    # Django's own 403 for a CSRF failure is in our layout and Polish, too.
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("web:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    text = VisibleText.of(response.content.decode())
    assert "Formularz wygasł" in text and english_in(text, DENY) == []
