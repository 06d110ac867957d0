"""A participant's evidence read back from the store and shaped for the evidence page.

Reads the artifacts scoring reads (results.evidence_index.evidence_records) and the blobs
they reference: axe results grouped by rule, axe's "incomplete" results as a review
queue, the e-mail threads with latencies and each HTML reply sanitised.
"""

from __future__ import annotations

import email
import email.policy
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.dateparse import parse_datetime

from auditor.web.sanitize import sanitise_email_html
from probes.failures import NOT_MEASURED, OK, SITE_FAILURE
from results.evidence_index import evidence_records
from results.evidence_store import EvidenceStore
from results.models import Edition, Participant
from results.web_models import IncompleteReview
from rubrics.calendar import OfficeHours, business_seconds, format_duration, parse_days_off

IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
IMPACT_LABELS = {
    "critical": "krytyczne",
    "serious": "poważne",
    "moderate": "umiarkowane",
    "minor": "drobne",
}
MESSAGE_KIND_LABELS = {
    "human_reply": "odpowiedź człowieka",
    "auto_reply": "odpowiedź automatyczna",
    "bounce": "zwrot (niedoręczenie)",
    "read_receipt": "potwierdzenie przeczytania",
    "other": "inna wiadomość",
}
OUTCOME_LABELS = {
    OK: "zbadano",
    SITE_FAILURE: "awaria strony uczestnika",
    NOT_MEASURED: "nie zmierzono (nasza awaria)",
    "": "brak danych",
}
ENQUIRY_STATE_LABELS = {
    "pending": "oczekuje na wysłanie",
    "uncertain": "niepewne wysłanie",
    "sent": "wysłano",
    "failed": "nie wysłano",
    "unanswered": "bez odpowiedzi",
    "answered": "z odpowiedzią",
}


@dataclass
class RuleGroup:
    rule_id: str
    impact: str
    help: str
    description: str
    tags: list[str]
    nodes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def impact_label(self) -> str:
        return IMPACT_LABELS.get(self.impact, self.impact or "—")


@dataclass
class WebsiteEvidence:
    artifact_sha: str
    artifact: dict[str, Any]
    pages: list[dict[str, Any]]
    violations: list[RuleGroup]
    incomplete: list[dict[str, Any]]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.artifact.get("outcome", ""), self.artifact.get("outcome"))


@dataclass
class EmailThread:
    artifact_sha: str
    enquiry: dict[str, Any]
    messages: list[dict[str, Any]]

    @property
    def state_label(self) -> str:
        state = self.enquiry.get("state", "")
        return ENQUIRY_STATE_LABELS.get(state, state)


@dataclass
class ParticipantEvidenceView:
    website: WebsiteEvidence | None
    emails: list[EmailThread]
    missing_blobs: list[str]


def _load_json(store: EvidenceStore, sha: str, missing: list[str]) -> Any:
    try:
        return json.loads(store.read(sha))
    except FileNotFoundError:
        missing.append(sha)
        return None


def _website(
    participant: Participant, sha: str, store: EvidenceStore, missing: list[str]
) -> WebsiteEvidence | None:
    artifact = _load_json(store, sha, missing)
    if artifact is None:
        return None
    groups: dict[str, RuleGroup] = {}
    incomplete: list[dict[str, Any]] = []
    pages = []
    for page in artifact.get("pages") or []:
        pages.append(page)
        axe_sha = page.get("axe_blob")
        axe = _load_json(store, axe_sha, missing) if axe_sha else None
        if not axe:
            continue
        page_url = page.get("final_url") or page.get("url", "")
        for rule in axe.get("violations") or []:
            group = groups.get(rule["id"])
            if group is None:
                group = groups[rule["id"]] = RuleGroup(
                    rule_id=rule["id"],
                    impact=rule.get("impact") or "",
                    help=rule.get("help", ""),
                    description=rule.get("description", ""),
                    tags=[t for t in rule.get("tags", []) if t.startswith(("wcag", "EN-"))],
                )
            for node in rule.get("nodes") or []:
                group.nodes.append(
                    {
                        "page_url": page_url,
                        "target": _target(node),
                        "html": node.get("html", ""),
                        "summary": node.get("failureSummary", ""),
                        "screenshot": page.get("screenshot_desktop"),
                    }
                )
        for rule in axe.get("incomplete") or []:
            for node in rule.get("nodes") or []:
                incomplete.append(
                    {
                        "axe_blob": axe_sha,
                        "page_url": page_url,
                        "rule_id": rule["id"],
                        "impact": rule.get("impact") or "",
                        "impact_label": IMPACT_LABELS.get(rule.get("impact") or "", "—"),
                        "help": rule.get("help", ""),
                        "target": _target(node),
                        "html": node.get("html", ""),
                        "summary": node.get("failureSummary", ""),
                        "screenshot": page.get("screenshot_desktop"),
                    }
                )
    reviews = {
        (r.axe_blob, r.rule_id, r.target): r
        for r in IncompleteReview.objects.filter(participant=participant).select_related("reviewer")
    }
    for index, item in enumerate(incomplete):
        item["index"] = index
        item["review"] = reviews.get((item["axe_blob"], item["rule_id"], item["target"]))
    violations = sorted(groups.values(), key=lambda g: (IMPACT_ORDER.get(g.impact, 9), g.rule_id))
    return WebsiteEvidence(sha, artifact, pages, violations, incomplete)


