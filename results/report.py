"""The per-participant audit report: one self-contained Polish HTML page that prints to PDF.

Everything comes from a stored score run and the evidence store: screenshots are embedded
as data: URIs, charts are inline SVG drawn by results.charts; the page loads nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import statistics
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from probes.failures import failure_text
from results.charts import channel_comparison, distribution
from results.comparisons import benchmarks, previous_result
from results.evidence_store import EvidenceStore
from results.overrides import STATUS_LABELS
from results.polish import enquiry_numbers_from_evidence, evidence_fields, renumber_enquiries
from results.ranking import RankedEntry, Ranking, format_points
from rubrics.advice import advice_for
from rubrics.outcome import SCORED_STATUSES

CHANNEL_LABELS = {
    "website": "Strona WWW",
    "accessibility": "Dostępność",
    "email": "E-mail",
    "visit": "Wizyta",
    "phone": "Telefon",
    "social_media": "Media społecznościowe",
    "email_impression": "Wrażenie z korespondencji",
    "overall": "Ogólne wrażenie",
}
SOURCE_LABELS = {"machine": "ocena automatyczna", "jurors": "ocena jurorów", "override": "korekta"}
IMPROVEMENTS_SHOWN = 8
EMBEDDED_MEDIA = ("image/png", "image/jpeg", "image/webp", "image/gif")
WARSAW = ZoneInfo("Europe/Warsaw")
EVIDENCE_TYPES = {
    "page": "strona",
    "pages_searched": "przeszukane strony",
    "site_failure": "niedostępność strony",
    "message": "wiadomość",
    "enquiry": "zapytanie",
    "followup": "doprecyzowanie persony",
    "reply": "odpowiedź",
    "document": "dokument",
    "pdf": "dokument PDF",
    "link": "odnośnik",
    "axe": "test dostępności",
    "dns": "DNS domeny",
    "tls": "certyfikat",
}
FOLDED_STATUSES = ("pass", "not_applicable")


def local_time(value: str) -> str | None:
    """An ISO time of the evidence as a Polish reader expects it: Warsaw time, d.mm.rrrr."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(WARSAW).strftime("%-d.%m.%Y, %H:%M")


def _legal_refs(rubric_version: str) -> dict[str, str]:
    from rubrics.rubric import RubricError, load_rubric

    try:
        rubric = load_rubric(rubric_version)
    except RubricError:
        return {}
    return {c.id: getattr(c, "legal_ref", "") or "" for c in rubric.criteria}


