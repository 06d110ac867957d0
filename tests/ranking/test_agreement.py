"""Krippendorff's alpha against the textbook example, and the jurors' median with spread."""

import pytest

from results.agreement import alpha_from_ratings, krippendorff_alpha_interval
from results.jurors import aggregate

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with
# missing values: 4 observers, 12 units. Interval alpha = 0.849.
OBSERVERS = (
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
)


def test_alpha_matches_krippendorffs_worked_example():
    result = krippendorff_alpha_interval(zip(*OBSERVERS, strict=True))
    assert result.alpha == pytest.approx(0.849, abs=5e-4)
    # Unit 12 has one value only: it is not pairable.
    assert result.units == 11 and result.pairable_values == 40 and result.coders == 4


def test_alpha_from_ratings_keyed_by_juror():
    ratings = {}
    for observer, values in zip("ABCD", OBSERVERS, strict=True):
        for unit, value in enumerate(values):
            if value is not None:
                ratings.setdefault((unit,), {})[observer] = value
    assert alpha_from_ratings(ratings).alpha == pytest.approx(0.849, abs=5e-4)


def test_perfect_and_no_agreement():
    assert krippendorff_alpha_interval([[1, 1], [3, 3], [5, 5]]).alpha == pytest.approx(1.0)
    # Systematic disagreement is worse than chance: alpha below zero.
    assert krippendorff_alpha_interval([[1, 5], [5, 1], [1, 5], [5, 1]]).alpha < 0
    # Nothing pairable, or no variation at all: alpha is undefined, not 1 or 0.
    assert krippendorff_alpha_interval([[1, None], [None, 2]]).alpha is None
    assert krippendorff_alpha_interval([[3, 3], [3, 3]]).alpha is None


def test_median_with_spread():
    agg = aggregate([4, 1, 5, 4])
    assert agg.value == 4.0
    assert (agg.minimum, agg.maximum, agg.n) == (1.0, 5.0, 4)
    assert agg.iqr == pytest.approx(4.25 - 3.25)
    assert agg.std == pytest.approx(1.5)  # population std: sqrt(9 / 4)
    single = aggregate([3])
    assert (single.value, single.iqr, single.std) == (3.0, 0.0, 0.0)
    assert aggregate([2, 5]).value == 3.5
    with pytest.raises(ValueError):
        aggregate([])
