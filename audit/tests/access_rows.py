"""The audit app's rows of the access matrix (core/tests/test_access_matrix.py).

The trail (pages, CSV, API) is for auditors only: every other role gets 403, whatever it may do
elsewhere. A person's access history is for supervisors (of people they may see) and auditors
(of their organisation's people); ``world.person`` is in the nationwide supervisor's scope.
"""

from audit import services as audit
from core.tests.access_world import everyone


def _event_of_the_person(world) -> int:
    return audit.record(actor=world.users["clerk"], action="read", target=world.person_record).pk


_AUDITORS = everyone("login", 403, auditor=200)
_API = everyone(401, 403, auditor=200)

ROWS = {
    "audit:event-list": ({}, _AUDITORS),
    "audit:event-export": ({}, _AUDITORS),
    "audit:person-history": ({"person_id": "person"}, everyone("login", 403, supervisor=200, auditor=200)),
    "api:audit-event-list": ({}, _API),
    "api:audit-event-detail": ({"pk": _event_of_the_person}, _API),
}
