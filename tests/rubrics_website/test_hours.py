"""The opening-hours parser and extract_office_hours (used by the e-mail latency)."""

from __future__ import annotations

import pytest

from rubrics.website import extract_office_hours
from rubrics.website.hours import hours_from_schema, parse_hours_text
from rubrics.website.text import fold
from tests.rubrics_website import sites
from tests.rubrics_website.factory import artifact, page

WEEK = [["07:30", "15:30"]]


def parsed(text: str) -> dict:
    blocks = parse_hours_text(fold(text))
    assert blocks, text
    return blocks[0][2]


@pytest.mark.parametrize(
    "text",
    [
        "Urząd czynny od poniedziałku do piątku w godz. 7:30 - 15:30",
        "pon.–pt. 7.30–15.30",
        "Poniedziałek – Piątek: 07:30-15:30",
        "pn-pt 7:30 do 15:30",
    ],
)
def test_monday_to_friday_forms(text):
    hours = parsed(text)
    assert [hours[d] for d in ("mon", "tue", "wed", "thu", "fri")] == [WEEK] * 5
    assert hours["sat"] == [] and hours["sun"] == []


def test_different_hours_per_day():
    hours = parsed(
        "Godziny pracy: poniedziałek 8:00–16:00, wtorek – czwartek 7:30-15:30, piątek 7.30–14.00"
    )
    assert hours["mon"] == [["08:00", "16:00"]]
    assert hours["wed"] == WEEK
    assert hours["fri"] == [["07:30", "14:00"]]


def test_list_of_days_and_saturday():
    hours = parsed("Kasa: pn, śr, pt 8:00-12:00; sobota 9:00–13:00")
    assert hours["mon"] == hours["wed"] == hours["fri"] == [["08:00", "12:00"]]
    assert hours["tue"] == []
    assert hours["sat"] == [["09:00", "13:00"]]


def test_no_hours_without_a_time_range():
    assert parse_hours_text(fold("Zapraszamy od poniedziałku do piątku.")) == []
    assert parse_hours_text(fold("Spotkanie 12.03.2027 o 15:30")) == []


def test_schema_org_specification_and_opening_hours_string():
    spec = hours_from_schema(
        {
            "openingHoursSpecification": [
                {
                    "dayOfWeek": ["https://schema.org/Monday", "Tuesday"],
                    "opens": "07:30:00",
                    "closes": "15:30:00",
                }
            ]
        }
    )
    assert spec["mon"] == spec["tue"] == WEEK and spec["wed"] == []
    line = hours_from_schema({"openingHours": ["Mo-Fr 07:30-15:30"]})
    assert line["fri"] == WEEK and line["sat"] == []
    assert hours_from_schema({"name": "x"}) is None


def test_extract_office_hours_prefers_schema_org_then_keyworded_block():
    assert extract_office_hours(sites.gmina_site())["mon"] == [["08:00", "16:00"]]
    # Without schema.org: the block after "Godziny pracy" wins over an earlier bare one.
    html = (
        "<html><body><p>Dyżur radnych: czwartek 16:00–17:00.</p>"
        "<p>Godziny pracy urzędu: pon.–pt. 7:30–15:30</p></body></html>"
    )
    hours = extract_office_hours(artifact([page("https://u.example.pl/", html, depth=0)]))
    assert hours["thu"] == WEEK and hours["mon"] == WEEK
    assert extract_office_hours(sites.poor_site()) is None


def test_a_single_dated_event_is_not_office_hours():
    event = "<html><body><p>Zebranie wiejskie odbędzie się w poniedziałek 18:00–20:00.</p></body></html>"
    assert extract_office_hours(artifact([page("https://u.example.pl/", event, depth=0)])) is None
    schedule = "<html><body><p>Biblioteka: pon.–śr. 10:00–18:00</p></body></html>"
    assert extract_office_hours(artifact([page("https://u.example.pl/", schedule, depth=0)]))[
        "wed"
    ] == [["10:00", "18:00"]]


def test_cooperative_hours_from_footer():
    hours = extract_office_hours(sites.cooperative_site())
    assert hours["mon"] == [["10:00", "18:00"]]
    assert hours["tue"] == [["07:00", "15:00"]]


def test_hours_in_a_table_one_day_per_row():
    html = (
        "<html><body><h2>Godziny pracy</h2><table>"
        "<tr><td>Poniedziałek</td><td>8:00 - 16:00</td></tr><tr><td>Wtorek</td><td>7:30 - 15:30</td></tr>"
        "<tr><td>Środa</td><td>7:30 - 15:30</td></tr><tr><td>Czwartek</td><td>7:30 - 15:30</td></tr>"
        "<tr><td>Piątek</td><td>7:30 - 14:00</td></tr></table></body></html>"
    )
    hours = extract_office_hours(artifact([page("https://u.example.pl/kontakt", html, depth=0)]))
    assert (
        hours["mon"] == [["08:00", "16:00"]]
        and hours["thu"] == WEEK
        and hours["fri"] == [["07:30", "14:00"]]
    )
