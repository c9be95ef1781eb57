"""Fixtures for the API: a real token for each actor, and a client that sends it."""

import pytest

from api import services


class TokenClient:
    """Django's test client with ``Authorization: Token <key>`` on every request."""

    def __init__(self, client, key: str):
        self.client, self.key = client, key

    def get(self, path, data=None, **extra):
        return self.client.get(path, data, headers={"Authorization": f"Token {self.key}"}, **extra)


def _key_for(user) -> str:
    _token, key = services.api_token_create(actor=user, name="tests")
    return key


@pytest.fixture
def officer_key(officer) -> str:
    return _key_for(officer)


@pytest.fixture
def api(client, officer_key) -> TokenClient:
    """The officer's program, reading with the officer's token."""
    return TokenClient(client, officer_key)


@pytest.fixture
def api_elsewhere(client, caseworker_elsewhere) -> TokenClient:
    return TokenClient(client, _key_for(caseworker_elsewhere))


@pytest.fixture
def api_partner(client, partner_user) -> TokenClient:
    return TokenClient(client, _key_for(partner_user))
