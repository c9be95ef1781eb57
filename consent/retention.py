"""Retention: how long each kind of record is kept, and what is due (``homeward retention``).

Periods come from ``settings.HOMEWARD_RETENTION`` (days), with the defaults below for any left out:

- ``inactive_people_days``: a person with no change and no return for this long is anonymised
  (as an approved erasure is, recorded as "retention");
- ``import_files_days``: uploaded import files and their lists of problems are deleted;
- ``closed_erasure_requests_days``: decided erasure requests are deleted (their decisions stay
  in the audit trail).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from access.policy import COMMAND_LINE
from audit import services as audit
from consent.models import Anonymisation, ErasureRequest
from consent.services import person_anonymise
from exchange import jobs
from exchange.models import ImportJob
from people.models import Person

DEFAULTS = {
    "inactive_people_days": 10 * 365,
    "import_files_days": 7,
    "closed_erasure_requests_days": 2 * 365,
}
BATCH = 200
FIRST_IDS = 10


def periods() -> dict[str, int]:
    configured = getattr(settings, "HOMEWARD_RETENTION", None) or {}
    return {key: int(configured.get(key, default)) for key, default in DEFAULTS.items()}


@dataclass
class Due:
    kind: str
    ids: list[int] = field(default_factory=list)


def _cutoff(days: int, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def inactive_people(now: datetime.datetime) -> list[int]:
    cutoff = _cutoff(periods()["inactive_people_days"], now)
    return list(
        Person.objects.filter(updated_at__lt=cutoff)
        .exclude(pk__in=Anonymisation.objects.values("person_id"))
        .exclude(return_events__arrived_on__gte=cutoff.date())
        .exclude(return_events__created_at__gte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def import_files(now: datetime.datetime) -> list[int]:
    cutoff = _cutoff(periods()["import_files_days"], now)
    return list(
        ImportJob.objects.filter(created_at__lt=cutoff)
        .exclude(stored_file="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def closed_erasure_requests(now: datetime.datetime) -> list[int]:
    cutoff = _cutoff(periods()["closed_erasure_requests_days"], now)
    return list(
        ErasureRequest.objects.exclude(status=ErasureRequest.Status.PENDING)
        .filter(decided_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def due(now: datetime.datetime | None = None) -> list[Due]:
    """What is due now, per kind of record (ids in ascending order)."""
    now = now or timezone.now()
    return [
        Due("inactive_people", inactive_people(now)),
        Due("import_files", import_files(now)),
        Due("closed_erasure_requests", closed_erasure_requests(now)),
    ]


def apply(
    now: datetime.datetime | None = None, *, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, int]:
    """Carry out what is due, in batches of ``BATCH`` (one transaction each), audited. Safe to run
    again: what was done is no longer due. Returns how many records of each kind were handled."""
    now = now or timezone.now()
    progress = progress or (lambda kind, done, total: None)
    done: dict[str, int] = {}

    people = inactive_people(now)
    for start in range(0, len(people), BATCH):
        batch = people[start : start + BATCH]
        with transaction.atomic():
            for person in Person.objects.filter(pk__in=batch).select_for_update():
                person_anonymise(actor=COMMAND_LINE, person=person, reason=Anonymisation.Reason.RETENTION)
        progress("inactive_people", start + len(batch), len(people))
    done["inactive_people"] = len(people)

    with transaction.atomic():
        expired = jobs.import_files_expire(
            older_than=datetime.timedelta(days=periods()["import_files_days"]), commit=True
        )
        if expired:
            audit.record(
                actor=COMMAND_LINE,
                action="retention.import_files_deleted",
                target_type="exchange.importjob",
                details={"ids": [job.pk for job in expired]},
            )
    progress("import_files", len(expired), len(expired))
    done["import_files"] = len(expired)

    requests = closed_erasure_requests(now)
    for start in range(0, len(requests), BATCH):
        batch = requests[start : start + BATCH]
        with transaction.atomic():
            ErasureRequest.objects.filter(pk__in=batch).delete()
            audit.record(
                actor=COMMAND_LINE,
                action="retention.erasure_requests_deleted",
                target_type="consent.erasurerequest",
                details={"ids": batch},
            )
        progress("closed_erasure_requests", start + len(batch), len(requests))
    done["closed_erasure_requests"] = len(requests)
    return done
