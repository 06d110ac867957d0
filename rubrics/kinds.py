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


# Sub-kinds (Participant.subkind, optional): which questions a body can answer. An office
# or a municipal company is asked about its own service (a tax office about tax, a transport
# company about tickets); other kinds have none. "inne" gets the kind's general topics.
SUBKINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "urzad": (
        ("urzad_skarbowy", "Urząd skarbowy"),
        ("pup", "Powiatowy urząd pracy"),
        ("ops", "Ośrodek pomocy społecznej (MOPS, GOPS, OPS)"),
        ("inne", "Inne"),
    ),
    "spolka_komunalna": (
        ("wodociagi", "Wodociągi i kanalizacja"),
        ("odpady", "Odbiór i zagospodarowanie odpadów"),
        ("transport", "Transport zbiorowy"),
        ("cieplownictwo", "Ciepłownictwo"),
        ("mieszkaniowa", "Gospodarka mieszkaniowa (TBS, ZGM)"),
        ("inne", "Inne"),
    ),
}
SUBKIND_LABELS: dict[str, str] = {code: label for subs in SUBKINDS.values() for code, label in subs}


def subkinds_of(kind: str) -> tuple[str, ...]:
    """The sub-kind codes a kind allows (empty: the kind has none)."""
    return tuple(code for code, _ in SUBKINDS.get(kind, ()))
