"""The protection app's rows of the access matrix (core/tests/test_access_matrix.py): adding a
sensitive note needs a case-handling role with a clearance, in the organisation holding the
record (the caseworker is cleared for protection and medical, the supervisor for all)."""

from core.tests.access_world import everyone

ROWS = {
    "protection:note-add": (
        {"person_id": "person"},
        everyone(
            "login",
            403,
            caseworker=200,
            supervisor=200,
            analyst=404,
            auditor=404,
            elsewhere=404,
            out_of_scope=404,
        ),
    ),
}
