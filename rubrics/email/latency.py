"""EML-LAT: how fast the participant answered, in business time (DOMAIN.md §5(c) point 3).

Latency = reply arrival (INTERNALDATE) minus our SMTP 250, counted in ONE uniform calendar
for every participant (rubrics/calendar.py: Monday–Friday 8:00–16:00, Polish holidays,
Wigilia and the edition's declared days off); the rubric's `office_hours_default`, when
set, replaces those hours, still the same for everyone. Hours stored with the enquiry or
published by the participant are never used: narrow published hours must not turn a slow
reply into a fast one. The explanation names the enquiry's legal regime ("termin ustawowy
14 dni (UDIP art. 13)" or "bez terminu ustawowego"). First response (a holding reply counts) and resolution
(a substantive answer, a refusal or a redirect) are banded separately and combined as
0.4·first + 0.6·resolution. An automatic acknowledgement never stops a clock, but earns
+5 when it comes within an hour and gives a case number or the expected time (cap 100).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from rubrics.calendar import (
    REGIME_TEXTS,
    SCORING_HOURS,
    UDIP,
    WARSAW,
    OfficeHours,
    business_seconds,
    legal_regime,
)
from rubrics.email.aggregate import Verdict, days_off_of, judge_enquiries, no_reply
from rubrics.email.answer_key import snippet_around
from rubrics.email.replies import CLARIFICATION, LABELS
from rubrics.email.timeline import Reply, Timeline, parse_time
from rubrics.outcome import CriterionResult
from rubrics.registry import Param, criterion, param_values

FIRST_WEIGHT, RESOLUTION_WEIGHT = 0.4, 0.6
ACK_BONUS, ACK_WITHIN = 5, timedelta(hours=1)
# (limit, points): business hours, then business days, then calendar days.
HOURS_BAND = (4, 100)
DAY_BANDS = ((1, 90), (2, 75), (3, 60), (5, 45), (10, 25))
CALENDAR_BAND = (timedelta(days=14), 10)

CASE_OR_TIME = re.compile(
    r"(nr|numer|znak|sygn\w*)\.?\s+(sprawy|zg[łl]oszenia|wniosku|pisma|korespondencji|kancelaryjn\w*)"
    r"|\b[A-Z]{1,6}[.\-/]\d{1,6}[.\-/]\d{1,6}([.\-/]\d{2,4})?\b"
    r"|(odpowi\w+|rozpatrz\w+|za[łl]atw\w+|odpisz\w+|skontaktuj\w+)[^.\n]{0,60}?"
    r"(w ci[ąa]gu|do|w terminie|w przeci[ąa]gu)\s+\d+\s+(dni|godzin|dnia)",
    re.IGNORECASE,
)

TEXTS = {
    "first": "pierwsza odpowiedź ({cls}) po {wall} ({biz} w godzinach pracy): {pts} pkt",
    "first_none": "brak odpowiedzi w terminie: 0 pkt",
    "resolution": "rozstrzygnięcie ({cls}) po {wall} ({biz} w godzinach pracy): {pts} pkt",
    "resolution_same": "to zarazem rozstrzygnięcie sprawy",
    "resolution_none": "brak odpowiedzi merytorycznej w terminie: 0 pkt",
    "bonus": "automatyczne potwierdzenie z numerem sprawy lub terminem w ciągu godziny: +5 pkt",
    "total": "{parts}; razem {total:g} pkt na 100",
    "bad_hours": "kalendarz oceny z rubryki jest niepoprawny — przyjęto pn–pt 8:00–16:00",
    "regime": "{regime}",
    "regime_assumed": "{regime} (przyjęto według rodzaju uczestnika)",
    "breach": "termin ustawowy minął bez odpowiedzi",
    "extension": "zawiadomienie o przedłużeniu terminu (UDIP art. 13 ust. 2) z {received}, w "
    "terminie 14 dni: zapytanie pozostaje w terminie ustawowym do {until}{capped}; odpowiedź "
    "rozstrzygającą mierzy się względem tej daty",
    "extension_capped": " (zapowiedziano później, ale ustawa pozwala najwyżej na 2 miesiące od "
    "zapytania)",
    "extension_breach": "przedłużony termin minął bez odpowiedzi rozstrzygającej",
    "followup": "urzędnik poprosił o doprecyzowanie ({asked}); persona odpowiedziała po "
    "{wait} — rozstrzygnięcie liczy się od wysłania zapytania, z czasem persony, a termin "
    "od pierwotnego zapytania",
    "followup_late": "odpowiedź rozstrzygająca przyszła, zanim wyszło doprecyzowanie persony",
    "followup_not_sent": "urzędnik poprosił o doprecyzowanie, a odpowiedź persony nie wyszła "
    "(po naszej stronie): rozstrzygnięcia nie oceniono",
}


def band_points(
    business_s: float, wall: timedelta, day_s: float, limit: timedelta = CALENDAR_BAND[0]
) -> int:
    """Points of DOMAIN.md §5(c)'s latency table; `limit`: the enquiry's deadline from sending
    (at least 14 days; longer when the deadline moved past days off)."""
    if business_s <= HOURS_BAND[0] * 3600:
        return HOURS_BAND[1]
    for days, points in DAY_BANDS:
        if business_s <= days * day_s:
            return points
    return CALENDAR_BAND[1] if wall <= max(limit, CALENDAR_BAND[0]) else 0


def _duration(td: timedelta) -> str:
    minutes = int(td.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {mins} min" if hours else f"{mins} min"


def _business(seconds: float) -> str:
    return _duration(timedelta(seconds=seconds))


def _check_hours(value: Any) -> str | None:
    if value is None:
        return None
    try:
        OfficeHours.parse(value)
    except (ValueError, TypeError, AttributeError):
        return (
            'oczekiwano godzin pracy w postaci {mon: [["07:30", "15:30"]], …} '
            f"(dni: mon…sun), jest {value!r}"
        )
    return None


PARAMS = (
    Param(
        "office_hours_default",
        "kalendarz oceny: godziny pracy, w których liczy się czas odpowiedzi — jednakowe dla "
        "wszystkich uczestników; bez tego parametru pn–pt 8:00–16:00 (rubrics/calendar.py); "
        "godziny podane przez uczestnika nigdy się nie liczą",
        None,
        _check_hours,
    ),
)


def scoring_hours(params: dict[str, Any]) -> tuple[OfficeHours, bool]:
    """The uniform scoring calendar: the rubric's `office_hours_default`, else the calendar's
    SCORING_HOURS. Never the participant's own hours. Also: whether the rubric's was bad."""
    calendar = params.get("office_hours_default")
    try:
        return OfficeHours.parse(calendar or SCORING_HOURS), False
    except (ValueError, TypeError):
        return OfficeHours.parse(SCORING_HOURS), True


def scoring_calendar(ctx: dict[str, Any]) -> tuple[OfficeHours, frozenset[date], bool]:
    """The one scoring calendar every e-mail criterion counts working time in: EML-LAT's
    uniform hours (its `office_hours_default`, else SCORING_HOURS) and the edition's declared
    days off; also whether the rubric's hours were bad. Criteria other than EML-LAT read
    EML-LAT's parameters from the rubric (ctx "rubric_params", set by the engine)."""
    lat_params = (ctx.get("rubric_params") or {}).get("EML-LAT")
    params = param_values("EML-LAT", {"params": lat_params} if lat_params is not None else ctx)
    hours, bad = scoring_hours(params)
    return hours, days_off_of(ctx), bad


