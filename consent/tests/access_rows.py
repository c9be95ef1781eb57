"""The consent app's rows of the access matrix (core/tests/test_access_matrix.py).

Consents, shares and erasure requests belong to the organisation that holds the record: its
staff who see ``world.person`` reach them (403 when their role may not do the action); the
partner sees the person (so a page about the person answers 403) but never a consent, share or
request of the holder (404); who cannot see the person gets 404.
"""

from consent.models import ErasureRequest
from core.tests.access_world import everyone

_NOT_SEEN = {"analyst": 404, "auditor": 404, "elsewhere": 404, "out_of_scope": 404}


def _on_person(**allowed) -> dict:
    """A page about the person: 403 to those who see them without the right, 404 to the rest."""
    return {**everyone("login", 403, **_NOT_SEEN), **allowed}


def _on_holders_record(**allowed) -> dict:
    """A page about one of the holder's records (consent, share, request): the partner gets 404."""
    return {**_on_person(**allowed), "partner": 404}


def _erasure_request(world) -> int:
    return ErasureRequest.objects.create(
        person=world.person_record, reason="Asked at the desk", requested_by=world.users["caseworker"]
    ).pk


ROWS = {
    "consent:consent-record": (
        {"person_id": "person"},
        _on_person(clerk=200, caseworker=200, supervisor=200),
    ),
    "consent:consent-withdraw": (
        {"consent_id": "consent"},
        _on_holders_record(clerk=200, caseworker=200, supervisor=200),
    ),
    "consent:share-create": ({"person_id": "person"}, _on_person(caseworker=200, supervisor=200)),
    "consent:share-revoke": ({"share_id": "share"}, _on_holders_record(caseworker=200, supervisor=200)),
    "consent:erasure-request": ({"person_id": "person"}, _on_person(caseworker=200, supervisor=200)),
    "consent:erasure-list": ({}, everyone("login", 403, supervisor=200)),
    "consent:erasure-decide": ({"request_id": _erasure_request}, _on_holders_record(supervisor=200)),
}
