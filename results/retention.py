"""Retention: removing clerks' personal data of an edition once its appeals are long over.

A configured time (AUDITOR_RETENTION_MONTHS) after the edition's appeal deadline
(Edition.appeal_deadline, else the end of the window + AUDITOR_APPEAL_PERIOD_DAYS):
- raw e-mails (.eml) of replies and their attachments are erased from the evidence store;
- e-mail artifacts (email/1) are erased and replaced by a pseudonymised copy: times,
  classifications and hashes stay, the texts, senders' addresses and file names do not;
- website screenshots are erased (a page may show staff; which ones, a machine cannot tell);
- stored replies lose their texts, and their senders become pseudonyms (`urzednik-…@domain`);
- clerks' names and addresses found in replies are replaced by pseudonyms in the stored
  criterion results (what reports show) and in jurors' comments.
Scores, score runs and every SHA-256 stay: an erased blob's hash is kept in ErasedBlob and
in the records that cite it. A blob another edition still needs is left alone.
See docs/ethics.md.
"""

from __future__ import annotations

import calendar
import email
import hashlib
import hmac
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from email import policy
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from results.evidence_store import EvidenceStore

ERASED_TEXT = ""
PRODUCER = "retention"
_SHA = re.compile(r"^[0-9a-f]{64}$")
_CAP = r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+(?:-[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+)?"
_NAME_LINE = re.compile(rf"^(?:[a-ząćęłńóśźż.]+\s+){{0,3}}({_CAP}(?:\s+{_CAP}){{1,2}})[\s,.]*$")
# Capitalised words that open or sign a letter, or name an office: never a person's name.
_NOT_NAMES = {
    "Biuro", "Dział", "Dyrektor", "Dzień", "Dobry", "Gmina", "Gminy", "Inspektor", "Kancelaria",
    "Kierownik", "Miasta", "Miejski", "Miejskie", "Ośrodek", "Pomocy", "Powiatowe", "Pozdrawiam",
    "Poważaniem", "Prezes", "Przedsiębiorstwo", "Referat", "Sekretarz", "Serdecznie",
    "Społecznej", "Spółdzielnia", "Spółka", "Starostwo", "Szacunku", "Szanowna", "Szanowny",
    "Szanowni", "Państwo", "Urząd", "Urzędu", "Wodociągi", "Wspólnota", "Wydział", "Zakład",
    "Zarząd", "Dziękuję", "Wyrazami", "Mieszkaniowa", "Komunalne", "Skarbowy", "Pracy",
}  # fmt: skip


class RetentionError(ValueError):
    """Retention cannot run as asked (Polish message, for the command's user)."""


@dataclass
class RetentionReport:
    edition: int
    appeal_deadline: str
    appeal_deadline_derived: bool  # True: end of window + AUDITOR_APPEAL_PERIOD_DAYS
    due_on: str
    dry_run: bool
    due: bool = False  # today is on or after due_on
    already_done: bool = False
    erased: list[dict[str, Any]] = field(default_factory=list)  # sha256, media_type, reason
    kept_for_other_editions: list[str] = field(default_factory=list)
    messages_pseudonymised: int = 0
    criterion_results_redacted: int = 0
    assessments_redacted: int = 0
    names_found: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def appeal_deadline(edition) -> tuple[date, bool]:
    """The edition's appeal deadline (results.appeals), and whether it was derived from the
    window's end."""
    from results.appeals import appeal_deadline as deadline

    return deadline(edition), edition.appeal_deadline is None


def due_on(edition) -> date:
    """The first day on which the edition's personal data are removed."""
    return add_months(appeal_deadline(edition)[0], settings.AUDITOR.retention_months)


def pseudonym(value: str) -> str:
    """A stable stand-in for a name or an address: the same person, the same pseudonym; no
    way back without the secret key and the original list (which retention destroys)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.strip().casefold().encode(), hashlib.sha256).hexdigest()[:8]


def _address_pseudonym(address: str) -> str:
    local, _, domain = address.partition("@")
    if not domain or local.startswith("urzednik-"):
        return address
    return f"urzednik-{pseudonym(address)}@{domain}"


def _name_pseudonym(name: str) -> str:
    return f"[urzędnik {pseudonym(name)}]"


def names_in(message, raw: bytes | None) -> set[str]:
    """Personal names a reply carries: the From display name and name lines of its signature."""
    names: set[str] = set()
    if raw:
        parsed = email.message_from_bytes(raw, policy=policy.default)
        try:
            for addr in getattr(parsed["From"], "addresses", ()):
                if addr.display_name and len(addr.display_name.split()) >= 2:
                    names.add(addr.display_name.strip())
        except (TypeError, ValueError, IndexError):
            pass
    tail = (message.new_text or "").strip().splitlines()[-5:]
    for line in [*(message.signature or "").splitlines(), *tail]:
        found = _NAME_LINE.match(line.strip())
        if found and not set(found.group(1).split()) & _NOT_NAMES:
            names.add(found.group(1))
    return names


def _replacer(names: set[str], addresses: set[str]):
    """A function replacing the names (and "Pan/Pani Surname") and addresses in a text."""
    pairs = [(a, _address_pseudonym(a)) for a in addresses if a]
    for name in sorted(names, key=len, reverse=True):
        pairs.append((name, _name_pseudonym(name)))
    surnames = {n.split()[-1]: _name_pseudonym(n) for n in names}
    titled = (
        re.compile(
            r"\b(Pan|Pani|Pana|Panu|Panią)\s+(" + "|".join(map(re.escape, surnames)) + r")\b"
        )
        if surnames
        else None
    )

    def replace(text: str) -> str:
        for old, new in pairs:
            text = text.replace(old, new)
        if titled is not None:
            text = titled.sub(lambda m: f"{m.group(1)} {surnames[m.group(2)]}", text)
        return text

    return replace


def _json_replace(value: Any, replace) -> Any:
    if value is None:
        return None
    return json.loads(replace(json.dumps(value, ensure_ascii=False)))


def _blob_hashes(value: Any, keys: tuple[str, ...]) -> set[str]:
    """Every SHA-256 under one of `keys` (or a key ending in _blob) anywhere in `value`."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if (
                (key in keys or key.endswith("_blob"))
                and isinstance(item, str)
                and _SHA.match(item)
            ):
                found.add(item)
            else:
                found |= _blob_hashes(item, keys)
    elif isinstance(value, list):
        for item in value:
            found |= _blob_hashes(item, keys)
    return found


