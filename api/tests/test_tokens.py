"""A user makes, sees once, uses and revokes their own API tokens."""

import hashlib
import re

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.tests.conftest import TokenClient
from audit.models import AuditEvent

PEOPLE = "/api/v1/people/"


def _create(client, name="monthly report") -> str:
    response = client.post(reverse("api:token-create"), {"name": name})
    assert response.status_code == 200
    return response.context["key"]


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash(client, officer):
    client.force_login(officer)

    response = client.post(reverse("api:token-create"), {"name": "monthly report"})

    key = response.context["key"]
    token = ApiToken.objects.get()
    assert re.fullmatch(r"hw_[A-Za-z0-9_-]{43}", key)
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.name, token.prefix, token.key_hash}
    assert key.startswith(token.prefix)
    listing = client.get(reverse("api:token-list")).content.decode()
    assert "monthly report" in listing
    assert token.prefix in listing
    assert key not in listing
    assert AuditEvent.objects.filter(action="api_token.created", target_id=token.pk, actor=officer).exists()


def test_a_token_without_a_name_is_refused_and_nothing_is_made(client, officer):
    client.force_login(officer)

    response = client.post(reverse("api:token-create"), {"name": "   "})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert ApiToken.objects.count() == 0


@pytest.mark.parametrize("keyword", ["Token", "Bearer", "token"])
def test_the_key_signs_the_program_in_as_its_user(client, officer, keyword):
    client.force_login(officer)
    key = _create(client)
    client.logout()

    response = client.get(PEOPLE, headers={"Authorization": f"{keyword} {key}"})

    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_a_request_without_a_token_gets_401_with_the_scheme_to_use(client, db):
    response = client.get(PEOPLE)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert response.json()["fields"] == {}
    assert response.json()["message"]


@pytest.mark.parametrize(
    "header",
    ["Token hw_not-a-key-anyone-made", "Bearer ", "Token two words", "Token \u00e9t\u00e9"],
)
def test_a_wrong_token_gets_401(client, officer_key, header):
    response = client.get(PEOPLE, headers={"Authorization": header})

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_revoked_token_gets_401_from_then_on(client, officer):
    client.force_login(officer)
    key = _create(client)
    token = ApiToken.objects.get()
    assert TokenClient(client, key).get(PEOPLE).status_code == 200

    confirm = client.get(reverse("api:token-revoke", args=[token.pk]))
    assert confirm.status_code == 200
    assert ApiToken.objects.get().revoked_at is None
    response = client.post(reverse("api:token-revoke", args=[token.pk]))

    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoked", target_id=token.pk).count() == 1
    client.logout()
    refused = TokenClient(client, key).get(PEOPLE)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Token")


def test_a_token_of_a_deactivated_user_gets_401(client, officer, officer_key):
    officer.is_active = False
    officer.save(update_fields=["is_active"])

    assert TokenClient(client, officer_key).get(PEOPLE).status_code == 401


def test_nobody_else_can_see_or_revoke_a_users_token(client, officer, caseworker_elsewhere, officer_key):
    token = ApiToken.objects.get(user=officer)
    client.force_login(caseworker_elsewhere)

    listing = client.get(reverse("api:token-list"))
    confirm = client.get(reverse("api:token-revoke", args=[token.pk]))
    revoke = client.post(reverse("api:token-revoke", args=[token.pk]))

    assert token.prefix not in listing.content.decode()
    assert confirm.status_code == 404
    assert revoke.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_token_pages_ask_a_visitor_to_sign_in(client, db):
    response = client.get(reverse("api:token-list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_preferences_link_to_the_token_page(client, officer):
    client.force_login(officer)

    response = client.get(reverse("accounts:preferences"))

    assert reverse("api:token-list") in response.content.decode()
