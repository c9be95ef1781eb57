"""The date of birth has the calendar button too. A Dari clerk who knows the year types it, opens
the calendar there (in Solar Hijri, Persian digits), moves by the year list and a month button,
picks the day — and the whole date is stored, its Gregorian day to the day. Labels are looked up
in the Dari catalogue, so the test keeps passing when a string is translated."""

import datetime

from playwright.sync_api import Page, expect

from locations.models import BorderCrossing
from people.models import Person
from tests.e2e.helpers import dari
from vocabularies.models import ReturnType


def test_a_dari_clerk_types_the_year_of_birth_then_picks_the_day(dari_arrival_page: Page):
    page = dari_arrival_page

    page.get_by_label(dari("Arrival date")).fill("۱۴۰۴/۰۲/۱۰")
    page.get_by_label(dari("Border crossing or airport")).select_option(
        value=str(BorderCrossing.objects.get(code="islam-qala").pk)
    )
    page.get_by_label(dari("Return type")).select_option(
        value=str(ReturnType.objects.get(code="deported").pk)
    )
    head = page.locator("#member-0")
    head.get_by_label(dari("Sex")).select_option(value="M")
    head.get_by_label(dari("Given name"), exact=True).fill("عبدالرحمن")

    # Only the year is known at first; the date of birth is the first date of the member's card,
    # so its button is the card's first calendar button.
    birth = head.get_by_label(dari("Date of birth"))
    birth.fill("۱۳۶۴")
    head.get_by_role("button", name=dari("Open the calendar")).first.click()

    # The calendar opens at that year, no day chosen yet.
    picker = page.get_by_role("dialog")
    expect(picker.get_by_role("heading")).to_contain_text("حمل ۱۳۶۴")
    years = picker.get_by_role("combobox", name=dari("Year"))
    expect(years).to_have_value("1364-01")

    # The year list jumps a year (to the same month) and keeps the focus; a month button goes on.
    years.select_option("1365-01")
    expect(picker.get_by_role("heading")).to_contain_text("حمل ۱۳۶۵")
    expect(years).to_be_focused()
    years.select_option("1364-01")
    expect(picker.get_by_role("heading")).to_contain_text("حمل ۱۳۶۴")
    picker.get_by_role("button", name=dari("Next month")).click()
    expect(picker.get_by_role("heading")).to_contain_text("ثور ۱۳۶۴")
    expect(picker.get_by_role("heading")).to_contain_text("اپریل – می ۱۹۸۵")

    # Picking a day fills the whole date, in the clerk's calendar and digits.
    picker.get_by_role("button", name="۱۵ ثور ۱۳۶۴", exact=True).click()
    expect(picker).to_be_hidden()
    expect(birth).to_have_value("۱۳۶۴/۰۲/۱۵")
    expect(birth).to_be_focused()

    page.get_by_role("button", name=dari("Register household")).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("HH-")
    person = Person.objects.get()
    assert (person.birth_on, person.birth_precision) == (datetime.date(1985, 5, 5), "day")
