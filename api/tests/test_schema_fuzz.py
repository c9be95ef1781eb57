"""schemathesis against the running API: every operation in the schema, with generated parameters
(valid and not), signed in with a real token. No response may be a server error, and every
response the schema describes must match it."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from homeward.wsgi import application
from people.models import Phone
from people.tests.factories import DocumentFactory, PersonFactory, return_event_for


@pytest.fixture
def connection_kept_open():
    """The WSGI handler closes "old" connections when a request starts and ends, and inside a test's
    transaction every connection looks old: keep it, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def records(officer, connection_kept_open):
    """Something to find, so that lists and searches return records to check against the schema."""
    person = PersonFactory(organisation=officer.organisation)
    Phone.objects.create(person=person, number="0701234567", e164="+93701234567")
    DocumentFactory(person=person)
    return_event_for(person)
    PersonFactory(organisation=officer.organisation, birth_on=None, birth_precision="")


# Loaded once at collection through the WSGI application (the schema view reads no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_gives_no_server_error_and_keeps_to_its_schema(case, records, officer_key):
    case.call_and_validate(
        headers={"Authorization": f"Token {officer_key}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
