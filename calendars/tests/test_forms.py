import datetime

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from calendars import display
from calendars.forms import CalendarDateField
from calendars.parse import parse_date

OCTOBER_7_2023 = datetime.date(2023, 10, 7)


class ReturnForm(forms.Form):
    arrived_on = CalendarDateField(label="Arrival date")
    expires_on = CalendarDateField(label="Expiry date", required=False)


def use(language: str, calendar: str = "", digits: str = "") -> None:
    translation.activate(language)
    display.activate(display.DatePreferences(calendar=calendar, digits=digits))


@pytest.mark.parametrize(
    "typed",
    [
        "۱۴۰۲/۰۷/۱۵",
        "١٤٠٢-٠٧-١٥",
        "1402.7.15",
        "2023-10-07",
        "07.10.2023",
        "٠٧/١٠/٢٠٢٣",
        "15 Mizan 1402",
        " ۱۵ مهر ۱۴۰۲ ",
    ],
)
def test_a_date_typed_in_any_accepted_form_is_stored_iso_gregorian(typed):
    use("fa-af", display.SOLAR_HIJRI_AFGHAN)
    form = ReturnForm({"arrived_on": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["arrived_on"] == OCTOBER_7_2023


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("1402/12/30", "1402/12 has no day 30 in the Solar Hijri calendar"),
        ("1402/13/01", "There is no month 13"),
        ("2023-02-29", "2023-02 has no day 29"),
        ("yesterday", "“yesterday” is not a date I can read"),
        ("2999-01-01", "Year 2999 is out of range"),
    ],
)
def test_an_impossible_or_unreadable_date_is_refused_naming_the_accepted_forms(typed, reason):
    form = ReturnForm({"arrived_on": typed})

    assert not form.is_valid()
    [message] = form.errors["arrived_on"]
    assert reason in message
    assert "Accepted: 2023-10-07; 1402/7/15" in message


def test_an_empty_required_date_is_asked_for_and_an_optional_one_is_none():
    assert ReturnForm({"arrived_on": "  "}).errors["arrived_on"] == ["This field is required."]
    form = ReturnForm({"arrived_on": "2023-10-07", "expires_on": ""})
    assert form.is_valid()
    assert form.cleaned_data["expires_on"] is None


@pytest.mark.parametrize(
    ("language", "calendar", "digits", "shown"),
    [
        ("fa-af", "", "", "۱۴۰۲/۰۷/۱۵"),
        ("fa-af", display.SOLAR_HIJRI_AFGHAN, display.LATIN_DIGITS, "1402/07/15"),
        ("fa", "", display.ARABIC_INDIC_DIGITS, "١٤٠٢/٠٧/١٥"),
        ("ps", display.GREGORIAN, "", "۲۰۲۳/۱۰/۰۷"),
        ("en", "", "", "2023-10-07"),
        ("en", display.SOLAR_HIJRI_IRAN, "", "1402/07/15"),
        ("ru", "", "", "07.10.2023"),
        ("az", "", "", "07.10.2023"),
        ("ar", "", "", "٠٧/١٠/٢٠٢٣"),
    ],
)
def test_the_initial_date_is_shown_in_the_readers_calendar_and_digits(language, calendar, digits, shown):
    use(language, calendar, digits)

    html = str(ReturnForm(initial={"arrived_on": OCTOBER_7_2023})["arrived_on"])

    assert f'value="{shown}"' in html


def test_a_refused_date_is_shown_again_as_typed():
    use("fa-af")

    html = str(ReturnForm({"arrived_on": "۱۴۰۲/۱۲/۳۰"})["arrived_on"])

    assert 'value="۱۴۰۲/۱۲/۳۰"' in html


def test_the_input_is_text_with_a_hint_and_a_calendar_button():
    use("fa-af")

    html = str(ReturnForm()["arrived_on"])

    assert 'type="text"' in html
    assert 'type="date"' not in html
    assert f'placeholder="{gettext("yyyy/mm/dd")}"' in html  # in the reader's language
    assert 'data-picker-for="id_arrived_on"' in html
    assert 'data-picker-url="/calendars/month/"' in html
    assert f'aria-label="{gettext("Open the calendar")}"' in html


READERS = st.sampled_from(
    [
        (language, calendar, digits)
        for language in ("en", "fa-af", "ps", "fa", "ar", "ru", "az")
        for calendar in ("", display.GREGORIAN, display.SOLAR_HIJRI_AFGHAN, display.SOLAR_HIJRI_IRAN)
        for digits in ("", display.LATIN_DIGITS, display.PERSIAN_DIGITS, display.ARABIC_INDIC_DIGITS)
    ]
)


@given(
    day=st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2199, 12, 31)),
    reader=READERS,
)
def test_what_a_date_field_shows_is_read_back_as_the_same_day(day, reader):
    use(*reader)

    assert parse_date(display.format_for_input(day)).date == day
