"""The edition's ranking: order, ex-aequo ranks, licences, statuettes and fees.

Pure: it takes the participants' points and sub-scores and returns the ranking; reading
them from a score run is `entrants_from_run`. The rules are documented in docs/ranking.md:

* Order (the tie-break rule): points rounded to 2 decimals, higher first; then the e-mail
  sub-score; then the information sub-score (higher first, a missing sub-score last); then
  the name in Polish alphabetical order; then the participant id. Unscored participants
  (no points) come last and get no rank.
* Displayed rank: participants whose points are equal to 2 decimals share one rank
  ("ex aequo"), competition style (1, 2, 2, 4); the order among them follows the rule above.
* Licence: the assessment complete (the rubric's licence gate, rubrics.licence: jurors,
  e-mail, measured share), points ≥ the rubric's threshold and no blocking criterion
  failed. An incomplete assessment is the status "ocena niepełna", with what is missing.
* Nominations to a statuette: the first N licensed participants of each kind, in the
  order above, and every licensed participant tied (to 0.01) with the N-th: a tie is the
  experts' to decide, never the alphabet's.
* Statuettes and special distinctions exist only by an expert's decision
  (results.awards); the ranking shows the decisions in force beside the nominations.
* Fee: the price list by employees (results.fees) for every licensed participant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from results.fees import fee_pln_net, size_band
from rubrics.kinds import KIND_BY_CODE

# The experts' awards (results.awards) and their decisions, as stored and as shown.
STATUETTE, SPECIAL = "statuette", "special"
AWARD_LABELS = {STATUETTE: "statuetka", SPECIAL: "Wyróżnienie Nadzwyczajne"}
GRANTED, REFUSED = "granted", "refused"
DECISION_LABELS = {GRANTED: "przyznana", REFUSED: "nieprzyznana"}


@dataclass(frozen=True)
class Decision:
    """An expert's decision in force, as rankings, exports and reports show it."""

    id: int
    award: str
    decision: str
    reason: str
    decided_by: str
    decided_at: str  # ISO 8601

    @property
    def granted(self) -> bool:
        return self.decision == GRANTED

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "decision": self.decision,
            "decision_label": DECISION_LABELS[self.decision],
            "reason": self.reason,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
        }


# Category ids whose sub-scores break ties, in order (see docs/ranking.md).
TIE_BREAK_CATEGORIES: tuple[str, ...] = ("email", "informacja")

_POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_POLISH_ORDER = {ch: i for i, ch in enumerate(_POLISH_ALPHABET)}


def polish_sort_key(text: str) -> tuple:
    """A collation key putting "ł" after "l", "ś" after "s" and so on, case-insensitively."""
    folded = text.casefold()
    # Unknown characters (digits, punctuation) sort before letters, by code point.
    return tuple(
        (1, _POLISH_ORDER[ch]) if ch in _POLISH_ORDER else (0, ord(ch)) for ch in folded
    ) + ((0, 0), text)


