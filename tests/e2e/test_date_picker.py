"""The date picker in a real browser, as a Dari clerk who reads Solar Hijri dates uses it: open it
beside the arrival date, move with the keyboard, change month, pick a day, register — and the
stored date is the Gregorian day that was picked. Labels are looked up in the Dari catalogue, so
the test keeps passing when a string is translated."""

import datetime
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from locations.models import BorderCrossing
from people.models import ReturnEvent
from tests.e2e.helpers import dari
from vocabularies.models import ReturnType

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_a_dari_clerk_picks_the_arrival_date_in_the_solar_hijri_calendar(dari_arrival_page: Page):
    page = dari_arrival_page

    arrival = page.get_by_label(dari("Arrival date"))
    arrival.fill("۱۴۰۴/۰۲/۱۰")
    opener = page.get_by_role("region", name=dari("Return")).get_by_role(
        "button", name=dari("Open the calendar")
    )
    expect(opener).to_have_attribute("aria-expanded", "false")

    # Escape closes it and gives the focus back to the button.
    opener.click()
    picker = page.get_by_role("dialog")
    expect(picker).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(picker).to_be_hidden()
    expect(opener).to_be_focused()

    # It opens at the typed date, in Dari month names and Persian digits, with the focus on that day.
    opener.click()
    expect(picker.get_by_role("heading")).to_contain_text("ثور ۱۴۰۴")
    expect(picker.get_by_role("heading")).to_contain_text("اپریل – می ۲۰۲۵")
    expect(picker.get_by_role("columnheader").first).to_have_text(re.compile("شنبه$"))
    expect(picker.get_by_role("button", name=re.compile("^۱۰ ثور ۱۴۰۴"))).to_be_focused()
    # Right to left, the next day is to the left.
    page.keyboard.press("ArrowLeft")
    expect(picker.get_by_role("button", name="۱۱ ثور ۱۴۰۴", exact=True)).to_be_focused()

    # Page Up goes to the previous month and lands on a day of it.
    page.keyboard.press("PageUp")
    expect(picker.get_by_role("heading")).to_contain_text("حمل ۱۴۰۴")
    expect(picker.get_by_role("button", name="۱ حمل ۱۴۰۴", exact=True)).to_be_focused()

    # The month buttons keep the focus on themselves.
    picker.get_by_role("button", name=dari("Next month")).click()
    expect(picker.get_by_role("heading")).to_contain_text("ثور ۱۴۰۴")
    picker.get_by_role("button", name=dari("Previous month")).click()
    expect(picker.get_by_role("heading")).to_contain_text("حمل ۱۴۰۴")
    expect(picker.get_by_role("button", name=dari("Previous month"))).to_be_focused()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "date-picker-fa-af.png")

    picker.get_by_role("button", name="۲۵ حمل ۱۴۰۴", exact=True).click()
    expect(picker).to_be_hidden()
    expect(arrival).to_have_value("۱۴۰۴/۰۱/۲۵")
    expect(arrival).to_be_focused()

    page.get_by_label(dari("Border crossing or airport")).select_option(
        value=str(BorderCrossing.objects.get(code="islam-qala").pk)
    )
    page.get_by_label(dari("Return type")).select_option(
        value=str(ReturnType.objects.get(code="deported").pk)
    )
    head = page.locator("#member-0")
    head.get_by_label(dari("Sex")).select_option(value="M")
    head.get_by_label(dari("Given name"), exact=True).fill("وفی الله")
    page.get_by_role("button", name=dari("Register household")).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("HH-")
    expect(page.get_by_role("main")).to_contain_text("۲۵ حمل ۱۴۰۴")
    assert ReturnEvent.objects.get().arrived_on == datetime.date(2025, 4, 14)
