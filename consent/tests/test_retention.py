import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from consent import retention, services
from consent.models import Anonymisation, ErasureRequest
from exchange.models import ImportJob
from people.models import Person
from people.tests.factories import PersonFactory, return_event_for

pytestmark = pytest.mark.django_db


def _age(person, days):
    Person.objects.filter(pk=person.pk).update(updated_at=timezone.now() - datetime.timedelta(days=days))


@pytest.fixture
def people(officer, settings):
    settings.HOMEWARD_RETENTION = {"inactive_people_days": 365, "closed_erasure_requests_days": 30}
    old = PersonFactory(organisation=officer.organisation, given_name_latin="Oldname")
    recent = PersonFactory(organisation=officer.organisation)
    returned = PersonFactory(organisation=officer.organisation)
    for person in (old, returned):
        _age(person, 400)
    return_event_for(returned, arrived_on=timezone.localdate() - datetime.timedelta(days=10))
    _age(returned, 400)
    return old, recent, returned


def test_defaults_when_not_configured(settings):
    del settings.HOMEWARD_RETENTION
    assert retention.periods()["import_files_days"] == 7


def test_dry_run_lists_and_changes_nothing(people):
    old, _recent, _returned = people
    out = io.StringIO()
    call_command("retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert f"People with no activity (to anonymise): 1 ({old.pk})" in text
    assert "Dry run" in text
    assert not Anonymisation.objects.exists()


def test_run_anonymises_inactive_people_once(people):
    old, recent, returned = people
    call_command("retention", stdout=io.StringIO(), stderr=io.StringIO())
    old.refresh_from_db()
    assert old.given_name_latin == ""
    assert Anonymisation.objects.get(person=old).reason == "retention"
    assert Person.objects.get(pk=recent.pk).given_name_latin
    assert Person.objects.get(pk=returned.pk).given_name_latin
    event = AuditEvent.objects.get(action="person.anonymised")
    assert event.actor is None
    assert event.details["reason"] == "retention"
    # Again: nothing more is due, nothing more is done.
    out = io.StringIO()
    call_command("retention", stdout=out, stderr=io.StringIO())
    assert "inactive_people=0" in out.getvalue()
    assert AuditEvent.objects.filter(action="person.anonymised").count() == 1


def test_closed_erasure_requests_and_import_files(people, officer, settings, tmp_path):
    old, recent, _ = people
    boss = officer.__class__.objects.create(username="boss2", organisation=officer.organisation)
    request = services.erasure_request(actor=officer, person=recent, reason="Asked")
    ErasureRequest.objects.filter(pk=request.pk).update(
        status="refused", decided_by=boss, decided_at=timezone.now() - datetime.timedelta(days=40)
    )
    pending = services.erasure_request(actor=officer, person=old, reason="Asked")
    settings.HOMEWARD_IMPORT_DIR = tmp_path
    (tmp_path / "upload.csv").write_text("a,b\n")
    job = ImportJob.objects.create(
        organisation=officer.organisation, source="x", file_name="a.csv", stored_file="upload.csv"
    )
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))

    kinds = {item.kind: item.ids for item in retention.due()}
    assert kinds["closed_erasure_requests"] == [request.pk]
    assert kinds["import_files"] == [job.pk]

    done = retention.apply()
    assert done["closed_erasure_requests"] == 1
    assert done["import_files"] == 1
    assert list(ErasureRequest.objects.values_list("pk", flat=True)) == [pending.pk]
    assert not (tmp_path / "upload.csv").exists()
    assert AuditEvent.objects.filter(action="retention.erasure_requests_deleted").exists()
    assert AuditEvent.objects.filter(action="retention.import_files_deleted").exists()
