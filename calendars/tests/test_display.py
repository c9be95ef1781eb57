import datetime

import pytest
from django.utils import translation

from calendars import display

OCTOBER_7_2023 = datetime.date(2023, 10, 7)


@pytest.mark.parametrize(
    ("language", "calendar", "digits", "shown"),
    [
        ("en", "", "", "7 Oct 2023"),
        ("fa-af", "", "", "۱۵ میزان ۱۴۰۲"),
        ("ps", "", "", "۱۵ تله ۱۴۰۲"),
        ("fa", "", "", "۱۵ مهر ۱۴۰۲"),
        ("ar", "", "", "٧ أكتوبر ٢٠٢٣"),
        ("ru", "", "", "7 окт. 2023"),
        ("fa-af", display.GREGORIAN, "", "۷ اکتوبر ۲۰۲۳"),
        ("fa-af", "", display.LATIN_DIGITS, "15 میزان 1402"),
        ("en", display.SOLAR_HIJRI_AFGHAN, "", "15 Mizan 1402"),
        ("en", display.SOLAR_HIJRI_IRAN, "", "15 Mehr 1402"),
        ("ar", "", display.LATIN_DIGITS, "7 أكتوبر 2023"),
    ],
)
def test_a_date_is_shown_in_the_readers_calendar_and_digits(language, calendar, digits, shown):
    display.activate(display.DatePreferences(calendar=calendar, digits=digits))
    with translation.override(language):
        assert display.format_date(OCTOBER_7_2023) == shown
    display.activate(display.DatePreferences())
