from datetime import UTC, datetime

from rubrics.calendar import OfficeHours, business_seconds, format_duration


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_business_hours_skip_nights_weekends_and_holidays():
    # Fri 10 Nov 2028 15:00 Warsaw (14:00Z) → Tue 14 Nov 09:00 Warsaw (08:00Z):
    # Friday 1 h, Saturday–Sunday off, Monday 13 Nov is a working day, Tuesday 1 h.
    assert business_seconds(at("2028-11-10T14:00"), at("2028-11-14T08:00")) == 10 * 3600
    # Independence Day (Sat 11 Nov 2028) moves nothing; but 11 Nov 2027 (Thursday) is off.
    assert business_seconds(at("2027-11-11T08:00"), at("2027-11-11T14:00")) == 0
    assert business_seconds(at("2027-11-12T08:00"), at("2027-11-12T09:00")) == 3600
    # A rubric's uniform calendar (EML-LAT office_hours_default) replaces the default hours.
    hours = OfficeHours.parse({"mon": [["07:30", "15:30"]], "tue": [], "wed": [], "thu": []})
    assert business_seconds(at("2027-03-01T06:00"), at("2027-03-01T16:00"), hours) == 8 * 3600


def test_format_duration_is_polish():
    assert format_duration(45 * 60) == "45 min"
    assert format_duration(26 * 3600 + 60) == "1 dzień 2 godz. 1 min"
    assert format_duration(3 * 86400) == "3 dni"
    assert format_duration(0) == "0 min"