def _load(store: EvidenceStore, sha: str) -> Any:
    try:
        return json.loads(store.read(sha))
    except (OSError, ValueError):
        return None


def _messages(edition):
    """Replies of the edition's enquiries, and unmatched mail received from the window's start
    to the appeal deadline (it may still be a clerk's reply)."""
    from results.models import IncomingMessage

    start = timezone.make_aware(datetime.combine(edition.window_start, datetime.min.time()))
    end = timezone.make_aware(
        datetime.combine(appeal_deadline(edition)[0] + timedelta(days=1), datetime.min.time())
    )
    matched = IncomingMessage.objects.filter(enquiry__edition=edition)
    loose = IncomingMessage.objects.filter(
        enquiry__isnull=True, internaldate__gte=start, internaldate__lt=end
    )
    return list(matched) + list(loose)


def _personal_blobs(edition, store: EvidenceStore) -> dict[str, str]:
    """SHA-256 → reason, for every blob of the edition that may carry clerks' personal data."""
    from results.models import ArtifactRecord, EvidenceBlob, ProbeRun

    blobs: dict[str, str] = {}
    for message in _messages(edition):
        if message.raw_blob:
            blobs[message.raw_blob] = "eml"
        for sha in _blob_hashes(message.attachments, ("sha256", "blob")):
            blobs[sha] = "attachment"
    enquiry_ids = set(edition.enquiries.values_list("id", flat=True))
    email_artifacts = set(
        ArtifactRecord.objects.filter(edition=edition, channel="email").values_list(
            "blob_sha256", flat=True
        )
    )
    # Older snapshots of the same enquiries are no longer cited by a record, but are kept.
    for sha in EvidenceBlob.objects.filter(producer__endswith=".artifact").values_list(
        "sha256", flat=True
    ):
        if sha not in email_artifacts:
            data = _load(store, sha) if store.exists(sha) else None
            if isinstance(data, dict) and data.get("schema") == "email/1":
                if (data.get("enquiry") or {}).get("id") in enquiry_ids:
                    email_artifacts.add(sha)
    for sha in email_artifacts:
        blobs[sha] = "email-artifact"
    website = set(
        ArtifactRecord.objects.filter(edition=edition, channel="website").values_list(
            "blob_sha256", flat=True
        )
    ) | set(
        ProbeRun.objects.filter(sweep__edition=edition, probe="website")
        .exclude(artifact_sha256="")
        .values_list("artifact_sha256", flat=True)
    )
    for sha in website:
        data = _load(store, sha) if store.exists(sha) else None
        for page in (data or {}).get("pages") or () if isinstance(data, dict) else ():
            for key in ("screenshot_desktop", "screenshot_mobile"):
                if isinstance(page.get(key), str) and _SHA.match(page[key]):
                    blobs[page[key]] = "screenshot"
    return blobs


