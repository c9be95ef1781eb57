"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

The reference data (countries, vocabularies, border crossings) comes from data migrations.
A live server needs a transactional database, which Django empties after each test, so every
test here asks for a serialized rollback: the migrated rows are restored before the test runs.
"""

import pytest
from playwright.sync_api import Page, expect

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture
def signed_in_page(page: Page, live_server, officer) -> Page:
    """The officer, signed in through the real login form."""
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    return page
