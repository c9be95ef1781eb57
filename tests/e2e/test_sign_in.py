"""Signing in in a real browser: two-step sign-in for a supervisor (with a recovery code once the
phone is lost), and the lockout page."""

from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page, expect

from accounts.tests.factories import UserFactory
from accounts.tests.helpers import current_code

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


PASSWORD = "correct-horse-battery"  # noqa: S105 (the factories' test password)


def _password(page: Page, live_server, username: str, password: str = PASSWORD):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_supervisor_enrols_an_authenticator_then_gives_a_code_at_the_next_sign_in(page: Page, live_server):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    supervisor = UserFactory(
        username="nasrin", first_name="Nasrin", last_name="Haidari", roles=["supervisor"]
    )
    _password(page, live_server, "nasrin")

    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    qr = page.get_by_role("img", name="QR code to scan with your authenticator app")
    expect(qr).to_be_visible()
    # The QR code is drawn by our own view: wait until the browser has it (and it is a real image).
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    page.screenshot(path=SCREENSHOTS / "two-step-enrol.png", full_page=True)

    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_text("Two-step sign-in is on")).to_be_visible()
    # Then, once, the ten recovery codes for a lost phone.
    expect(page.get_by_role("heading", name="Keep these codes somewhere safe")).to_be_visible()
    codes = page.locator("ol.recovery-codes li")
    expect(codes).to_have_count(10)
    recovery_code = codes.first.inner_text().strip()
    page.screenshot(path=SCREENSHOTS / "recovery-codes.png", full_page=True)
    page.get_by_role("link", name="I have kept them — continue").click()

    page.get_by_role("button", name="Nasrin Haidari").click()
    page.get_by_role("button", name="Sign out").click()
    _password(page, live_server, "nasrin")
    expect(page.get_by_text("Open your authenticator app")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "two-step-verify.png", full_page=True)
    device.refresh_from_db()
    page.get_by_label("Code from your authenticator app").fill(current_code(device, offset_steps=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    expect(page.get_by_text("Open your authenticator app")).to_have_count(0)

    # The phone is lost: a recovery code signs in once instead.
    page.get_by_role("button", name="Nasrin Haidari").click()
    page.get_by_role("button", name="Sign out").click()
    _password(page, live_server, "nasrin")
    page.get_by_role("link", name="Lost your phone? Use a recovery code").click()
    page.get_by_label("Recovery code").fill(recovery_code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    expect(page.get_by_text("9 codes are left")).to_be_visible()


def test_repeated_wrong_passwords_show_the_lockout_page(page: Page, live_server):
    UserFactory(username="farid", roles=["clerk"])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password(page, live_server, "farid", "not-the-password")

    expect(page.get_by_role("heading", name="Sign-in paused")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "sign-in-paused.png", full_page=True)