def round_points(points: float | None) -> Decimal | None:
    """Points to 2 decimals, half up, from their shortest repr: what users see."""
    if points is None:
        return None
    return Decimal(repr(float(points))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_points(points: float | None) -> str:
    rounded = round_points(points)
    return "—" if rounded is None else f"{rounded:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Entrant:
    """What the ranking needs to know of one participant."""

    participant_id: int
    name: str
    kind: str
    employees: int
    points: float | None
    subscores: dict[str, float | None] = field(default_factory=dict)
    blocking_failed: tuple[str, ...] = ()
    # What the assessment lacks for a licence (rubrics.licence); None = never checked.
    licence_gaps: tuple[str, ...] | None = ()

    @property
    def size_band(self) -> str:
        return size_band(self.employees)

    @property
    def kind_label(self) -> str:
        kind = KIND_BY_CODE.get(self.kind)
        return kind.label if kind else self.kind


@dataclass(frozen=True)
class Placement:
    """A participant's place in one ranking (overall, its kind, or its size band)."""

    position: int  # 1..n after the tie-break rule
    rank: int | None  # displayed rank; shared by ex-aequo participants
    ex_aequo: bool

    @property
    def label(self) -> str:
        if self.rank is None:
            return "—"
        return f"{self.rank} ex aequo" if self.ex_aequo else str(self.rank)


@dataclass(frozen=True)
class RankedEntry:
    entrant: Entrant
    overall: Placement
    in_kind: Placement
    in_size_band: Placement
    licence: bool
    licence_note: str  # why (not) licensed, in Polish
    status: str  # LICENSED, NOT_LICENSED or INCOMPLETE (Polish words, shown as they are)
    missing: tuple[str, ...]  # what an incomplete assessment lacks, in Polish
    nomination: bool  # proposed for a statuette by the ranking; the experts decide
    fee_pln_net: int | None
    statuette_decision: Decision | None = None  # the experts' decision in force, if any
    special_decision: Decision | None = None  # Wyróżnienie Nadzwyczajne, if decided

    @property
    def statuette(self) -> bool:
        """A statuette exists only when an expert granted it."""
        return self.statuette_decision is not None and self.statuette_decision.granted

    @property
    def special_distinction(self) -> bool:
        return self.special_decision is not None and self.special_decision.granted


@dataclass(frozen=True)
class Ranking:
    threshold: float
    statuettes_per_category: int
    entries: tuple[RankedEntry, ...]  # in overall order

    def by_kind(self) -> dict[str, list[RankedEntry]]:
        groups: dict[str, list[RankedEntry]] = defaultdict(list)
        for entry in self.entries:
            groups[entry.entrant.kind].append(entry)
        return {k: sorted(v, key=lambda e: e.in_kind.position) for k, v in sorted(groups.items())}

    def by_size_band(self) -> dict[str, list[RankedEntry]]:
        order = ("0–20", "21–50", "51–90", "powyżej 90")
        groups: dict[str, list[RankedEntry]] = defaultdict(list)
        for entry in self.entries:
            groups[entry.entrant.size_band].append(entry)
        return {
            band: sorted(groups[band], key=lambda e: e.in_size_band.position)
            for band in order
            if band in groups
        }


def _missing_last(value: float | None) -> tuple[int, float]:
    return (1, 0.0) if value is None else (0, -round(float(value), 6))


def order_key(entrant: Entrant) -> tuple:
    """The documented tie-break rule as a sort key (ascending = better first)."""
    rounded = round_points(entrant.points)
    return (
        rounded is None,
        -(rounded or Decimal(0)),
        *(_missing_last(entrant.subscores.get(c)) for c in TIE_BREAK_CATEGORIES),
        polish_sort_key(entrant.name),
        entrant.participant_id,
    )


def place(ordered: Sequence[Entrant]) -> list[Placement]:
    """Placements for entrants already in tie-break order."""
    placements: list[Placement] = []
    counts: dict[Decimal, int] = defaultdict(int)
    for entrant in ordered:
        rounded = round_points(entrant.points)
        if rounded is not None:
            counts[rounded] += 1
    rank = None
    previous: Decimal | None = None
    for position, entrant in enumerate(ordered, start=1):
        rounded = round_points(entrant.points)
        if rounded is None:
            placements.append(Placement(position, None, False))
            continue
        if rounded != previous:
            rank, previous = position, rounded
        placements.append(Placement(position, rank, counts[rounded] > 1))
    return placements


LICENSED, NOT_LICENSED, INCOMPLETE = "licencja", "brak licencji", "ocena niepełna"
NOT_GATED = (
    "wynik policzony przed wprowadzeniem warunków licencji — przelicz edycję (auditor rescore)"
)


def missing_for_licence(entrant: Entrant) -> tuple[str, ...]:
    """What the assessment lacks for a licence, in Polish; () when it is complete."""
    if entrant.points is None:
        return ("brak ocenionych kryteriów",)
    if entrant.licence_gaps is None:
        return (NOT_GATED,)
    return tuple(entrant.licence_gaps)


def licence_decision(entrant: Entrant, threshold: float) -> tuple[bool, str]:
    return _decision(entrant, threshold)[:2]


def _decision(entrant: Entrant, threshold: float) -> tuple[bool, str, str, tuple[str, ...]]:
    """(licence, note, status, missing) of one participant."""
    missing = missing_for_licence(entrant)
    if missing:
        return False, f"{INCOMPLETE}: " + "; ".join(missing), INCOMPLETE, missing
    if entrant.blocking_failed:
        note = "niespełnione kryterium blokujące: " + ", ".join(entrant.blocking_failed)
        return False, note, NOT_LICENSED, ()
    if round_points(entrant.points) < round_points(threshold):
        return False, f"poniżej progu {format_points(threshold)} pkt", NOT_LICENSED, ()
    note = f"co najmniej {format_points(threshold)} pkt, bez niespełnionych kryteriów blokujących"
    return True, note, LICENSED, ()


def nominated(ordered: Sequence[Entrant], licensed: set[int], per_kind: int) -> set[int]:
    """Participant ids nominated to a statuette: N first licensed of each kind, ties included."""
    result: set[int] = set()
    taken: dict[str, list[Decimal]] = defaultdict(list)
    for entrant in ordered:  # in order, so each kind's licensed come best first
        if entrant.participant_id not in licensed:
            continue
        points = round_points(entrant.points)
        seen = taken[entrant.kind]
        if len(seen) < per_kind or (seen and per_kind and points == seen[-1]):
            seen.append(points)
            result.add(entrant.participant_id)
    return result


def rank(
    entrants: Iterable[Entrant],
    threshold: float,
    statuettes_per_category: int,
    decisions: Mapping[tuple[int, str], Decision] | None = None,
) -> Ranking:
    """Rank an edition's participants overall, per kind and per size band.

    `decisions` are the experts' decisions in force, {(participant id, award): Decision}.
    """
    decisions = decisions or {}
    ordered = sorted(entrants, key=order_key)
    overall = place(ordered)

    def sub_placements(group_of) -> dict[int, Placement]:
        groups: dict[str, list[Entrant]] = defaultdict(list)
        for entrant in ordered:  # already in order, so each group is too
            groups[group_of(entrant)].append(entrant)
        result: dict[int, Placement] = {}
        for members in groups.values():
            for entrant, placement in zip(members, place(members), strict=True):
                result[entrant.participant_id] = placement
        return result

    in_kind = sub_placements(lambda e: e.kind)
    in_band = sub_placements(lambda e: e.size_band)

    decided = {e.participant_id: _decision(e, threshold) for e in ordered}
    nominees = nominated(
        ordered, {pid for pid, d in decided.items() if d[0]}, statuettes_per_category
    )
    entries: list[RankedEntry] = []
    for entrant, placement in zip(ordered, overall, strict=True):
        licence, note, status, missing = decided[entrant.participant_id]
        entries.append(
            RankedEntry(
                entrant=entrant,
                overall=placement,
                in_kind=in_kind[entrant.participant_id],
                in_size_band=in_band[entrant.participant_id],
                licence=licence,
                licence_note=note,
                status=status,
                missing=missing,
                nomination=entrant.participant_id in nominees,
                fee_pln_net=fee_pln_net(entrant.employees) if licence else None,
                statuette_decision=decisions.get((entrant.participant_id, STATUETTE)),
                special_decision=decisions.get((entrant.participant_id, SPECIAL)),
            )
        )
    return Ranking(threshold, statuettes_per_category, tuple(entries))
