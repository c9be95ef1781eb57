import datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from access.policy import COMMAND_LINE
from audit import services as audit
from audit.middleware import RequestContextMiddleware, address_of, client_address
from audit.models import AuditEvent
from people.tests.factories import DocumentFactory


def _served(address, call, **meta):
    """Run ``call`` while the middleware serves a request from ``address``."""
    request = RequestFactory().get("/", REMOTE_ADDR=address, **meta)
    results = []

    def view(_request):
        results.append(call())
        return HttpResponse()

    RequestContextMiddleware(view)(request)
    return results[0]


def test_record_fills_who_whose_about_whom_and_from_where(officer, person):
    event = _served("203.0.113.7", lambda: audit.record(actor=officer, action="read", target=person))
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor_id, event.actor_name, event.organisation_id) == (
        officer.pk,
        "officer",
        person.organisation_id,
    )
    assert (event.ip_address, event.target_type, event.target_id, event.person_id) == (
        "203.0.113.7",
        "people.person",
        person.pk,
        person.pk,
    )


def test_a_document_event_names_its_holder_and_her_organisation(officer, person, django_assert_num_queries):
    document = DocumentFactory(person=person)
    fresh = type(document).objects.get(pk=document.pk)  # the holder is not loaded
    with django_assert_num_queries(1):
        event = audit.record(actor=officer, action="document.read", target=fresh)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.person_id, stored.organisation_id) == (person.pk, person.organisation_id)


def test_the_command_line_is_recorded_by_name_without_an_account(person):
    event = audit.record(actor=COMMAND_LINE, action="exported", target_type="people.person")
    assert (event.actor_id, event.actor_name, event.ip_address) == (None, "command-line", None)


def test_outside_a_request_there_is_no_address(officer, person):
    assert client_address() is None
    assert audit.record(actor=officer, action="read", target=person).ip_address is None


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.9", "10.0.0.1"),  # no proxy trusted: the header is the client's own claim
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # a forged first hop is ignored
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_the_forwarded_address_only_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.HOMEWARD_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert address_of(request) == expected


def test_the_address_is_forgotten_after_the_request(officer, person):
    _served("203.0.113.7", lambda: None)
    assert client_address() is None


def test_record_many_writes_many_people_at_once(officer, person, django_assert_max_num_queries):
    rows = [(person.pk, person.pk, {"row": 1}), (person.pk + 1000, person.pk + 1000, None)]
    before = AuditEvent.objects.count()
    # executemany / COPY through the driver: at most one statement the ORM sees.
    with django_assert_max_num_queries(1):
        written = _served(
            "192.0.2.1",
            lambda: audit.record_many(
                actor=officer, action="person.imported", target_type="people.person", rows=rows
            ),
        )
    assert written == 2
    events = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(e.person_id, e.details, e.ip_address, e.actor_name) for e in events] == [
        (person.pk, {"row": 1}, "192.0.2.1", "officer"),
        (person.pk + 1000, {}, "192.0.2.1", "officer"),
    ]
    assert {e.organisation_id for e in events} == {officer.organisation_id}


def test_changes_lists_only_what_differs_before_and_after():
    before = {"area": 3, "sex": "F", "birth_on": datetime.date(1990, 1, 1)}
    after = {"area": 4, "sex": "F", "birth_on": datetime.date(1991, 1, 1), "household": 9}
    assert audit.changes(before, after) == {
        "changes": {"area": [3, 4], "birth_on": ["1990-01-01", "1991-01-01"], "household": [None, 9]}
    }
    assert audit.changes(before, dict(before)) == {}


def test_snapshot_reads_foreign_keys_as_ids(person):
    assert audit.snapshot(person, ["household", "sex", "birth_on"]) == {
        "household": person.household_id,
        "sex": person.sex,
        "birth_on": person.birth_on.isoformat(),
    }
