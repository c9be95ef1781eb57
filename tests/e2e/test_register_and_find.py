"""The main flow in a real browser: register a household of three, then find its head by name."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _fill_member(card, *, relationship, sex, given_name, given_name_latin, birth_date=None, age=None):
    card.get_by_label("Relationship to the head").select_option(label=relationship)
    card.get_by_label("Sex").select_option(label=sex)
    if birth_date is not None:
        card.get_by_label("Date of birth").fill(birth_date)
    if age is not None:
        card.get_by_label("or age").fill(str(age))
    card.get_by_label("Given name", exact=True).fill(given_name)
    card.get_by_label("Given name (Latin)", exact=True).fill(given_name_latin)


def test_register_a_household_and_find_its_head(signed_in_page: Page, live_server):
    page = signed_in_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Register arrival"
    ).click()
    expect(page.get_by_role("heading", name="Register a household arrival")).to_be_visible()
    register_url = page.url

    # The return.
    page.get_by_label("Arrival date").fill("2025-06-20")
    page.get_by_label("Border crossing or airport").select_option(label="Islam Qala")
    page.get_by_label("Returned from").select_option(label="Iran")
    page.get_by_label("Return type").select_option(label="Deported")
    page.get_by_label("Intended province").select_option(label="Herāt")

    # Member 1, the head, comes pre-filled with the relationship.
    head = page.locator("#member-0")
    expect(head.get_by_label("Relationship to the head").locator("option:checked")).to_have_text(
        "Head of household"
    )
    head.get_by_label("Sex").select_option(label="male")
    head.get_by_label("Date of birth").fill("1985")
    head.get_by_label("Given name", exact=True).fill("وفی الله")
    head.get_by_label("Given name (Latin)", exact=True).fill("Wafiullah")
    head.get_by_label("Father's name", exact=True).fill("عبدالرحیم")
    head.get_by_label("Father's name (Latin)", exact=True).fill("Abdul Rahim")

    # Two more members, added in place by htmx.
    add_member = page.get_by_role("button", name="Add a member")
    add_member.click()
    expect(page.locator("#member-1")).to_be_visible()
    # Keyboard users land in the new card.
    expect(page.locator("#member-1").get_by_label("Relationship to the head")).to_be_focused()
    add_member.click()
    expect(page.locator("#member-2")).to_be_visible()
    expect(page).to_have_url(register_url)
    expect(page.locator("#id_members-TOTAL_FORMS")).to_have_value("3")
    # The head's entries survived: the page was not reloaded.
    expect(head.get_by_label("Given name (Latin)", exact=True)).to_have_value("Wafiullah")

    _fill_member(
        page.locator("#member-1"),
        relationship="Spouse",
        sex="female",
        age=30,
        given_name="زرغونه",
        given_name_latin="Zarghona",
    )
    daughter = page.locator("#member-2")
    daughter.get_by_label("Relationship to the head").select_option(label="Daughter")
    daughter.get_by_label("Sex").select_option(label="female")
    daughter.get_by_label("Date of birth").fill("2015-03-21")
    # Her name is typed in Dari only: the usual Latin spelling is offered beside it.
    daughter.get_by_label("Given name", exact=True).fill("ملالی")
    daughter.get_by_label("Given name", exact=True).press("Tab")
    expect(daughter.get_by_label("Given name (Latin)", exact=True)).to_have_value("Malalai")

    # A fourth card, removed again in place.
    add_member.click()
    fourth = page.locator("#member-3")
    expect(fourth).to_be_visible()
    fourth.get_by_role("button", name="Remove member 4").click()
    expect(fourth).to_be_hidden()
    expect(page.get_by_role("group", name="Member 4")).to_have_count(0)
    expect(page.locator("fieldset.member-card")).to_have_count(3)
    expect(page).to_have_url(register_url)

    page.screenshot(path=SCREENSHOTS / "e2e-registration.png", full_page=True)
    page.get_by_role("button", name="Register household").click()

    # The household's page lists the three members.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Household HH-")
    members = page.get_by_role("region", name="Members")
    expect(members.get_by_role("row")).to_have_count(4)  # header and three members
    for native, latin, relationship in (
        ("وفی الله", "Wafiullah", "Head of household"),
        ("زرغونه", "Zarghona", "Spouse"),
        ("ملالی", "Malalai", "Daughter"),
    ):
        row = members.get_by_role("row").filter(has=page.get_by_role("link", name=native))
        expect(row).to_contain_text(latin)
        expect(row).to_contain_text(relationship)

    # Find the head by the Latin spelling of his name.
    page.goto(f"{live_server.url}/people/")
    search = page.get_by_label(re.compile(r"^Search by any part of a name"))
    search.fill("Wafiullah")
    search.press("Enter")
    result = page.get_by_role("table", name="People").get_by_role("link", name="وفی الله")
    expect(result).to_be_visible()
    result.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("وفی الله")
    expect(page.get_by_role("main")).to_contain_text("Wafiullah")
    expect(page.get_by_role("cell", name="عبدالرحیم")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "e2e-person.png", full_page=True)
