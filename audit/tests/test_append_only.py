"""The trail cannot be changed or deleted: not by the application, the admin site, the API or SQL."""

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from rest_framework.test import APIClient

from audit import services as audit
from audit.models import AppendOnlyError, AuditEvent


@pytest.fixture
def event(officer, person):
    return audit.record(actor=officer, action="read", target=person)


def test_saving_a_changed_event_is_refused(event):
    event.action = "nothing.happened"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "read"


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda events: events.update(action="nothing.happened"),
        lambda events: events.delete(),
        lambda events: events.bulk_update(list(events), ["action"]),
    ],
    ids=["update", "delete", "bulk_update"],
)
def test_querysets_refuse_to_change_the_trail(event, change):
    with pytest.raises(AppendOnlyError):
        change(AuditEvent.objects.filter(pk=event.pk))
    assert AuditEvent.objects.get(pk=event.pk).action == "read"


def test_the_database_refuses_an_update(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'nothing.happened' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "read"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite keeps DELETE for Django's test flush (audit/migrations/0002); PostgreSQL refuses it",
)
def test_postgresql_refuses_a_delete(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_admin_site_lets_no_one_add_change_or_delete_even_a_superuser(event, superuser):
    request = RequestFactory().get("/admin/audit/auditevent/")
    request.user = superuser
    model_admin = admin.site._registry[AuditEvent]
    assert [
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, event),
        model_admin.has_delete_permission(request, event),
        model_admin.get_actions(request),
    ] == [False, False, False, {}]


def test_the_admin_site_lists_the_trail_read_only(client, event, superuser):
    client.force_login(superuser)
    listing = client.get("/admin/audit/auditevent/?action=read")
    assert listing.status_code == 200
    assert b"officer" in listing.content
    detail = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    posted = client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "nothing.happened"})
    assert posted.status_code == 403
    deleted = client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "read"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_refuses_every_write_with_405(event, auditor, method):
    client = APIClient()
    client.force_authenticate(auditor)
    url = f"/api/v1/audit-events/{event.pk}/" if method != "post" else "/api/v1/audit-events/"
    response = getattr(client, method)(url, {"action": "nothing.happened"}, format="json")
    assert response.status_code == 405
    assert AuditEvent.objects.filter(pk=event.pk, action="read").exists()
