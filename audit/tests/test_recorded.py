"""Each kind of write records who did what, about whom, with before and after."""

import datetime

from audit.models import AuditEvent
from people import services as people_services


def test_a_member_leaving_records_the_change_on_the_persons_history(officer, person):
    people_services.household_member_leave(
        actor=officer, household=person.household, person_id=person.pk, left_on=datetime.date(2024, 6, 1)
    )
    event = AuditEvent.objects.get(action="household.member_left")
    assert (event.person_id, event.organisation_id, event.actor_name) == (
        person.pk,
        person.organisation_id,
        "officer",
    )
    assert event.details["changes"] == {
        "household": [person.household_id, None],
        "left_on": [None, "2024-06-01"],
    }


def test_opening_a_file_records_one_insert(client, officer, person):
    client.force_login(officer)
    before = AuditEvent.objects.count()
    client.get(f"/people/{person.pk}/")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.person_id, event.ip_address) == ("read", person.pk, "127.0.0.1")