def working_days_between(start: datetime, end: datetime, ctx: dict[str, Any]) -> float:
    """Working time from `start` to `end` in business days of the one scoring calendar."""
    hours, days_off, _ = scoring_calendar(ctx)
    return business_seconds(start, end, hours, days_off) / hours.business_day_seconds


def regime_of(timeline: Timeline, kind: str | None) -> tuple[str, bool]:
    """The enquiry's legal regime: recorded with it (answer key), else assumed from the kind."""
    key = timeline.enquiry.get("answer_key") or {}
    declared = key.get("legal_regime") if isinstance(key, dict) else None
    return legal_regime(declared or timeline.enquiry.get("legal_regime"), kind)


def _followup(timeline: Timeline, details: dict[str, Any]) -> tuple[dict, str | None] | None:
    """The persona's answer to a clerk's request for a detail (docs/email.md, "Doprecyzowanie"):
    the first response's clock stopped at the request; the resolution's runs on from sending,
    the persona's time included, to the deadline of the enquiry itself. Returns its proof and
    the explanation's part, None for the part when the answer was never sent (and the
    question is still open: the resolution cannot be judged)."""
    f = timeline.followup
    asks = [r for r in timeline.human_replies if r.code == CLARIFICATION]
    if f is None or not asks:
        return None
    asked_in = next((r for r in asks if r.message.get("uid") == f.get("trigger_uid")), asks[0])
    proof = timeline.followup_proof()
    sent_at = parse_time(f.get("sent_at")) if f.get("state") == "sent" else None
    details["followup"] = {"state": f.get("state"), "sent_at": f.get("sent_at")}
    if sent_at is None:
        return proof, None if timeline.resolution is None else TEXTS["followup_late"]
    asked = ", ".join(proof["asked"]) or "szczegół"
    wait = max(sent_at - asked_in.received_at, timedelta(0))
    return proof, TEXTS["followup"].format(asked=asked, wait=_duration(wait))


def _local_day(moment: datetime) -> str:
    return moment.astimezone(WARSAW).strftime("%d.%m.%Y")


