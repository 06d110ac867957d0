"""The competition's price list for the certification service (PLN net, one-off).

From the competition's own terms: 3 900 PLN for entities employing nobody or 1–20 people,
4 700 for 21–50, 6 000 for 51–90 and 8 500 above 90.
"""

from __future__ import annotations

# (highest number of employees in the band, fee in PLN net); the last band is open.
FEE_BANDS: tuple[tuple[int | None, int], ...] = (
    (20, 3900),
    (50, 4700),
    (90, 6000),
    (None, 8500),
)

SIZE_BAND_LABELS = {3900: "0–20", 4700: "21–50", 6000: "51–90", 8500: "powyżej 90"}


def fee_pln_net(employees: int) -> int:
    """The licence fee for a participant employing `employees` people."""
    if employees < 0:
        raise ValueError("employees must be non-negative")
    for ceiling, fee in FEE_BANDS:
        if ceiling is None or employees <= ceiling:
            return fee
    raise AssertionError("unreachable: the last band is open")


def size_band(employees: int) -> str:
    """The size band label ("0–20", "21–50", "51–90", "powyżej 90")."""
    return SIZE_BAND_LABELS[fee_pln_net(employees)]
