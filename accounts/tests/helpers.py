"""Test helpers for signing in: other apps' tests use these instead of ``client.force_login``."""

from django.test import Client


def sign_in(client: Client, user) -> Client:
    """Sign ``user`` in on ``client``, past any second factor the user would be asked for."""
    client.force_login(user)
    return client
