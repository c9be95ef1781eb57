"""Idle timeout and absolute lifetime of a session; the password rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from accounts.middleware import LAST_SEEN_AT, LAST_SEEN_RESOLUTION, SIGNED_IN_AT
from accounts.tests.helpers import sign_in


def _age_session(client, *, idle: int = 0, since_sign_in: int = 0):
    session = client.session
    session[LAST_SEEN_AT] -= idle
    session[SIGNED_IN_AT] -= since_sign_in
    session.save()


@pytest.fixture
def signed_in(client, officer):
    sign_in(client, officer)
    assert client.get(reverse("core:home")).status_code == 200
    return client


@override_settings(HOMEWARD_IDLE_TIMEOUT_MINUTES=30)
def test_thirty_idle_minutes_sign_the_user_out(signed_in):
    _age_session(signed_in, idle=31 * 60)

    response = signed_in.get(reverse("people:person-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "ended=idle" in response["Location"]
    assert "_auth_user_id" not in signed_in.session
    page = signed_in.get(response["Location"])
    assert "without activity" in page.content.decode()


def test_activity_keeps_the_session_but_does_not_save_it_on_every_request(signed_in):
    _age_session(signed_in, idle=29 * 60)
    assert signed_in.get(reverse("core:home")).status_code == 200
    seen = signed_in.session[LAST_SEEN_AT]
    assert signed_in.get(reverse("core:home")).status_code == 200
    assert signed_in.session[LAST_SEEN_AT] == seen

    _age_session(signed_in, idle=LAST_SEEN_RESOLUTION - 5)
    before = signed_in.session[LAST_SEEN_AT]
    signed_in.get(reverse("core:home"))
    assert signed_in.session[LAST_SEEN_AT] == before  # not yet worth a write


@override_settings(HOMEWARD_SESSION_MAX_HOURS=12)
def test_a_session_ends_twelve_hours_after_signing_in_however_active(signed_in):
    _age_session(signed_in, since_sign_in=12 * 3600 + 1)

    response = signed_in.get(reverse("core:home"))

    assert "ended=expired" in response["Location"]


def test_htmx_requests_are_told_to_go_to_sign_in(signed_in):
    _age_session(signed_in, idle=3 * 3600)

    response = signed_in.get(reverse("people:person-list"), headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "password",
    ["short-pw1", "123456789012345", "password1234", "farid-ahmadzai"],
)
def test_weak_passwords_are_refused(officer, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=officer)


def test_a_long_uncommon_password_is_accepted(officer):
    validate_password("river-lantern-pistachio-7", user=officer)
