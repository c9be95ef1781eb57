import datetime

import jdatetime
import pytest

from calendars.months import Month, MonthError, weeks

SATURDAY, MONDAY = 5, 0


@pytest.mark.parametrize(("year", "days"), [(1403, 30), (1402, 29), (1399, 30), (1404, 29)])
def test_esfand_has_30_days_in_a_leap_year_and_29_otherwise(year, days):
    assert jdatetime.date(year, 1, 1).isleap() is (days == 30)

    esfand = Month(True, year, 12).days()

    assert len(esfand) == days
    assert esfand[-1] + datetime.timedelta(days=1) == jdatetime.date(year + 1, 1, 1).togregorian()


@pytest.mark.parametrize(
    ("month", "days", "first"),
    [
        (Month(True, 1402, 7), 30, datetime.date(2023, 9, 23)),
        (Month(True, 1402, 1), 31, datetime.date(2023, 3, 21)),
        (Month(False, 2024, 2), 29, datetime.date(2024, 2, 1)),
        (Month(False, 2023, 2), 28, datetime.date(2023, 2, 1)),
    ],
)
def test_a_month_knows_its_days(month, days, first):
    assert len(month.days()) == days
    assert month.first_day() == first


def test_weeks_start_on_the_given_day_and_are_padded():
    # 1 Mehr 1402 was a Saturday; 1 October 2023 a Sunday.
    mehr = weeks(Month(True, 1402, 7), first_weekday=SATURDAY)
    october = weeks(Month(False, 2023, 10), first_weekday=MONDAY)

    assert mehr[0][0] == datetime.date(2023, 9, 23)
    assert october[0][:7] == [None] * 6 + [datetime.date(2023, 10, 1)]
    assert {len(week) for week in mehr + october} == {7}
    assert october[-1][1] == datetime.date(2023, 10, 31)


@pytest.mark.parametrize(
    ("month", "shift", "expected"),
    [
        (Month(True, 1402, 12), 1, Month(True, 1403, 1)),
        (Month(True, 1402, 1), -1, Month(True, 1401, 12)),
        (Month(False, 2023, 12), 1, Month(False, 2024, 1)),
        (Month(True, 1300, 1), -1, None),
        (Month(True, 1499, 12), 1, None),
        (Month(False, 2199, 12), 1, None),
    ],
)
def test_a_months_neighbours_stay_in_the_years_dates_are_read_in(month, shift, expected):
    assert month.shifted(shift) == expected


@pytest.mark.parametrize(
    ("text", "solar_hijri"),
    [
        ("1402-13", True),
        ("1299-12", True),
        ("2023-10", True),
        ("1402-07", False),
        ("1402/07", True),
        ("", True),
    ],
)
def test_a_month_outside_the_calendar_or_badly_written_is_refused(text, solar_hijri):
    with pytest.raises(MonthError):
        Month.from_param(text, solar_hijri=solar_hijri)
