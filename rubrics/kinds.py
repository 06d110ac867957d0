"""Participant kinds, their Polish labels and the rubric groups of DOMAIN.md §5.

Groups: J local government, A other public office, K municipal company, S housing
cooperative, W housing community, O other. Rubric files state applicability by kind code
or by group letter.
"""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    code: str
    label: str  # Polish, as users write it
    group: str  # J, A, K, S, W or O


KINDS: tuple[Kind, ...] = (
    Kind("gmina_miejska", "Gmina miejska", "J"),
    Kind("gmina_wiejska", "Gmina wiejska", "J"),
    Kind("gmina_miejsko_wiejska", "Gmina miejsko-wiejska", "J"),
    Kind("miasto_na_prawach_powiatu", "Miasto na prawach powiatu", "J"),
    Kind("powiat", "Powiat", "J"),
    Kind("samorzad_wojewodztwa", "Samorząd województwa", "J"),
    Kind("urzad", "Urząd lub inna instytucja publiczna", "A"),
    Kind("spolka_komunalna", "Spółka komunalna", "K"),
    Kind("spoldzielnia_mieszkaniowa", "Spółdzielnia mieszkaniowa", "S"),
    Kind("wspolnota_mieszkaniowa", "Wspólnota mieszkaniowa", "W"),
    Kind("inna", "Inna organizacja", "O"),
)

KIND_CODES: tuple[str, ...] = tuple(k.code for k in KINDS)
KIND_BY_CODE: dict[str, Kind] = {k.code: k for k in KINDS}
GROUPS: tuple[str, ...] = ("J", "A", "K", "S", "W", "O")


def kind_group(code: str) -> str:
    """The rubric group letter of a kind code."""
    return KIND_BY_CODE[code].group


def kinds_in_group(group: str) -> tuple[str, ...]:
    return tuple(k.code for k in KINDS if k.group == group)
