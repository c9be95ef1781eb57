"""Recording what people do with the records. Callers run inside their own transaction, so an
event is written with the change it describes or not at all.

Each event says who (``actor``, ``actor_name``), when (``at``), from where (``ip_address``, from
``audit.middleware``), what (``action``, ``target_type``, ``target_id``, ``details``; a change
carries ``{"changes": {field: [before, after]}}``, see ``changes``), whose records
(``organisation``: the organisation that holds the target) and about whom (``person_id``).
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence

from django.db import models
from django.db.models import Subquery
from django.utils import timezone

from audit.middleware import client_address
from audit.models import AuditEvent
from core import bulk

COMMAND_LINE_NAME = "command-line"


def _target_type(target: models.Model) -> str:
    return target._meta.label_lower


def _actor_id(actor) -> int | None:
    return getattr(actor, "pk", None) or None


def _actor_name(actor) -> str:
    if actor is None:
        return ""
    if _actor_id(actor) is None:
        return getattr(actor, "username", "") or COMMAND_LINE_NAME
    return getattr(actor, "username", "") or ""


def _person_id(target: models.Model | None, person) -> int | None:
    """The person concerned: given, the target itself, or the person the target belongs to."""
    if person is not None:
        return person if isinstance(person, int) else person.pk
    if target is None:
        return None
    if target._meta.label_lower == "people.person":
        return target.pk
    return getattr(target, "person_id", None)


def _organisation(actor, target: models.Model | None, person_id: int | None, organisation):
    """The organisation that holds the target (an id, or a subquery for a person's record that
    is not loaded), else the actor's own."""
    if organisation is not None:
        return organisation if isinstance(organisation, int) else organisation.pk
    if target is not None:
        if hasattr(target, "organisation_id"):
            return target.organisation_id
        holder = target._state.fields_cache.get("person")
        if holder is not None:
            return holder.organisation_id
        if person_id is not None:
            from people.models import Person

            # Read inside the INSERT itself: no extra round trip for a note's or a document's owner.
            return Subquery(Person.objects.filter(pk=person_id).values("organisation_id")[:1])
    return getattr(actor, "organisation_id", None)


def record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    details: dict | None = None,
    target_type: str = "",
    person=None,
    organisation=None,
) -> AuditEvent:
    """Record a write (``action`` like ``household.arrival_registered``) done by ``actor`` to
    ``target``, in one INSERT.

    An action on many records at once (an export) names their ``target_type`` (``people.person``)
    instead of one ``target``. ``person`` (a Person or an id) names the person concerned when the
    target does not (a household's new member); ``organisation`` the holder when the target has
    none. The command line (``access.policy.COMMAND_LINE``, no ``pk``) is recorded with no actor
    and the name ``command-line``.
    """
    person_id = _person_id(target, person)
    event = AuditEvent.objects.create(
        actor_id=_actor_id(actor),
        actor_name=_actor_name(actor),
        organisation_id=_organisation(actor, target, person_id, organisation),
        ip_address=client_address(),
        action=action,
        target_type=_target_type(target) if target is not None else target_type,
        target_id=target.pk if target is not None else None,
        person_id=person_id,
        details=details or {},
    )
    if isinstance(event.organisation_id, Subquery):
        # Computed by the database: read again, lazily, if anyone asks.
        del event.__dict__["organisation_id"]
    return event


def record_read(*, actor, target: models.Model) -> AuditEvent:
    """Record that ``actor`` opened ``target``'s file."""
    return record(actor=actor, action="read", target=target)


EVENT_COLUMNS = (
    "at",
    "actor_id",
    "actor_name",
    "organisation_id",
    "ip_address",
    "action",
    "target_type",
    "target_id",
    "person_id",
    "details",
)


def record_many(
    *,
    actor,
    action: str,
    target_type: str,
    rows: Iterable[Sequence],
    organisation=None,
) -> int:
    """Record one event per row in one bulk INSERT (COPY on PostgreSQL): an import's people.

    Each row is ``(target_id, person_id, details)`` (``details`` a dict or None); every event gets
    the same actor, time, address and organisation (``organisation``, or the actor's). Runs in
    the caller's transaction; returns the number of events written.
    """
    prepared = event_rows(
        actor=actor, action=action, target_type=target_type, rows=rows, organisation=organisation
    )
    if prepared:
        bulk.insert_rows(AuditEvent._meta.db_table, EVENT_COLUMNS, prepared)
    return len(prepared)


def event_rows(
    *, actor, action: str, target_type: str, rows: Iterable[Sequence], organisation=None
) -> list[tuple]:
    """The rows ``record_many`` writes, in ``EVENT_COLUMNS`` order, for a caller that writes them
    with its own bulk rows (an import's batches)."""
    organisation_id = organisation if isinstance(organisation, int | None) else organisation.pk
    if organisation_id is None:
        organisation_id = getattr(actor, "organisation_id", None)
    at = timezone.now().astimezone(datetime.UTC).replace(tzinfo=None).isoformat(sep=" ")
    common = (
        at,
        _actor_id(actor),
        _actor_name(actor),
        organisation_id,
        client_address(),
        action,
        target_type,
    )
    return [
        (*common, target_id, person_id, json.dumps(jsonable(details or {})))
        for target_id, person_id, details in rows
    ]


def jsonable(value):
    """``value`` as JSON can hold it: dates in ISO, records by their id, sets as sorted lists."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(item) for item in value), key=str)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    """The values of ``fields`` of ``instance`` now (foreign keys as ids), for ``changes``."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        values[name] = getattr(instance, field.attname)
    return jsonable(values)


def changes(before: Mapping, after: Mapping) -> dict:
    """``{"changes": {field: [before, after]}}`` for the fields whose values differ (a field in
    only one snapshot counts as None in the other); ``{}`` when nothing changed."""
    before, after = jsonable(before), jsonable(after)
    differing = {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }
    return {"changes": differing} if differing else {}
