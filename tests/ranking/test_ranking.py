"""Ranking rules: ties, ex-aequo ranks, licences, blocking criteria, statuettes, fees."""

import pytest

from results.fees import fee_pln_net, size_band
from results.ranking import Entrant, format_points, polish_sort_key, rank


def entrant(
    pid, points, name=None, kind="gmina_wiejska", employees=10, email=None, info=None, blocking=()
):
    return Entrant(
        participant_id=pid,
        name=name or f"Gmina {pid}",
        kind=kind,
        employees=employees,
        points=points,
        subscores={"email": email, "informacja": info},
        blocking_failed=tuple(blocking),
    )


@pytest.mark.parametrize(
    ("employees", "fee", "band"),
    [
        (0, 3900, "0–20"),
        (20, 3900, "0–20"),
        (21, 4700, "21–50"),
        (50, 4700, "21–50"),
        (51, 6000, "51–90"),
        (90, 6000, "51–90"),
        (91, 8500, "powyżej 90"),
    ],
)
def test_every_fee_band_boundary_in_the_ranking(employees, fee, band):
    assert fee_pln_net(employees) == fee
    assert size_band(employees) == band
    ranking = rank([entrant(1, 90.0, employees=employees)], threshold=70, statuettes_per_category=1)
    (entry,) = ranking.entries
    assert entry.licence and entry.fee_pln_net == fee
    assert entry.entrant.size_band == band


def test_equal_points_share_a_rank_and_the_tie_rule_orders_them():
    ranking = rank(
        [
            entrant(1, 80.0, name="Zabrze", email=0.5, info=0.9),
            entrant(2, 80.004, name="Alwernia", email=0.9, info=0.1),  # equal to 2 decimals
            entrant(3, 80.0, name="Łódź", email=0.5, info=0.9),
            entrant(4, 80.0, name="Lubin", email=0.5, info=0.9),
            entrant(5, 95.0, name="Best"),
            entrant(6, 60.0, name="Last"),
        ],
        threshold=70,
        statuettes_per_category=10,
    )
    order = [e.entrant.participant_id for e in ranking.entries]
    # 2 wins on the e-mail sub-score; 1, 3, 4 tie on both sub-scores and go by Polish
    # alphabetical order: Lubin < Łódź < Zabrze.
    assert order == [5, 2, 4, 3, 1, 6]
    labels = [e.overall.label for e in ranking.entries]
    assert labels == ["1", "2 ex aequo", "2 ex aequo", "2 ex aequo", "2 ex aequo", "6"]
    assert [e.overall.position for e in ranking.entries] == [1, 2, 3, 4, 5, 6]


def test_identical_entrants_fall_back_to_the_id():
    ranking = rank(
        [entrant(9, 75.0, name="Gmina"), entrant(3, 75.0, name="Gmina")],
        threshold=70,
        statuettes_per_category=1,
    )
    assert [e.entrant.participant_id for e in ranking.entries] == [3, 9]
    # The tie-break orders them, but never decides an award: both are nominated for the
    # only statuette, and neither has one until an expert decides.
    assert [e.nomination for e in ranking.entries] == [True, True]
    assert not any(e.statuette for e in ranking.entries)
    assert all(e.overall.ex_aequo for e in ranking.entries)


def test_information_subscore_breaks_ties_after_email_and_missing_goes_last():
    ranking = rank(
        [
            entrant(1, 70.0, email=0.5, info=None),
            entrant(2, 70.0, email=0.5, info=0.2),
            entrant(3, 70.0, email=None, info=1.0),
        ],
        threshold=70,
        statuettes_per_category=0,
    )
    assert [e.entrant.participant_id for e in ranking.entries] == [2, 1, 3]


def test_licence_needs_the_threshold_and_no_failed_blocking_criterion():
    ranking = rank(
        [
            entrant(1, 70.0),  # exactly at the threshold: licensed
            entrant(2, 69.994),  # 69.99 shown: not licensed
            entrant(3, 99.0, blocking=["INF-03"]),
            entrant(4, None),
        ],
        threshold=70,
        statuettes_per_category=3,
    )
    by_id = {e.entrant.participant_id: e for e in ranking.entries}
    assert by_id[1].licence and by_id[1].fee_pln_net == 3900
    assert not by_id[2].licence and by_id[2].fee_pln_net is None
    assert "poniżej progu 70,00" in by_id[2].licence_note
    assert not by_id[3].licence and "INF-03" in by_id[3].licence_note
    assert not by_id[4].licence and by_id[4].overall.rank is None
    assert ranking.entries[-1].entrant.participant_id == 4  # unscored last
    # The blocked participant keeps its rank (first) but gets neither licence nor statuette.
    assert by_id[3].overall.rank == 1 and not by_id[3].statuette


def test_statuettes_go_to_the_best_n_licensed_of_each_kind_and_ranks_per_category():
    people = [
        entrant(1, 90.0, kind="gmina_wiejska"),
        entrant(2, 85.0, kind="gmina_wiejska"),
        entrant(3, 80.0, kind="gmina_wiejska"),
        entrant(4, 75.0, kind="spoldzielnia_mieszkaniowa", employees=60),
        entrant(5, 50.0, kind="spoldzielnia_mieszkaniowa", employees=60),
    ]
    ranking = rank(people, threshold=70, statuettes_per_category=2)
    by_id = {e.entrant.participant_id: e for e in ranking.entries}
    assert [by_id[i].nomination for i in (1, 2, 3, 4, 5)] == [True, True, False, True, False]
    assert not any(e.statuette for e in ranking.entries)
    assert by_id[4].in_kind.rank == 1 and by_id[4].overall.rank == 4
    assert by_id[4].in_size_band.rank == 1 and by_id[3].in_size_band.rank == 3
    assert list(ranking.by_kind()) == ["gmina_wiejska", "spoldzielnia_mieszkaniowa"]
    assert list(ranking.by_size_band()) == ["0–20", "51–90"]


def test_polish_collation_and_point_format():
    names = ["Żary", "Zabrze", "Łomża", "Lublin", "Ćmielów", "Cieszyn", "ostrów"]
    assert sorted(names, key=polish_sort_key) == [
        "Cieszyn",
        "Ćmielów",
        "Lublin",
        "Łomża",
        "ostrów",
        "Zabrze",
        "Żary",
    ]
    assert format_points(70.005) == "70,01"
    assert format_points(None) == "—"
