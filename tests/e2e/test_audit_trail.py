"""The audit trail in a real browser: an officer opens a person's file; an auditor then finds that
opening in the trail with the keyboard-friendly search form and follows it to the person's
access history."""

from pathlib import Path

from playwright.sync_api import Page, expect

from accounts.tests.factories import UserFactory
from people.tests.factories import PersonFactory

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_an_auditor_finds_who_opened_a_file(signed_in_page: Page, live_server, officer):
    person = PersonFactory(organisation=officer.organisation, given_name_latin="Zarghuna")
    UserFactory(username="auditor", organisation=officer.organisation, office=None, roles=["auditor"])
    page = signed_in_page
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.context.clear_cookies()  # the officer's session ends; the auditor signs in afresh

    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill("auditor")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/audit/")
    expect(page.get_by_role("heading", name="Audit trail")).to_be_visible()

    page.get_by_label("Action").fill("read")
    page.get_by_label("Username").press("Tab")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Username").press("Enter")
    row = page.get_by_role("row").filter(has_text="officer").first
    expect(row).to_contain_text("people.person")
    expect(row).to_contain_text("127.0.0.1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "audit-trail.png", full_page=True)

    row.get_by_role("link", name=f"person {person.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"person {person.pk}")
    expect(page.get_by_role("row").filter(has_text="officer").first).to_be_visible()
    expect(page.get_by_text("Zarghuna")).to_have_count(0)
    page.screenshot(path=SCREENSHOTS / "audit-person-history.png", full_page=True)
