"""Two-step sign-in: required of administrators and supervisors, optional for the others."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import UserFactory
from accounts.tests.helpers import authenticator_for, current_code, sign_in
from audit.models import AuditEvent

PASSWORD = "correct-horse-battery"


@pytest.fixture
def supervisor(db):
    return UserFactory(username="nasrin", roles=["supervisor"])


@pytest.fixture
def clerk(db):
    return UserFactory(username="farid", roles=["clerk"])


def _time_passes(device):
    """As if half a minute passed: the wrong-code pause is over and a new code is showing
    (a code is accepted once only)."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()


def _password(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD, "next": "/"})


def test_a_supervisor_without_an_authenticator_must_enrol_before_anything_else(client, supervisor):
    _password(client, "nasrin")

    response = client.get(reverse("people:person-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second-factor"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Your role requires two-step sign-in" in page.content.decode()


def test_enrolment_shows_a_qr_code_and_the_first_code_turns_it_on(client, supervisor):
    _password(client, "nasrin")
    page = client.get(reverse("accounts:second-factor"))
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    assert f'src="{reverse("accounts:second-factor-qr")}"' in page.content.decode()

    qr = client.get(reverse("accounts:second-factor-qr"))
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    assert b"<script" not in qr.content
    assert "no-store" in qr["Cache-Control"]

    wrong = client.post(reverse("accounts:second-factor"), {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    _time_passes(device)

    response = client.post(
        reverse("accounts:second-factor"),
        {"code": current_code(device), "next": reverse("people:person-list")},
    )

    assert response.status_code == 302
    # First the recovery codes, shown once, then on to where the supervisor was going.
    codes_page = client.get(response["Location"]).content.decode()
    assert "Keep these codes somewhere safe" in codes_page
    assert f'href="{reverse("people:person-list")}"' in codes_page
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("people:person-list")).status_code == 200
    assert AuditEvent.objects.filter(action="account.second_factor_enabled", target_id=supervisor.pk).exists()


def test_after_the_password_a_user_with_an_authenticator_gives_a_code(client, supervisor):
    device = authenticator_for(supervisor)
    _password(client, "nasrin")

    blocked = client.get(reverse("people:person-list"))
    assert blocked["Location"].startswith(reverse("accounts:second-factor-verify"))
    # Starting a new enrolment is no way around it, nor is the QR code of one.
    assert client.get(reverse("accounts:second-factor"))["Location"].startswith(
        reverse("accounts:second-factor-verify")
    )
    assert client.get(reverse("accounts:second-factor-qr")).status_code == 404

    wrong = client.post(reverse("accounts:second-factor-verify"), {"code": "12345"})
    assert "Type the 6 digits" in wrong.content.decode()

    response = client.post(
        reverse("accounts:second-factor-verify"),
        {"code": current_code(device), "next": reverse("people:person-list")},
    )
    assert response["Location"] == reverse("people:person-list")
    assert client.get(reverse("people:person-list")).status_code == 200


def test_a_code_from_another_site_is_refused(client, supervisor):
    authenticator_for(supervisor)
    _password(client, "nasrin")

    response = client.post(
        reverse("accounts:second-factor-verify"), {"code": "123456", "next": "https://evil.example/"}
    )

    assert response.status_code == 200
    assert client.get(reverse("people:person-list")).status_code == 302


def test_verification_never_redirects_to_another_site(client, supervisor):
    device = authenticator_for(supervisor)
    _password(client, "nasrin")

    response = client.post(
        reverse("accounts:second-factor-verify"),
        {"code": current_code(device), "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("core:home")


def test_unverified_users_may_still_sign_out_and_reach_the_health_check(client, supervisor):
    _password(client, "nasrin")

    assert client.get(reverse("core:health")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_htmx_requests_are_told_to_go_to_the_second_factor(client, supervisor):
    authenticator_for(supervisor)
    _password(client, "nasrin")

    response = client.get(reverse("people:person-list"), headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith(reverse("accounts:second-factor-verify"))


def test_a_clerk_signs_in_with_a_password_alone(client, clerk):
    _password(client, "farid")

    assert client.get(reverse("people:person-list")).status_code == 200


def test_a_clerk_may_turn_it_on_and_off_from_preferences(client, clerk):
    sign_in(client, clerk)
    assert "Turn on two-step sign-in" in client.get(reverse("accounts:preferences")).content.decode()
    client.get(reverse("accounts:second-factor"))
    device = TOTPDevice.objects.get(user=clerk)
    client.post(reverse("accounts:second-factor"), {"code": current_code(device)})
    assert "Manage two-step sign-in" in client.get(reverse("accounts:preferences")).content.decode()

    # From now on the clerk too is asked for a code after the password.
    client.logout()
    _password(client, "farid")
    assert client.get(reverse("people:person-list"))["Location"].startswith(
        reverse("accounts:second-factor-verify")
    )
    _time_passes(device)
    client.post(reverse("accounts:second-factor-verify"), {"code": current_code(device)})
    _time_passes(device)

    response = client.post(reverse("accounts:second-factor"), {"code": current_code(device)})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    assert AuditEvent.objects.filter(action="account.second_factor_disabled", target_id=clerk.pk).exists()


def test_a_supervisor_cannot_turn_it_off(client, supervisor):
    device = authenticator_for(supervisor)
    sign_in(client, supervisor)

    page = client.get(reverse("accounts:second-factor"))
    assert "cannot be turned off" in page.content.decode()
    client.post(reverse("accounts:second-factor"), {"code": current_code(device)})

    assert TOTPDevice.objects.filter(user=supervisor, confirmed=True).exists()


def test_the_admin_site_needs_the_second_factor(client, db):
    admin = UserFactory(username="admin", roles=["administrator"], is_staff=True, is_superuser=True)
    sign_in(client, admin, second_factor=False)

    assert client.get("/admin/")["Location"].startswith(reverse("accounts:second-factor"))

    sign_in(client, admin)
    assert client.get("/admin/").status_code == 200


def test_the_admin_sign_in_page_sends_to_ours(client, db):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_signed_in_user_without_staff_rights_gets_403_from_the_admin(client, clerk):
    sign_in(client, clerk)

    assert client.get("/admin/login/").status_code == 403


def test_the_force_login_of_tests_passes_the_second_factor(client, supervisor):
    client.force_login(supervisor)

    assert client.get(reverse("people:person-list")).status_code == 200
