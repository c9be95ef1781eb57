import datetime

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendars.parse import GREGORIAN, SOLAR_HIJRI, DateParseError, parse_date

OCTOBER_7_2023 = datetime.date(2023, 10, 7)


@pytest.mark.parametrize(
    ("written", "stored", "calendar"),
    [
        ("2023-10-07", OCTOBER_7_2023, GREGORIAN),
        ("1402/7/15", OCTOBER_7_2023, SOLAR_HIJRI),
        ("۱۴۰۲-۰۷-۱۵", OCTOBER_7_2023, SOLAR_HIJRI),
        ("١٤٠٢.٧.١٥", OCTOBER_7_2023, SOLAR_HIJRI),
        ("15/7/1402", OCTOBER_7_2023, SOLAR_HIJRI),
        ("۱۵/۷/۱۴۰۲", OCTOBER_7_2023, SOLAR_HIJRI),
        ("07.10.2023", OCTOBER_7_2023, GREGORIAN),
        ("07/10/2023", OCTOBER_7_2023, GREGORIAN),
        ("7-10-2023", OCTOBER_7_2023, GREGORIAN),
        ("۱۵ میزان ۱۴۰۲", OCTOBER_7_2023, SOLAR_HIJRI),
        ("15 Mizan 1402", OCTOBER_7_2023, SOLAR_HIJRI),
        ("15 mizan 1402", OCTOBER_7_2023, SOLAR_HIJRI),
        ("۱۵ تله ۱۴۰۲", OCTOBER_7_2023, SOLAR_HIJRI),
        ("۱۵ مهر ۱۴۰۲", OCTOBER_7_2023, SOLAR_HIJRI),
        ("15 Mehr 1402", OCTOBER_7_2023, SOLAR_HIJRI),
        ("7 October 2023", OCTOBER_7_2023, GREGORIAN),
        ("7 Oct 2023", OCTOBER_7_2023, GREGORIAN),
        ("7th October, 2023", OCTOBER_7_2023, GREGORIAN),
        ("7 октября 2023", OCTOBER_7_2023, GREGORIAN),
        ("7 октября 2023 г.", OCTOBER_7_2023, GREGORIAN),
        ("7 oktyabr 2023", OCTOBER_7_2023, GREGORIAN),
        ("٧ أكتوبر ٢٠٢٣", OCTOBER_7_2023, GREGORIAN),
        ("7 اكتوبر 2023", OCTOBER_7_2023, GREGORIAN),
        ("۷ اکتوبر ۲۰۲۳", OCTOBER_7_2023, GREGORIAN),
        ("۷ اکتبر ۲۰۲۳", OCTOBER_7_2023, GREGORIAN),
        ("  2023-10-07  ", OCTOBER_7_2023, GREGORIAN),
        ("1400/1/26", datetime.date(2021, 4, 15), SOLAR_HIJRI),
        ("1399-04-25", datetime.date(2020, 7, 15), SOLAR_HIJRI),
        ("1404/9/26", datetime.date(2025, 12, 17), SOLAR_HIJRI),
        ("22 Hamal 1400", datetime.date(2021, 4, 11), SOLAR_HIJRI),
    ],
)
def test_every_accepted_form(written, stored, calendar):
    parsed = parse_date(written)

    assert (parsed.date, parsed.calendar) == (stored, calendar)
    assert parsed.written == written.strip()


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("1404/12/30", "no day 30"),  # 1404 is a common year
        ("1402/13/1", "no month 13"),
        ("2023-04-31", "no day 31"),
        ("2023-02-29", "no day 29"),
        ("31.04.2023", "no day 31"),
        ("32 Mizan 1402", "no day 32"),
        ("15 Brumaire 1402", "not a month name"),
        ("15 Mizan 2023", "between 1300 and 1499"),
        ("7/10/23", "four digits"),
        ("yesterday", "not a date"),
        ("", "not a date"),
        ("1402/7", "not a date"),
    ],
)
def test_impossible_or_unreadable_dates_are_refused_naming_the_accepted_forms(written, reason):
    with pytest.raises(DateParseError) as error:
        parse_date(written)

    assert reason in str(error.value)
    assert "Accepted:" in str(error.value)


@given(st.dates(min_value=datetime.date(1921, 3, 21), max_value=datetime.date(2121, 3, 20)))
def test_solar_hijri_round_trip(day):
    solar = jdatetime.date.fromgregorian(date=day)

    parsed = parse_date(f"{solar.year}/{solar.month}/{solar.day}")

    assert parsed.date == day
    assert parsed.calendar == SOLAR_HIJRI


def _is_leap(year: int) -> bool:
    return jdatetime.date(year, 1, 1).isleap()


@given(st.integers(min_value=1300, max_value=1499).filter(_is_leap))
def test_esfand_30_exists_in_the_leap_years_jdatetime_computes(year):
    assert parse_date(f"{year}/12/30").date == jdatetime.date(year, 12, 30).togregorian()


@given(st.integers(min_value=1300, max_value=1499).filter(lambda year: not _is_leap(year)))
def test_esfand_30_is_refused_in_common_years(year):
    with pytest.raises(DateParseError):
        parse_date(f"{year}/12/30")


@pytest.mark.parametrize(("year", "is_leap"), [(1399, True), (1403, True), (1404, False), (1408, True)])
def test_leap_years_named_in_the_domain_primer(year, is_leap):
    assert jdatetime.date(year, 1, 1).isleap() is is_leap
