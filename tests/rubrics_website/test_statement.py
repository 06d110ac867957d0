"""The accessibility statement validator (TEC-07's detector)."""

from __future__ import annotations

from datetime import UTC, datetime

from rubrics.website.statement import V2_REQUIRED, find_statement_page, validate_statement
from tests.rubrics_website import sites
from tests.rubrics_website.factory import NOW, page


def statement_page(main: str) -> dict:
    return page(
        sites.GMINA + "deklaracja-dostepnosci", sites.gmina_layout("Deklaracja dostępności", main)
    )


def test_v2_statement_passes_every_check():
    check = validate_statement(statement_page(sites.STATEMENT_V2_MAIN), NOW)
    assert check.version == "2.0"
    assert check.ids_missing == []
    assert all(check.checks.values()), check.checks
    assert check.notes["status"] == "czesciowo zgodna"
    assert check.notes["rpo_link"] == "https://bip.brpo.gov.pl/"
    assert check.notes["last_review"] == "2026-12-01"


def test_v1_statement_is_accepted_with_iso_dates_in_spans():
    check = validate_statement(statement_page(sites.STATEMENT_V1_MAIN), NOW)
    assert check.version == "1"
    assert check.ids_missing == []
    assert all(check.checks.values()), check.checks


def test_stale_review_missing_rpo_and_dates_not_in_time():
    main = (
        sites.STATEMENT_V2_MAIN.replace('datetime="2026-12-01"', 'datetime="2025-01-10"')
        .replace("https://bip.brpo.gov.pl/", "https://gmina.example.pl/skargi")
        .replace(
            '<time id="a11y-data-publikacja" datetime="2020-09-01">1 września 2020</time>',
            '<span id="a11y-data-publikacja">1 września 2020</span>',
        )
    )
    check = validate_statement(statement_page(main), NOW)
    assert check.checks["przeglad_12_mies"] is False
    assert check.notes["review_age_days"] > 366
    assert check.checks["procedura_rpo"] is False
    assert check.checks["daty_w_time"] is False
    assert check.checks["status"] is True


def test_review_is_judged_against_the_gathering_time_not_the_wall_clock():
    later = datetime(2028, 6, 1, tzinfo=UTC)
    assert (
        validate_statement(statement_page(sites.STATEMENT_V2_MAIN), later).checks[
            "przeglad_12_mies"
        ]
        is False
    )


def test_missing_ids_and_status_wording():
    main = (
        sites.STATEMENT_V2_MAIN.replace('id="a11y-zakres"', "")
        .replace('id="a11y-komunikacja"', "")
        .replace("jest częściowo zgodna z ustawą", "spełnia wymagania")
    )
    check = validate_statement(statement_page(main), NOW)
    assert set(check.ids_missing) == {"a11y-zakres", "a11y-komunikacja"}
    assert check.checks["status"] is False
    assert len(V2_REQUIRED) == 14


def test_statement_page_found_by_ids_or_title():
    pages = sites.gmina_site()["pages"]
    assert find_statement_page(pages)["url"].endswith("deklaracja-dostepnosci")
    bare = page(
        "https://x.example.pl/dd",
        "<html><head><title>Deklaracja dostępności</title></head><body>Tekst</body></html>",
    )
    assert find_statement_page([bare]) is bare
    assert find_statement_page(sites.poor_site()["pages"]) is None
