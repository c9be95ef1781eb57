"""Exporting in a real browser: open the export menu on the people list (it needs no JavaScript),
download the people as CSV, and fetch the registration form as an XLSForm."""

import csv
import io
from pathlib import Path

from playwright.sync_api import Page, expect

from exchange.layout import COLUMN_NAMES
from people.tests.factories import PersonFactory

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_download_the_people_as_csv_and_the_xlsform(
    supervising_officer, signed_in_page: Page, live_server, tmp_path
):  # the officer is a supervisor before signing in, so signs in with their code
    person = PersonFactory(organisation=supervising_officer.organisation)
    page = signed_in_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="People").click()
    page.get_by_text("Export", exact=True).click()
    csv_link = page.get_by_role("link", name="CSV (Excel, UTF-8)").first
    expect(csv_link).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "export-menu.png")
    with page.expect_download() as download:
        csv_link.click()

    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert download.value.suggested_filename.startswith("homeward-people-")
    assert rows[0] == list(COLUMN_NAMES)
    assert rows[1][0] == str(person.uid)

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Register arrival"
    ).click()
    with page.expect_download() as form:
        page.get_by_role("link", name="Download this form for KoBoCollect or ODK Collect").click()
    assert form.value.suggested_filename == "homeward-household-registration.xlsx"
