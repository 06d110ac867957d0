"""Polish identifiers: NIP and REGON check digits (pure functions)."""

from __future__ import annotations

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11


def nip_is_valid(nip: str) -> bool:
    """10 digits whose weighted sum mod 11 equals the last digit (10 is never valid)."""
    if len(nip) != 10 or not nip.isdigit():
        return False
    check = _check_digit(nip[:9], NIP_WEIGHTS)
    return check != 10 and check == int(nip[9])


def regon_is_valid(regon: str) -> bool:
    """9- or 14-digit REGON; a remainder of 10 counts as 0. A 14-digit one embeds a valid 9."""
    if not regon.isdigit() or len(regon) not in (9, 14):
        return False
    if len(regon) == 14 and not regon_is_valid(regon[:9]):
        return False
    weights = REGON9_WEIGHTS if len(regon) == 9 else REGON14_WEIGHTS
    check = _check_digit(regon[:-1], weights) % 10
    return check == int(regon[-1])


def with_nip_check_digit(first9: str) -> str | None:
    """Complete 9 digits into a valid NIP, or None when no digit fits (demo and test data)."""
    check = _check_digit(first9, NIP_WEIGHTS)
    return None if check == 10 else first9 + str(check)


def with_regon_check_digit(first: str) -> str:
    """Complete 8 (or 13) digits into a valid REGON."""
    weights = REGON9_WEIGHTS if len(first) == 8 else REGON14_WEIGHTS
    return first + str(_check_digit(first, weights) % 10)
