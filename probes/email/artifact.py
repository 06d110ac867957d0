"""The e-mail artifact (docs/artifacts.md, schema "email/1"): one per enquiry.

Pure: built from plain data the caller collected (the enquiry and the messages matched to
it); times are ISO 8601 UTC with a trailing Z.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

SCHEMA = "email/1"


def iso_z(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_email_artifact(
    enquiry: dict, messages: Iterable[dict], office_hours: dict | None, followup: dict | None = None
) -> dict:
    """`enquiry` keys: id, template_id, wording, subject, body, to, persona_name,
    persona_gender, message_id, state, sent_at, smtp_response, deadline_at, answer_key.
    Each message: uid, raw_blob, received_at, date_header, from, subject, kind, bounce,
    matched_by, new_text, quoted_text, signature, attachments, charset_repaired, and
    optionally match (the matcher's evidence). `followup`: the persona's one answer to a
    clerk's request for a detail (keys state, details, to, subject, body, message_id,
    in_reply_to, trigger_uid, planned_at, sent_at, smtp_response), kept only when there is one."""
    items = sorted(messages, key=lambda m: (m["received_at"], m["uid"]))
    artifact = {
        "schema": SCHEMA,
        "enquiry": {
            "id": enquiry["id"],
            "template_id": enquiry["template_id"],
            "wording": enquiry["wording"],
            "subject": enquiry["subject"],
            "body": enquiry["body"],
            "to": list(enquiry["to"]),
            "persona": {"name": enquiry["persona_name"], "gender": enquiry["persona_gender"]},
            "message_id": enquiry["message_id"],
            "state": enquiry["state"],
            "sent_at": iso_z(enquiry["sent_at"]),
            "smtp_response": enquiry["smtp_response"],
            "deadline_at": iso_z(enquiry["deadline_at"]),
            "answer_key": enquiry["answer_key"],
        },
        "office_hours": office_hours,
        "messages": [
            {
                "uid": m["uid"],
                "raw_blob": m["raw_blob"],
                "received_at": iso_z(m["received_at"]),
                "date_header": iso_z(m["date_header"]),
                "from": m["from"],
                "subject": m["subject"],
                "kind": m["kind"],
                "bounce": m["bounce"],
                "matched_by": m["matched_by"],
                "new_text": m["new_text"],
                "quoted_text": m["quoted_text"],
                "signature": m["signature"],
                "attachments": list(m["attachments"]),
                "charset_repaired": bool(m["charset_repaired"]),
                # How it was matched without threading, and why (probes.email.match); only
                # where there is such evidence, so threaded replies' artifacts stay as they were.
                **({"match": m["match"]} if m.get("match") else {}),
            }
            for m in items
        ],
    }
    if followup is not None:
        artifact["followup"] = {
            **followup,
            "planned_at": iso_z(followup.get("planned_at")),
            "sent_at": iso_z(followup.get("sent_at")),
        }
    return artifact
