"""Recovery codes: ten single-use codes for signing in when the phone with the authenticator is
lost, and setting up a new phone in place of the old one."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.tests.factories import UserFactory
from accounts.tests.helpers import authenticator_for, current_code, sign_in
from audit.models import AuditEvent

PASSWORD = "correct-horse-battery"
CODE = re.compile(r'<li class="col py-1">([a-z2-9]{5}-[a-z2-9]{5})</li>')


@pytest.fixture
def supervisor(db):
    return UserFactory(username="nasrin", roles=["supervisor"])


def _password(client):
    return client.post(reverse("accounts:login"), {"username": "nasrin", "password": PASSWORD, "next": "/"})


def _wrong_code_pause_over(user):
    """As if a minute passed after a wrong code (django-otp pauses a device after each one)."""
    StaticDevice.objects.filter(user=user).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def _codes_shown(client) -> list[str]:
    return CODE.findall(client.get(reverse("accounts:recovery-codes")).content.decode())


def test_turning_on_two_step_sign_in_shows_ten_codes_once(client, supervisor):
    _password(client)
    client.get(reverse("accounts:second-factor"))
    device = TOTPDevice.objects.get(user=supervisor)

    client.post(reverse("accounts:second-factor"), {"code": current_code(device)})

    codes = _codes_shown(client)
    assert len(set(codes)) == 10
    assert _codes_shown(client) == []  # a second look shows none
    page = client.get(reverse("accounts:recovery-codes")).content.decode()
    assert "You have 10 unused recovery codes" in page


def test_only_a_keyed_hash_of_each_code_is_stored(client, supervisor):
    authenticator_for(supervisor)
    codes = services.recovery_codes_make(actor=supervisor)

    stored = set(StaticToken.objects.filter(device__user=supervisor).values_list("token", flat=True))

    assert len(stored) == 10
    for code in codes:
        assert code not in stored
        assert code.replace("-", "") not in stored


def test_a_recovery_code_signs_in_once(client, supervisor):
    authenticator_for(supervisor)
    code = services.recovery_codes_make(actor=supervisor)[0]
    _password(client)
    verify = client.get(reverse("accounts:second-factor-verify")).content.decode()
    assert reverse("accounts:second-factor-recover") in verify

    response = client.post(
        reverse("accounts:second-factor-recover"),
        {"code": code.upper().replace("-", " "), "next": reverse("people:person-list")},
    )

    assert response["Location"] == reverse("people:person-list")
    page = client.get(reverse("people:person-list"))
    assert page.status_code == 200
    assert "9 codes are left" in page.content.decode()
    event = AuditEvent.objects.get(action="account.recovery_code_used")
    assert event.details["codes_left"] == 9
    client.logout()
    _password(client)
    again = client.post(reverse("accounts:second-factor-recover"), {"code": code})
    assert "not right, or it was used before" in again.content.decode()
    assert client.get(reverse("people:person-list")).status_code == 302


def test_a_malformed_recovery_code_gets_a_message_naming_the_form(client, supervisor):
    authenticator_for(supervisor)
    services.recovery_codes_make(actor=supervisor)
    _password(client)

    response = client.post(reverse("accounts:second-factor-recover"), {"code": "123456"})

    assert response.status_code == 200
    assert "ten letters and digits, like abcde-23456" in response.content.decode()


def test_without_recovery_codes_there_is_no_recovery_step(client, supervisor):
    authenticator_for(supervisor)
    _password(client)

    assert (
        reverse("accounts:second-factor-recover")
        not in client.get(reverse("accounts:second-factor-verify")).content.decode()
    )
    response = client.get(reverse("accounts:second-factor-recover"))
    assert response["Location"].startswith(reverse("accounts:second-factor-verify"))


def test_new_codes_replace_the_old_ones(client, supervisor):
    old = services.recovery_codes_make(actor=supervisor)
    sign_in(client, supervisor)

    client.post(reverse("accounts:recovery-codes"))
    new = _codes_shown(client)

    assert len(new) == 10
    assert not set(old) & set(new)
    client.logout()
    _password(client)
    refused = client.post(reverse("accounts:second-factor-recover"), {"code": old[0]})
    assert "not right" in refused.content.decode()
    _wrong_code_pause_over(supervisor)
    assert client.post(reverse("accounts:second-factor-recover"), {"code": new[0]}).status_code == 302


def test_a_user_who_lost_their_phone_sets_up_a_new_one(client, supervisor):
    old_phone = authenticator_for(supervisor)
    code = services.recovery_codes_make(actor=supervisor)[0]
    _password(client)
    client.post(reverse("accounts:second-factor-recover"), {"code": code})

    page = client.get(reverse("accounts:second-factor") + "?replace=1").content.decode()
    assert "Setting up a new phone" in page
    new_phone = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    assert client.get(reverse("accounts:second-factor-qr")).status_code == 200
    response = client.post(
        reverse("accounts:second-factor"), {"code": current_code(new_phone), "replace": "1"}
    )

    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=supervisor).values_list("pk", flat=True)) == [new_phone.pk]
    assert not TOTPDevice.objects.filter(pk=old_phone.pk).exists()
    assert AuditEvent.objects.filter(
        action="account.second_factor_replaced", target_id=supervisor.pk
    ).exists()
    assert len(_codes_shown(client)) == 10


def test_a_signed_in_user_without_the_second_step_cannot_start_a_new_phone(client, supervisor):
    authenticator_for(supervisor)
    _password(client)

    response = client.get(reverse("accounts:second-factor") + "?replace=1")

    assert response["Location"].startswith(reverse("accounts:second-factor-verify"))
    assert client.get(reverse("accounts:second-factor-qr")).status_code == 404


def test_turning_two_step_sign_in_off_removes_the_recovery_codes(client, db):
    clerk = UserFactory(username="farid", roles=["clerk"])
    device = authenticator_for(clerk)
    services.recovery_codes_make(actor=clerk)
    sign_in(client, clerk)

    client.post(reverse("accounts:second-factor"), {"code": current_code(device)})

    assert not StaticToken.objects.filter(device__user=clerk).exists()
