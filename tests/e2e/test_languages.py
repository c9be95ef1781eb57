"""Every language in a real browser: the page direction is right, and a screenshot of the
registration page in each goes to docs/screenshots/ (linked from the README)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LANGUAGES = [
    ("en", "ltr"),
    ("fa-af", "rtl"),
    ("ps", "rtl"),
    ("fa", "rtl"),
    ("ar", "rtl"),
    ("ru", "ltr"),
    ("az", "ltr"),
]


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_each_language_has_its_direction_and_is_shown_whole(
    page: Page, live_server, officer, language, direction
):
    officer.language = language
    officer.save(update_fields=["language"])
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("officer")
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("button[type=submit]").click()
    page.goto(f"{live_server.url}/arrivals/new/")

    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("html")).to_have_attribute("lang", language)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"register-{language}.png")