def root_causes(criteria: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One cause behind many rows, stated once: the site was down when it was probed."""
    causes: dict[tuple, dict[str, Any]] = {}
    for c in criteria:
        for item in c.get("evidence") or []:
            if item.get("type") != "site_failure":
                continue
            key = (item.get("url"), item.get("kind"), item.get("detail"), item.get("at"))
            cause = causes.setdefault(
                key,
                {
                    "number": len(causes) + 1,
                    "text": (
                        f"Strona {item.get('url') or ''} była niedostępna podczas badania"
                        + (
                            f" ({local_time(item['at'])})"
                            if local_time(item.get("at") or "")
                            else ""
                        )
                        + f": {failure_text(item.get('kind'), item.get('detail'))}"
                    ),
                    "criteria": [],
                },
            )
            cause["criteria"].append(c["criterion_id"])
    for cause in causes.values():
        cause["text"] += (
            f" Dlatego kryteriów strony ocenionych na 0: {len(cause['criteria'])}. "
            "Gdy strona działa, następne badanie oceni je od nowa."
        )
    return list(causes.values())


def channel_scores(criteria: list[dict[str, Any]]) -> dict[str, float]:
    """Per channel: the weighted mean (0–100) of the scored criteria."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for c in criteria:
        if c["status"] in SCORED_STATUSES and c["weight"] > 0:
            sums[c["channel"]][0] += c["weight"] * c["score"]
            sums[c["channel"]][1] += c["weight"]
    return {ch: 100.0 * s / w for ch, (s, w) in sums.items() if w > 0}


def weighted_losses(participant: dict[str, Any]) -> list[dict[str, Any]]:
    """Points lost per criterion, largest first: where improving pays most.

    Estimated as points = 100 · Σ_cat W_cat·score_cat / Σ W_cat (measured categories), with
    score_cat the weighted mean of its scored criteria; failed blocking criteria first.
    """
    categories = {c["id"]: c for c in participant["categories"] if c.get("score") is not None}
    total_weight = sum(c["weight"] for c in categories.values()) or 1.0
    scored_weight: dict[str, float] = defaultdict(float)
    for c in participant["criteria"]:
        if c["status"] in SCORED_STATUSES:
            scored_weight[c["category"]] += c["weight"]
    losses = []
    for c in participant["criteria"]:
        if c["status"] not in SCORED_STATUSES or c["score"] >= 1.0:
            continue
        category = categories.get(c["category"])
        if category is None or not scored_weight[c["category"]]:
            continue
        lost = (
            100.0
            * category["weight"]
            / total_weight
            * c["weight"]
            / scored_weight[c["category"]]
            * (1.0 - c["score"])
        )
        blocking = c["blocking"] and c["status"] == "fail"
        losses.append(
            {
                **c,
                "lost": lost,
                "lost_display": format_points(lost),
                "blocking_failed": blocking,
                "status_label": STATUS_LABELS.get(c["status"], c["status"]),
                "score_display": format_points(100 * c["score"]),
            }
        )
    losses.sort(key=lambda c: (not c["blocking_failed"], -round(c["lost"], 6), c["criterion_id"]))
    return losses


class _Screenshots:
    """Screenshots embedded once each, numbered in order of first mention."""

    def __init__(self, store: EvidenceStore) -> None:
        self.store = store
        self.numbers: dict[str, int] = {}
        self.items: list[dict[str, Any]] = []

    def number(self, sha256: str, caption: str) -> int | None:
        from results.models import EvidenceBlob

        if sha256 in self.numbers:
            return self.numbers[sha256]
        try:
            if not self.store.exists(sha256):
                return None
        except ValueError:
            return None
        blob = EvidenceBlob.objects.filter(sha256=sha256).first()
        media_type = blob.media_type if blob else "image/png"
        if media_type not in EMBEDDED_MEDIA:
            return None
        data = base64.b64encode(self.store.read(sha256)).decode("ascii")
        number = len(self.items) + 1
        self.numbers[sha256] = number
        self.items.append(
            {
                "number": number,
                "uri": mark_safe(f"data:{media_type};base64,{data}"),
                "caption": caption,
                "sha256": sha256,
            }
        )
        return number


def _evidence_items(
    evidence: list[dict[str, Any]], shots: _Screenshots, numbers: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    items = []
    for item in evidence:
        if not isinstance(item, dict):
            continue
        kind = item.get("type", "")
        entry: dict[str, Any] = {
            "type": EVIDENCE_TYPES.get(kind, kind),
            "fields": [],
            "urls": [],
            "screenshots": [],
        }
        for key in ("screenshot", "screenshot_desktop", "screenshot_mobile"):
            sha = item.get(key)
            if isinstance(sha, str):
                caption = item.get("url") or item.get("final_url") or ""
                number = shots.number(sha, caption)
                if number is not None:
                    entry["screenshots"].append(number)
        urls = item.get("urls")
        if isinstance(urls, list):
            entry["urls"] = [str(u) for u in urls[:15]]
            entry["more_urls"] = max(0, len(urls) - 15)
        fields = evidence_fields(item, numbers)
        entry["type"] = fields["type"]
        entry["fields"] = [(f["label"], f["value"]) for f in fields["fields"]]
        entry["technical"] = [(f["label"], f["value"]) for f in fields["technical"]]
        items.append(entry)
    return items


def _find(ranking: Ranking, participant_id: int) -> RankedEntry:
    for entry in ranking.entries:
        if entry.entrant.participant_id == participant_id:
            return entry
    raise KeyError(participant_id)


def render_report(
    run,
    ranking: Ranking,
    participants: list[dict[str, Any]],
    participant_id: int,
    store: EvidenceStore | None = None,
) -> str:
    """The report's HTML for one participant of a stored run."""
    store = store or EvidenceStore()
    data = next(p for p in participants if p["participant_id"] == participant_id)
    entry = _find(ranking, participant_id)
    same_kind = [p for p in participants if p["kind"] == data["kind"]]

    own = channel_scores(data["criteria"])
    others = [channel_scores(p["criteria"]) for p in same_kind]
    channels = sorted(
        {ch for scores in others for ch in scores} | set(own),
        key=lambda ch: (list(CHANNEL_LABELS).index(ch) if ch in CHANNEL_LABELS else 99, ch),
    )
    comparison = []
    for ch in channels:
        values = [s[ch] for s in others if ch in s]
        median = statistics.median(values) if values else None
        comparison.append((CHANNEL_LABELS.get(ch, ch), own.get(ch), median))
    kind_points = [p["points"] for p in same_kind if p["points"] is not None]

    shots = _Screenshots(store)
    numbers = enquiry_numbers_from_evidence([c["evidence"] or [] for c in data["criteria"]])
    previous = previous_result(run.edition, participant_id)
    legal = _legal_refs(run.rubric_version)
    causes = root_causes(data["criteria"])
    cause_of = {cid: cause["number"] for cause in causes for cid in cause["criteria"]}
    improvements = [
        {
            **c,
            "advice": advice_for(c["criterion_id"]),
            "legal": legal.get(c["criterion_id"], ""),
            "cause": cause_of.get(c["criterion_id"]),
        }
        for c in weighted_losses(data)[:IMPROVEMENTS_SHOWN]
    ]
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in data["criteria"]:
        original = c["original"]
        by_category[c["category"]].append(
            {
                **c,
                "status_label": STATUS_LABELS.get(c["status"], c["status"]),
                "score_display": "—" if c["score"] is None else format_points(100 * c["score"]),
                "channel_label": CHANNEL_LABELS.get(c["channel"], c["channel"]),
                "source_label": SOURCE_LABELS.get(c["source"], c["source"]),
                "original_label": (
                    None
                    if not original
                    else f"{STATUS_LABELS.get(original['status'], original['status'])}"
                    + (
                        ""
                        if original["score"] is None
                        else f", {format_points(100 * original['score'])}%"
                    )
                ),
                "jurors": (c["details"] or {}).get("jurors"),
                "explanation": renumber_enquiries(c.get("explanation") or "", numbers),
                "evidence_items": _evidence_items(c["evidence"] or [], shots, numbers),
                "advice": advice_for(c["criterion_id"]),
                "legal": legal.get(c["criterion_id"], ""),
                "cause": cause_of.get(c["criterion_id"]),
                "folded": c["status"] in FOLDED_STATUSES,
            }
        )
    category_names = {c["id"]: c["name"] for c in data["categories"]}
    sections = [
        {
            "id": cid,
            "name": category_names.get(cid, cid or "Inne"),
            "score": next(
                (
                    format_points(100 * c["score"])
                    for c in data["categories"]
                    if c["id"] == cid and c.get("score") is not None
                ),
                "—",
            ),
            "criteria": rows,
            "folded_count": sum(1 for r in rows if r["folded"]),
        }
        for cid, rows in sorted(
            by_category.items(),
            key=lambda kv: ([c["id"] for c in data["categories"]] + [kv[0]]).index(kv[0]),
        )
    ]
    context = {
        "run": run,
        "edition": run.edition.year,
        "participant": data,
        "entry": entry,
        "points": format_points(data["points"]),
        "fee": None
        if entry.fee_pln_net is None
        else f"{entry.fee_pln_net:,}".replace(",", "\u00a0"),
        "threshold": format_points(run.threshold),
        "kind_count": len(same_kind),
        "total": len(participants),
        "categories": [
            {
                **c,
                "display": "—" if c.get("score") is None else format_points(100 * c["score"]),
                "measured": format_points(100 * c.get("measured_weight", 0.0)),
            }
            for c in data["categories"]
        ],
        "improvements": improvements,
        "causes": causes,
        "conclusions": _conclusions(
            data, entry, run, len(participants), improvements, causes, previous
        ),
        "not_measured": data["not_measured"],
        "sections": sections,
        "comparison_svg": mark_safe(channel_comparison(comparison)),
        "distribution_svg": mark_safe(
            distribution(kind_points, data["points"], threshold=run.threshold)
        ),
        "previous": previous,
        "benchmarks": benchmarks(participants, data),
        "screenshots": shots.items,
    }
    return render_to_string("results/report.html", context)


def _conclusions(data, entry, run, total, improvements, causes, previous) -> list[str]:
    """Three to five sentences a participant reads first."""
    points = format_points(data["points"])
    said = [
        f"Wynik: {points} pkt na 100 (próg licencji: {format_points(run.threshold)} pkt); "
        f"miejsce {entry.overall.label} na {total}."
    ]
    missing = getattr(entry, "missing", ())
    if entry.licence:
        said.append("Licencja Jakości: przyznana.")
    elif missing:
        said.append("Ocena jest jeszcze niepełna; brakuje: " + "; ".join(missing) + ".")
    else:
        said.append(f"Licencja Jakości: nieprzyznana — {entry.licence_note}")
    if previous:
        said.append(
            f"Poprzednia edycja ({previous['year']}): {previous['points_display']} pkt, "
            f"miejsce {previous['place']} na {previous['of']} (rubryka {previous['rubric_version']})."
        )
    said.extend(cause["text"] for cause in causes)
    top = [c["name"] for c in improvements if not c.get("cause")][:3]
    if top:
        said.append("Najwięcej punktów da poprawa: " + "; ".join(top) + ".")
    scored = [c for c in data["categories"] if c.get("score") is not None]
    if len(scored) >= 2:
        best = max(scored, key=lambda c: c["score"])
        worst = min(scored, key=lambda c: c["score"])
        if best["id"] != worst["id"]:
            said.append(
                f"Najmocniejsza strona: {best['name']} ({format_points(100 * best['score'])}%); "
                f"najsłabsza: {worst['name']} ({format_points(100 * worst['score'])}%)."
            )
    return said