def _target(node: dict[str, Any]) -> str:
    target = node.get("target") or []
    return " ".join(t if isinstance(t, str) else " ".join(t) for t in target)


def _html_part(raw: bytes) -> str | None:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    body = message.get_body(preferencelist=("html",))
    if body is None:
        return None
    try:
        return body.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = body.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def scoring_calendar(edition: Edition) -> tuple[OfficeHours, frozenset]:
    """The hours and days off EML-LAT counts in for the edition (the jurors see the same)."""
    from rubrics.email.latency import scoring_hours
    from rubrics.rubric import RubricError, load_rubric

    try:
        params = dict(load_rubric(edition.rubric_version).criterion("EML-LAT").params)
    except (RubricError, KeyError):
        params = {}
    try:
        days_off = parse_days_off(edition.days_off)
    except ValueError:
        days_off = frozenset()
    return scoring_hours(params)[0], days_off


def _thread(
    sha: str,
    store: EvidenceStore,
    missing: list[str],
    calendar: tuple[OfficeHours, frozenset] | None = None,
) -> EmailThread | None:
    artifact = _load_json(store, sha, missing)
    if artifact is None:
        return None
    enquiry = dict(artifact.get("enquiry") or {})
    sent_at = parse_datetime(enquiry.get("sent_at") or "")
    enquiry["sent_at_dt"] = sent_at
    messages = []
    for original in artifact.get("messages") or []:
        message = dict(original)
        received = parse_datetime(message.get("received_at") or "")
        message["received_at_dt"] = received
        message["kind_label"] = MESSAGE_KIND_LABELS.get(message.get("kind", ""), "inna wiadomość")
        if sent_at and received:
            message["latency_wall"] = format_duration((received - sent_at).total_seconds())
            hours, days_off = calendar or (OfficeHours.parse(None), frozenset())
            message["latency_business"] = format_duration(
                business_seconds(sent_at, received, hours, days_off)
            )
        message["safe_html"] = None
        raw_sha = message.get("raw_blob")
        if raw_sha:
            try:
                html = _html_part(store.read(raw_sha))
            except FileNotFoundError:
                missing.append(raw_sha)
                html = None
            if html:
                message["safe_html"] = sanitise_email_html(html)
        messages.append(message)
    return EmailThread(sha, enquiry, messages)


def load_evidence(
    participant: Participant, edition: Edition | None = None, store: EvidenceStore | None = None
) -> ParticipantEvidenceView:
    """Exactly the evidence scoring reads (results.evidence_index.evidence_records): the newest
    website artifact and one artifact per enquiry, of the edition (default: the participant's
    newest)."""
    store = store or EvidenceStore()
    missing: list[str] = []
    if edition is None:
        from auditor.web.judging import edition_of

        edition = edition_of(participant)
    if edition is None:
        return ParticipantEvidenceView(None, [], missing)
    records = evidence_records(edition, participant)
    website = None
    if records["website"] is not None:
        website = _website(participant, records["website"].blob_sha256, store, missing)
    emails = []
    calendar = scoring_calendar(edition)
    for record in records["email"]:
        thread = _thread(record.blob_sha256, store, missing, calendar)
        if thread is not None:
            emails.append(thread)
    return ParticipantEvidenceView(website, emails, missing)
