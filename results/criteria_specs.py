"""What results need to know of a rubric's criteria, read once from the rubric.

Stored with every criterion result (name, channel, category, weight, blocking), so
rankings, exports and reports never reload a rubric file.
"""

from __future__ import annotations

from dataclasses import dataclass

from rubrics.kinds import kind_group

MACHINE_CHANNELS = ("website", "accessibility", "email")


@dataclass(frozen=True)
class CriterionSpec:
    id: str
    name: str
    channel: str
    category: str
    weight: float
    blocking: bool
    kinds: tuple[str, ...]  # kind codes or group letters; empty = all kinds
    scale_min: float = 0.0  # the jurors' scale for the criterion
    scale_max: float = 1.0
    anchors: tuple[str, ...] = ()  # what each whole score 0..scale_max means, in Polish

    @property
    def human(self) -> bool:
        return self.channel not in MACHINE_CHANNELS

    def applies_to(self, kind: str) -> bool:
        if not self.kinds:
            return True
        return kind in self.kinds or kind_group(kind) in self.kinds


def specs_from_rubric(rubric) -> dict[str, CriterionSpec]:
    """{criterion id: spec} from a loaded rubrics.rubric.Rubric, in the rubric's order."""
    category_of = {cid: cat.id for cat in rubric.categories for cid in cat.criteria}
    return {
        c.id: CriterionSpec(
            id=c.id,
            name=c.name,
            channel=c.channel,
            category=category_of.get(c.id, ""),
            weight=float(c.weight),
            blocking=bool(c.blocking),
            kinds=tuple(sorted(c.kinds)),
            scale_min=0.0,
            scale_max=float(c.scale_max) if c.scale_max else 1.0,
            anchors=tuple(getattr(c, "anchors", ())),
        )
        for c in rubric.criteria
    }