def _pseudonymised_artifact(data: dict, original: str, replace) -> dict:
    copy = json.loads(json.dumps(data))
    for message in copy.get("messages") or ():
        message["from"] = _address_pseudonym(str(message.get("from") or ""))
        for key in ("new_text", "quoted_text", "signature"):
            if key in message:
                message[key] = ERASED_TEXT
        message["subject"] = replace(str(message.get("subject") or ""))
        for attachment in message.get("attachments") or ():
            attachment.pop("filename", None)
    copy["retention"] = {"original_sha256": original, "at": timezone.now().isoformat()}
    return copy


def apply_retention(
    edition,
    *,
    dry_run: bool,
    today: date | None = None,
    store: EvidenceStore | None = None,
    actor: str = "auditor retention",
) -> RetentionReport:
    """Remove or pseudonymise the edition's clerks' personal data (see the module's doc).

    Raises RetentionError before the due date. Running it again changes nothing."""
    from results.models import (
        AuditLogEntry,
        CriterionResultRecord,
        Edition,
        ErasedBlob,
        EvidenceBlob,
        JurorAssessment,
    )

    store = store or EvidenceStore()
    today = today or timezone.localdate()
    deadline, derived = appeal_deadline(edition)
    report = RetentionReport(
        edition=edition.year,
        appeal_deadline=deadline.isoformat(),
        appeal_deadline_derived=derived,
        due_on=due_on(edition).isoformat(),
        dry_run=dry_run,
        already_done=edition.retention_done_at is not None,
        due=today >= due_on(edition),
    )
    if today < due_on(edition) and not dry_run:
        raise RetentionError(
            f"Dane osobowe edycji {edition.year} można usunąć dopiero od {report.due_on} "
            f"({settings.AUDITOR.retention_months} mies. po terminie odwołań {report.appeal_deadline})."
        )

    messages = _messages(edition)
    names: set[str] = set()
    addresses: set[str] = set()
    for message in messages:
        raw = (
            store.read(message.raw_blob)
            if message.raw_blob and store.exists(message.raw_blob)
            else None
        )
        names |= names_in(message, raw)
        if message.from_addr and not message.from_addr.startswith("urzednik-"):
            addresses.add(message.from_addr)
    report.names_found = len(names)
    replace = _replacer(names, addresses)

    blobs = _personal_blobs(edition, store)
    others = [
        e
        for e in Edition.objects.exclude(pk=edition.pk)
        if e.retention_done_at is None and due_on(e) > today
    ]
    needed_elsewhere = (
        set().union(*(_personal_blobs(e, store) for e in others)) if others else set()
    )
    for sha in sorted(blobs):
        if sha in needed_elsewhere:
            report.kept_for_other_editions.append(sha)
        elif store.exists(sha) or EvidenceBlob.objects.filter(sha256=sha).exists():
            row = EvidenceBlob.objects.filter(sha256=sha).first()
            media = row.media_type if row else ""
            report.erased.append({"sha256": sha, "media_type": media, "reason": blobs[sha]})

    results = CriterionResultRecord.objects.filter(score_record__run__edition=edition)
    assessments = JurorAssessment.objects.filter(edition=edition)
    if dry_run:
        report.messages_pseudonymised = sum(1 for m in messages if m.new_text or m.signature)
        report.criterion_results_redacted = sum(1 for r in results if _redacted(r, replace))
        report.assessments_redacted = sum(1 for a in assessments if replace(a.comment) != a.comment)
        return report

    with transaction.atomic():
        for item in report.erased:
            _erase(item, edition.year, replace, store, EvidenceBlob, ErasedBlob)
        for message in messages:
            changed = bool(message.new_text or message.quoted_text or message.signature)
            message.from_addr = _address_pseudonym(message.from_addr)
            message.subject = replace(message.subject)
            message.new_text = message.quoted_text = message.signature = ERASED_TEXT
            message.attachments = [
                {k: v for k, v in a.items() if k != "filename"} for a in message.attachments or ()
            ]
            message.save()
            report.messages_pseudonymised += changed
        for record in results:
            if _redacted(record, replace):
                record.explanation = replace(record.explanation)
                record.evidence = _json_replace(record.evidence, replace)
                record.details = _json_replace(record.details, replace)
                record.original = _json_replace(record.original, replace)
                record.save()
                report.criterion_results_redacted += 1
        for assessment in assessments:
            if replace(assessment.comment) != assessment.comment:
                assessment.comment = replace(assessment.comment)
                assessment.save(update_fields=["comment"])
                report.assessments_redacted += 1
        Edition.objects.filter(pk=edition.pk).update(retention_done_at=timezone.now())
        AuditLogEntry.objects.log_fields(
            actor,
            AuditLogEntry.Action.RETENTION_APPLY,
            ("edition", edition.year),
            "due_on appeal_deadline kept_for_other_editions messages_pseudonymised "
            "criterion_results_redacted assessments_redacted",
            source=report,
            erased=[i["sha256"] for i in report.erased],
        )
    return report


