"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

The reference data (countries, vocabularies, border crossings) comes from data migrations. A live
server needs a transactional database, which Django empties after each test. So every test here
asks for a serialized rollback (the migrated rows are put back before it runs), runs after the
rest of the suite, and puts the migrated rows back after it too, for whatever runs next.
"""

import pytest
from django.db import connections
from playwright.sync_api import Page, expect
from pytest_django.plugin import blocking_manager_key

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _is_e2e(item: pytest.Item) -> bool:
    return "tests/e2e/" in item.nodeid.replace("\\", "/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark the browser tests, and run them last.

    pytest-django already puts transactional tests last, but pytest's own regrouping of
    session-parametrized tests (Playwright's ``browser_name``) runs after it and can pull a
    browser test in among ordinary database tests; this hook runs after both.
    """
    browser_tests = []
    for item in items:
        if _is_e2e(item):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            browser_tests.append(item)
    if browser_tests:
        items[:] = [item for item in items if not _is_e2e(item)] + browser_tests


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After Django has emptied the tables, put the migrated reference data back for the next test.

    Not after the last test: by then the test database itself has been torn down.
    """
    try:
        return (yield)
    finally:
        if _is_e2e(item) and nextitem is not None:
            with item.config.stash[blocking_manager_key].unblock():
                for connection in connections.all(initialized_only=True):
                    if hasattr(connection, "_test_serialized_contents"):
                        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture
def signed_in_page(page: Page, live_server, officer) -> Page:
    """The officer, signed in through the real login form (and the two-step form if needed)."""
    from accounts import second_factor
    from accounts.tests.helpers import authenticator_for, current_code

    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct-horse-battery")
    # Supervisors have enrolled an authenticator app and give its code after the password.
    device = authenticator_for(officer) if second_factor.is_required(officer) else None
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Code from your authenticator app").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    return page


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Make sure the migrated reference data is there, whatever ran before (idempotent)."""
    from importlib import import_module

    from django.apps import apps

    import_module("locations.migrations.0002_reference_data").load(apps, None)
    import_module("vocabularies.migrations.0002_seed_terms").seed(apps, None)


@pytest.fixture
def dari_arrival_page(page: Page, live_server, officer) -> Page:
    """The officer as a Dari clerk who reads Solar Hijri dates, signed in, on the arrival form."""
    officer.language = "fa-af"
    officer.calendar = "solar_hijri_afghan"
    officer.save(update_fields=["language", "calendar"])
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/arrivals/new/")
    return page
