"""Agreement between judges: Krippendorff's alpha (interval metric) and its inputs.

Computed from the coincidence-matrix formula (Krippendorff 2011, "Computing Krippendorff's
Alpha-Reliability"): alpha = 1 − D_o / D_e, where, over the pairable values (units judged
by at least two coders), D_o is the mean squared difference between values of one unit
and D_e between any two values. Hand-written because the PyPI packages bring NumPy for
what is a dozen lines here; tested against the paper's worked example (alpha = 0.849).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    alpha: float | None  # None when there is nothing to compare or no variation at all
    units: int  # units judged by at least two coders
    pairable_values: int
    coders: int


def krippendorff_alpha_interval(units: Iterable[Iterable[float | None]]) -> Agreement:
    """Alpha for interval data; each unit is the list of its coders' values (None = missing)."""
    pairable: list[list[float]] = []
    coders = 0
    for unit in units:
        values = list(unit)
        coders = max(coders, len(values))
        present = [float(v) for v in values if v is not None]
        if len(present) >= 2:
            pairable.append(present)
    n = sum(len(u) for u in pairable)
    if n <= 1:
        return Agreement(None, len(pairable), n, coders)

    # Observed disagreement: within each unit, every ordered pair of values, weighted 1/(m_u − 1).
    observed = 0.0
    for values in pairable:
        m = len(values)
        total = sum(
            (a - b) ** 2 for i, a in enumerate(values) for j, b in enumerate(values) if i != j
        )
        observed += total / (m - 1)
    observed /= n

    # Expected disagreement: every ordered pair of pairable values in the whole data.
    flat = [v for values in pairable for v in values]
    # Σ_i Σ_j (a_i − a_j)² = 2n·Σa² − 2(Σa)², without the n² loop.
    s1 = sum(flat)
    s2 = sum(v * v for v in flat)
    expected = (2 * n * s2 - 2 * s1 * s1) / (n * (n - 1))
    if expected == 0:
        return Agreement(None, len(pairable), n, coders)
    return Agreement(1.0 - observed / expected, len(pairable), n, coders)


def alpha_from_ratings(ratings: Mapping[tuple, Mapping[str, float]]) -> Agreement:
    """Alpha from {unit key: {coder: value}}: the shape juror assessments come in."""
    coders = sorted({c for by_coder in ratings.values() for c in by_coder})
    units = [
        [ratings[key].get(coder) for coder in coders]
        for key in sorted(ratings, key=lambda k: tuple(str(p) for p in k))
    ]
    agreement = krippendorff_alpha_interval(units)
    return Agreement(agreement.alpha, agreement.units, agreement.pairable_values, len(coders))
