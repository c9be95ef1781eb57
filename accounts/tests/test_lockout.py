"""django-axes: five wrong passwords for a username from one address pause sign-in for 30 minutes."""

import base64

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def clerk(db):
    return UserFactory(username="farid", roles=["clerk"])


def _sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_username_at_that_address(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "farid", "wrong-password").status_code == 200

    response = _sign_in(client, "farid", "wrong-password")

    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    assert "30 minutes" in response.content.decode()
    # Even the right password is refused while locked out.
    assert _sign_in(client, "farid", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_username_and_address(client, clerk):
    UserFactory(username="mariam", roles=["clerk"])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "farid", "wrong-password")

    assert _sign_in(client, "farid", PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert _sign_in(client, "mariam", PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_clears_the_failures(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "farid", "wrong-password")
    assert _sign_in(client, "farid", PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "farid", "wrong-password").status_code == 200


def test_the_lockout_page_is_translated(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("accounts:login"),
            {"username": "farid", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            headers={"accept-language": "ru"},
        )
    assert response.status_code == 429
    assert '<html lang="ru"' in response.content.decode()


def test_the_api_takes_no_passwords(client, clerk):
    """The API accepts tokens and the browser's session only: Basic authentication with a
    password is not a way around the lockout."""
    credentials = base64.b64encode(f"farid:{PASSWORD}".encode()).decode()

    response = client.get(reverse("api:person-list"), headers={"authorization": f"Basic {credentials}"})

    assert response.status_code == 401
    classes = settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    assert not any("Basic" in name for name in classes)


def test_the_api_answers_401_to_a_locked_out_user_too(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "farid", "wrong-password")
    credentials = base64.b64encode(f"farid:{PASSWORD}".encode()).decode()

    response = client.get(reverse("api:person-list"), headers={"authorization": f"Basic {credentials}"})

    assert response.status_code == 401
