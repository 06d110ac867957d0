"""The persona's one clarification: recorded by the watcher, sent by the one sender.

When a clerk's reply asks for a detail the template has a prepared answer for
(probes/email/clarify.py) and leaves the question open (rubrics/email/replies.py: a request
for clarification, or a reply with no fact of the answer key), the watcher records the
persona's answer as a `results.Followup` ("pending", due at once) in the same transaction as
the clerk's message. The one sender (scheduler/email/send.py `send_due`) sends it like an
enquiry: office hours and send days, the per-domain interval, the lease, exactly once.

Exactly once per enquiry: the follow-up is one-to-one with its enquiry in the database, so
a second watcher, a message read again or a second request from the clerk cannot add
another; once recorded, only the sender's conditional claim moves it on.
"""

from __future__ import annotations

import functools
from datetime import datetime

from django.db import IntegrityError, transaction

from probes.email.clarify import clarification_body, clarification_for
from probes.email.compose import WARSAW, new_message_id, reply_subject
from probes.email.templates import Template, load_templates, persona_signature
from results.email_models import Enquiry, Followup, IncomingMessage
from rubrics.email.replies import classify_reply, leaves_question_open


@functools.lru_cache(maxsize=1)
def _templates() -> dict[str, Template]:
    return load_templates()


def quoted_header(message: IncomingMessage) -> str:
    """The line a Polish Thunderbird puts above a quote: "W dniu 11.03.2027 o 10:15, X pisze:"."""
    when = (message.date_header or message.internaldate).astimezone(WARSAW)
    return f"W dniu {when:%d.%m.%Y} o {when:%H:%M}, {message.from_addr} pisze:"


def _asks_and_leaves_open(message: IncomingMessage, enquiry: Enquiry) -> bool:
    as_judged = {
        "kind": message.kind,
        "subject": message.subject,
        "new_text": message.new_text,
        "attachments": message.attachments,
    }
    return leaves_question_open(classify_reply(as_judged, enquiry.answer_key, enquiry.body))


def schedule_followup(message: IncomingMessage, now: datetime) -> Followup | None:
    """Record the persona's answer to `message` (a clerk's reply matched to its enquiry), due
    `now`; None when there is nothing to answer or the enquiry already has its follow-up.
    Call inside the transaction that records the message."""
    if message.enquiry_id is None or not message.new_text.strip():
        return None
    enquiry = Enquiry.objects.select_related("persona").get(pk=message.enquiry_id)
    if Followup.objects.filter(enquiry=enquiry).exists():
        return None  # the persona answers once per enquiry
    template = _templates().get(enquiry.template_id)
    if template is None or not _asks_and_leaves_open(message, enquiry):
        return None
    persona = enquiry.persona
    answer = clarification_for(template, message.new_text, persona.gender, already_clarified=False)
    if answer is None:
        return None
    body = clarification_body(
        answer,
        persona_signature(persona),
        quoted_header(message),
        message.new_text,
        closing=int((enquiry.variant or {}).get("closing", 0)),
    )
    references = [enquiry.message_id] if enquiry.message_id != message.message_id else []
    try:
        with transaction.atomic():  # a savepoint: losing the race leaves the caller's work
            return Followup.objects.create(
                enquiry=enquiry,
                trigger=message,
                details=list(answer.details),
                to=[message.from_addr],
                subject=reply_subject(message.subject or enquiry.subject)[:1000],
                body=body,
                message_id=new_message_id(persona.address),
                in_reply_to=message.message_id,
                references=references,
                planned_at=now,
            )
    except IntegrityError:
        return None  # another watcher recorded it first