def _extension(timeline: Timeline, details: dict[str, Any]) -> str:
    """UDIP art. 13 ust. 2: a timely notice keeps the enquiry within the law until the date it
    announced (at most 2 months from the request); the resolution is measured against it."""
    ext = timeline.extension
    assert ext is not None
    details["extension"] = {
        "uid": ext.notice.message.get("uid"),
        "announced": ext.announced.isoformat() if ext.announced else None,
        "until": ext.until.isoformat().replace("+00:00", "Z"),
        "capped": ext.capped,
        "snippet": ext.snippet,
    }
    return TEXTS["extension"].format(
        received=_local_day(ext.notice.received_at),
        until=_local_day(ext.until),
        capped=TEXTS["extension_capped"] if ext.capped else "",
    )


def judge_latency(timeline: Timeline, ctx: dict[str, Any]) -> Verdict:
    hours, days_off, bad_hours = scoring_calendar(ctx)
    regime, assumed = regime_of(timeline, ctx.get("kind"))
    sent = timeline.sent_at
    limit = (timeline.deadline_at - sent) if timeline.deadline_at else CALENDAR_BAND[0]
    evidence: list[dict[str, Any]] = [timeline.enquiry_proof()]
    details: dict[str, Any] = {}
    parts: list[str] = []

    def band(reply: Reply | None, label: str) -> int:
        if reply is None:
            parts.append(TEXTS[f"{label}_none"])
            details[label] = None
            return 0
        wall = max(reply.received_at - sent, timedelta(0))
        biz = business_seconds(sent, reply.received_at, hours, days_off)
        points = band_points(biz, wall, hours.business_day_seconds, limit)
        details[label] = {
            "uid": reply.message.get("uid"),
            "class": reply.code,
            "wall_seconds": wall.total_seconds(),
            "business_seconds": biz,
            "points": points,
        }
        if label == "resolution" and reply is timeline.first:
            parts.append(TEXTS["resolution_same"])
        else:
            parts.append(
                TEXTS[label].format(
                    cls=LABELS[reply.code], wall=_duration(wall), biz=_business(biz), pts=points
                )
            )
            evidence.append(reply.proof(timeline.enquiry_id))
        return points

    first = band(timeline.first, "first")
    if timeline.extension is not None:
        parts.append(_extension(timeline, details))
    followup = _followup(timeline, details)
    if followup is not None:
        proof, text = followup
        evidence.append(proof)
        if text is None:  # the persona's answer never went out: ours, not theirs
            return Verdict(
                timeline.enquiry_id, None, TEXTS["followup_not_sent"], tuple(evidence), details
            )
        parts.append(text)
    resolution = band(timeline.resolution, "resolution")
    if timeline.first is None:
        parts.pop()  # "no resolution" says nothing more than "no reply"
    total = FIRST_WEIGHT * first + RESOLUTION_WEIGHT * resolution

    bonus_reply = next(
        (
            r
            for r in timeline.automatic
            if r.message.get("kind") != "read_receipt"
            and timedelta(0) <= r.received_at - sent <= ACK_WITHIN
            and CASE_OR_TIME.search(
                f"{r.message.get('subject') or ''}\n{r.message.get('new_text') or ''}"
            )
        ),
        None,
    )
    if bonus_reply is not None:
        text = f"{bonus_reply.message.get('subject') or ''}\n{bonus_reply.message.get('new_text') or ''}"
        hit = CASE_OR_TIME.search(text)
        evidence.append(bonus_reply.proof(timeline.enquiry_id, snippet_around(text, hit)))
        parts.append(TEXTS["bonus"])
        total += ACK_BONUS
    total = min(100.0, round(total, 6))
    breach = regime == UDIP and (
        timeline.first is None or (timeline.extension is not None and timeline.resolution is None)
    )
    if breach and timeline.first is not None:
        parts.append(TEXTS["extension_breach"])
    details.update(
        bonus=bonus_reply is not None,
        points=total,
        legal_regime=regime,
        regime_assumed=assumed,
        statutory_breach=breach,
    )
    if bad_hours:
        parts.append(TEXTS["bad_hours"])
    regime_text = TEXTS["regime_assumed" if assumed else "regime"].format(
        regime=REGIME_TEXTS[regime]
    )
    parts.append(regime_text)
    if timeline.first is None and bonus_reply is None:
        base = no_reply(timeline)
        explanation = f"{base.explanation}; {regime_text}"
        if breach:
            explanation += f"; {TEXTS['breach']}"
        return Verdict(timeline.enquiry_id, 0.0, explanation, base.evidence, details)
    explanation = TEXTS["total"].format(parts="; ".join(parts), total=total)
    return Verdict(timeline.enquiry_id, total / 100, explanation, tuple(evidence), details)


@criterion("EML-LAT", PARAMS)
def email_latency(evidence: dict[str, Any], ctx: dict[str, Any]) -> CriterionResult:
    return judge_enquiries("EML-LAT", evidence, ctx, judge_latency)
