"""Reading the audit trail: through access/policy.py, newest first, a page at a time (keyset on
the id, which grows with ``at``: no page counts the trail)."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from access import policy
from audit.models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class EventFilter:
    """What an auditor searches the trail by; every part optional."""

    person: str = ""  # a person's id or global identifier (uid)
    actor: str = ""  # a username, as recorded
    action: str = ""  # an action, or its beginning ("import" finds import.committed, …)
    target_type: str = ""  # people.person, people.household, …
    target_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None  # inclusive


@dataclass
class EventPage:
    events: list[AuditEvent] = field(default_factory=list)
    next_before: int | None = None


def _person_ids(value: str) -> list[int]:
    """A person's id from what was typed: a number, or a uid looked up (an id only, no data)."""
    value = value.strip()
    if value.isdigit():
        return [int(value)]
    try:
        uid = uuid.UUID(value)
    except ValueError:
        return []
    from people.models import Person

    return list(Person.objects.filter(uid=uid).values_list("pk", flat=True)[:1])


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _filtered(events: QuerySet[AuditEvent], wanted: EventFilter) -> QuerySet[AuditEvent]:
    if wanted.person:
        events = events.filter(person_id__in=_person_ids(wanted.person))
    if wanted.actor:
        events = events.filter(actor_name__iexact=wanted.actor.strip())
    if wanted.action:
        events = events.filter(action__startswith=wanted.action.strip())
    if wanted.target_type:
        events = events.filter(target_type=wanted.target_type.strip().lower())
    if wanted.target_id is not None:
        events = events.filter(target_id=wanted.target_id)
    if wanted.since:
        events = events.filter(at__gte=_day_start(wanted.since))
    if wanted.until:
        events = events.filter(at__lt=_day_start(wanted.until + datetime.timedelta(days=1)))
    return events


def _page(events: QuerySet[AuditEvent], before_id: int | None, page_size: int) -> EventPage:
    if before_id is not None:
        events = events.filter(pk__lt=before_id)
    found = list(events.select_related("organisation").order_by("-pk")[: page_size + 1])
    if len(found) > page_size:
        return EventPage(events=found[:page_size], next_before=found[page_size - 1].pk)
    return EventPage(events=found)


def _trail(actor) -> QuerySet[AuditEvent]:
    if not policy.may(actor, "audit.view"):
        raise PermissionDenied
    return policy.audit_events_visible_to(actor)


def audit_event_search(
    *, actor, wanted: EventFilter, before_id: int | None = None, page_size: int = PAGE_SIZE
) -> EventPage:
    """One page of the trail the actor may read (auditors: their organisation's), newest first.
    Raises PermissionDenied for a role that may not read the trail."""
    return _page(_filtered(_trail(actor), wanted), before_id, page_size)


def audit_event_rows(*, actor, wanted: EventFilter, batch_size: int = 2000):
    """Every event matching ``wanted``, newest first, read in keyset batches (for the CSV)."""
    events = _filtered(_trail(actor), wanted)
    before_id = None
    while True:
        page = _page(events, before_id, batch_size)
        yield from page.events
        if page.next_before is None:
            return
        before_id = page.next_before


@dataclass
class PersonHistory:
    person_id: int
    person: object | None  # the Person, for a reader who may see the person's file; else None
    page: EventPage


def person_history_get(*, actor, person_id: int, before_id: int | None = None, page_size: int = PAGE_SIZE):
    """Who opened or changed a person's file, newest first.

    Supervisors see the history of the people they may see (Http404 for anyone else); auditors
    that of their organisation's people, without the person's details. Raises PermissionDenied
    for roles that may not read access histories.
    """
    if not policy.may(actor, "access_history.view"):
        raise PermissionDenied
    if policy.may(actor, "person.view"):
        person = get_object_or_404(policy.people_visible_to(actor), pk=person_id)
        events = policy.person_access_history_visible_to(actor, person)
    else:
        person = None
        if not _holds(actor, person_id):
            raise Http404
        events = policy.audit_events_visible_to(actor).filter(person_id=person_id)
    return PersonHistory(person_id=person_id, person=person, page=_page(events, before_id, page_size))


def _holds(actor, person_id: int) -> bool:
    """Whether the person exists and is held by the auditor's organisation (an auditor sees no
    one's file, but reads the trail of their organisation's people)."""
    from people.models import Person

    if getattr(actor, "is_superuser", False):
        return Person.objects.filter(pk=person_id).exists()
    return Person.objects.filter(pk=person_id, organisation_id=actor.organisation_id).exists()


def audit_event_list(*, actor, wanted: EventFilter) -> QuerySet[AuditEvent]:
    """The events the actor may read matching ``wanted`` (the API pages it by id). Raises
    PermissionDenied for a role that may not read the trail."""
    return _filtered(_trail(actor), wanted).select_related("organisation")