def _redacted(record, replace) -> bool:
    before = json.dumps(
        [record.explanation, record.evidence, record.details, record.original], ensure_ascii=False
    )
    return replace(before) != before


def _erase(item: dict, year: int, replace, store: EvidenceStore, EvidenceBlob, ErasedBlob) -> None:
    """Erase one blob: keep its hash and metadata (and a pseudonymised copy of an artifact)."""
    sha = item["sha256"]
    row = EvidenceBlob.objects.filter(sha256=sha).first()
    replacement = ""
    if item["reason"] == "email-artifact" and store.exists(sha):
        data = _load(store, sha)
        if isinstance(data, dict):
            payload = json.dumps(
                _pseudonymised_artifact(data, sha, replace), ensure_ascii=False, sort_keys=True
            ).encode()
            replacement = store.put(payload, "application/json", PRODUCER)
    ErasedBlob.objects.update_or_create(
        sha256=sha,
        defaults={
            "media_type": row.media_type if row else item.get("media_type", ""),
            "size": row.size if row else 0,
            "producer": row.producer if row else "",
            "created_at": row.created_at if row else timezone.now(),
            "edition": year,
            "reason": item["reason"],
            "replacement": replacement,
        },
    )
    item["replacement"] = replacement
    if row is not None:
        from results.web_models import ParticipantEvidence

        ParticipantEvidence.objects.filter(blob_id=sha).delete()  # the file is gone for all
        row.delete()
    path = store.path(sha)
    if path.exists():
        path.chmod(0o644)
        path.unlink()
