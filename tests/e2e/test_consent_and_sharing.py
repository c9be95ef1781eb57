"""Consent and sharing in a real browser: a caseworker records a person's consent to sharing with a
partner NGO and shares the record for service delivery; the partner then opens it and sees only
the fields that purpose needs — no documents, no sensitive notes, no consent panels."""

from pathlib import Path

from playwright.sync_api import Page, expect

from accounts.tests.factories import OrganisationFactory, UserFactory
from people.tests.factories import DocumentFactory, PersonFactory
from protection.models import SensitiveNote

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _sign_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()


def test_consent_then_share_then_the_partner_sees_only_its_fields(page: Page, live_server, officer):
    officer.clearances = ["protection", "gbv"]
    officer.save(update_fields=["clearances"])
    ngo = OrganisationFactory(name="Herat Women's Aid", acronym="HWA", kind="ngo")
    UserFactory(username="ngo-worker", organisation=ngo, roles=["partner"])
    person = PersonFactory(organisation=officer.organisation, office=officer.office)
    DocumentFactory(person=person, number="1400-0101-55555")
    SensitiveNote.objects.create(
        person=person, category="protection", text="Threatened on return; keep address private."
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    _sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    expect(page.get_by_text("Threatened on return")).to_be_visible()

    page.get_by_role("link", name="Record consent").click()
    page.get_by_label("Sharing with a partner").check()
    page.get_by_label("Partner organisation").select_option(label="HWA")
    page.get_by_label("Service delivery").check()
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_text("Consent recorded.")).to_be_visible()

    page.get_by_role("link", name="Share", exact=True).click()
    page.get_by_label("Partner organisation").select_option(label="HWA")
    page.get_by_label("Purpose").select_option(label="Service delivery")
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_text("Shared with HWA.")).to_be_visible()
    expect(page.get_by_role("link", name="Stop sharing")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "person-consent-panels.png", full_page=True)

    page.context.clear_cookies()
    _sign_in(page, live_server, "ngo-worker")
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("محمد")
    expect(page.get_by_text("1400-0101-55555")).to_have_count(0)
    expect(page.get_by_text("Threatened on return")).to_have_count(0)
    expect(page.get_by_text("Identity documents")).to_have_count(0)
    expect(page.get_by_role("heading", name="Consent")).to_have_count(0)
    page.screenshot(path=SCREENSHOTS / "partner-person-view.png", full_page=True)
