"""Figures in a real browser: an analyst signs in, reads the figures of their organisation (small
counts shown as "<5", no names anywhere) and downloads them as CSV."""

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.tests.factories import UserFactory
from locations.models import AdminArea
from people.models import ReturnEvent
from people.tests.factories import PersonFactory, return_event_for

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _people(organisation, province, count, *, sex, born, months_ago):
    day = timezone.localdate() - datetime.timedelta(days=30 * months_ago)
    for _ in range(count):
        person = PersonFactory(organisation=organisation, area=province, sex=sex, birth_on=born)
        event = return_event_for(person, arrived_on=day)
        ReturnEvent.objects.filter(pk=event.pk).update(destination_province=province)


def test_an_analyst_reads_the_figures_and_downloads_them(page: Page, live_server, officer):
    organisation = officer.organisation
    herat = AdminArea.objects.get(iso_code="AF-HER")
    kabul = AdminArea.objects.get(iso_code="AF-KAB")
    nangarhar = AdminArea.objects.get(iso_code="AF-NAN")
    _people(organisation, herat, 14, sex="M", born=datetime.date(1990, 3, 1), months_ago=1)
    _people(organisation, herat, 9, sex="F", born=datetime.date(2015, 6, 1), months_ago=2)
    _people(organisation, kabul, 8, sex="F", born=datetime.date(1985, 1, 1), months_ago=0)
    _people(organisation, nangarhar, 2, sex="M", born=datetime.date(1950, 1, 1), months_ago=4)
    UserFactory(username="analyst", organisation=organisation, office=None, roles=["analyst"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    page.goto(f"{live_server.url}/reports/")

    expect(page.get_by_role("heading", name="Figures")).to_be_visible()
    expect(page.locator("[data-figure=registered]")).to_have_text("33")
    expect(page.locator("[data-table=province]").get_by_text("<5")).to_be_visible()
    expect(page.get_by_text("Mohammad")).to_have_count(0)
    page.screenshot(path=SCREENSHOTS / "figures.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Figure,Category,Count")
    assert "<5" in text
