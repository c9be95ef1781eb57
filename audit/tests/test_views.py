import csv
import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from audit import services as audit
from audit.models import AuditEvent
from people.tests.factories import PersonFactory


@pytest.fixture
def trail(officer, person, caseworker_elsewhere):
    """Two reads and a change of the officer's person, and an event of another organisation."""
    audit.record(actor=officer, action="read", target=person)
    audit.record(
        actor=officer,
        action="person.changed",
        target=person,
        details=audit.changes({"sex": "M"}, {"sex": "F"}),
    )
    other = PersonFactory(organisation=caseworker_elsewhere.organisation)
    audit.record(actor=caseworker_elsewhere, action="read", target=other)
    return person


def test_an_auditor_searches_the_trail_and_sees_changes_before_and_after(client, auditor, trail):
    client.force_login(auditor)
    response = client.get(reverse("audit:event-list"), {"person": str(trail.uid), "action": "person"})
    assert response.status_code == 200
    events = response.context["page"].events
    assert [event.action for event in events] == ["person.changed"]
    assert "M</bdi> → <bdi>F" in response.content.decode()


def test_an_auditor_reads_only_their_organisations_trail(client, auditor, trail):
    client.force_login(auditor)
    events = client.get(reverse("audit:event-list")).context["page"].events
    assert {event.actor_name for event in events} == {"officer"}


@pytest.mark.parametrize("user", ["officer", "supervising_officer", "partner_user"])
def test_other_roles_get_403(client, request, user, trail):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("audit:event-list")).status_code == 403


def test_a_bad_date_is_explained_not_a_500(client, auditor, trail):
    client.force_login(auditor)
    response = client.get(reverse("audit:event-list"), {"since": "31/02/2024"})
    assert response.status_code == 200
    assert response.context["page"] is None
    assert response.context["form"].errors["since"]


def test_dates_in_the_solar_hijri_calendar_filter_the_trail(client, auditor, trail):
    client.force_login(auditor)
    response = client.get(reverse("audit:event-list"), {"since": "1300/1/1", "until": "1301/1/1"})
    assert response.context["page"].events == []


def test_pages_go_back_in_time_by_keyset(client, auditor, officer, person, django_assert_max_num_queries):
    for _ in range(55):
        audit.record(actor=officer, action="read", target=person)
    client.force_login(auditor)
    with django_assert_max_num_queries(12):
        first = client.get(reverse("audit:event-list"))
    page = first.context["page"]
    assert len(page.events) == 50
    second = client.get(reverse("audit:event-list"), {"before": page.next_before}).context["page"]
    assert len(second.events) == 5
    assert max(event.pk for event in second.events) < min(event.pk for event in page.events)


def test_the_csv_is_escaped_and_its_download_is_audited(client, auditor, officer, person):
    audit.record(actor=officer, action="read", target=person, details={"note": "=HYPERLINK(1)"})
    client.force_login(auditor)
    response = client.get(reverse("audit:event-export"), {"action": "read"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][5] == "read"
    assert rows[1][9].startswith('{"note": "=HYPERLINK')  # JSON starts with "{": not a formula
    exported = AuditEvent.objects.filter(action="audit.exported").get()
    assert (exported.actor_name, exported.details) == ("auditor", {"filter": {"action": "read"}})


def test_a_formula_in_a_cell_is_quoted(client, auditor, officer, person):
    audit.record(actor=officer, action="=cmd|calc", target=person)
    client.force_login(auditor)
    response = client.get(reverse("audit:event-export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=cmd|calc" in text


def test_a_supervisor_sees_the_access_history_on_the_persons_file(client, supervising_officer, trail):
    client.force_login(supervising_officer)
    client.get(reverse("people:person-detail", args=[trail.pk]))
    response = client.get(reverse("audit:person-history", args=[trail.pk]))
    assert response.status_code == 200
    actions = [event.action for event in response.context["history"].page.events]
    assert actions == ["read", "person.changed", "read"]
    assert "elsewhere" not in response.content.decode()


def test_a_supervisor_gets_404_for_a_person_outside_their_scope(client, supervisor_elsewhere_in_scope, trail):
    client.force_login(supervisor_elsewhere_in_scope)
    assert client.get(reverse("audit:person-history", args=[trail.pk])).status_code == 404


def test_an_auditor_of_another_organisation_gets_404(client, auditor_elsewhere, trail):
    client.force_login(auditor_elsewhere)
    assert client.get(reverse("audit:person-history", args=[trail.pk])).status_code == 404


def test_an_auditor_sees_the_history_but_not_the_person(client, auditor, trail):
    client.force_login(auditor)
    response = client.get(reverse("audit:person-history", args=[trail.pk]))
    assert response.status_code == 200
    assert response.context["history"].person is None
    assert trail.given_name_latin not in response.content.decode()


def test_the_api_gives_auditors_their_organisations_trail(auditor, trail):
    client = APIClient()
    client.force_authenticate(auditor)
    response = client.get("/api/v1/audit-events/", {"action": "person.changed"})
    assert response.status_code == 200
    assert [row["details"] for row in response.json()["results"]] == [{"changes": {"sex": ["M", "F"]}}]


def test_the_api_refuses_other_roles_and_explains_bad_dates(officer, auditor, trail):
    client = APIClient()
    client.force_authenticate(officer)
    assert client.get("/api/v1/audit-events/").status_code == 403
    client.force_authenticate(auditor)
    response = client.get("/api/v1/audit-events/", {"until": "not a date"})
    assert response.status_code == 400
    assert "until" in response.json()["fields"]


def test_the_api_hides_another_organisations_event(auditor, caseworker_elsewhere, trail):
    other = AuditEvent.objects.filter(actor_name="elsewhere").get()
    client = APIClient()
    client.force_authenticate(auditor)
    assert client.get(f"/api/v1/audit-events/{other.pk}/").status_code == 404
