"""The people app's rows of the access matrix (core/tests/test_access_matrix.py).

``world.person`` is registered at Islam Qala and lives in Herat: the clerk, caseworker,
supervisor and administrator of its organisation see it; the partner NGO sees it because it is
shared with it; analysts and auditors see no one; ``elsewhere`` (another organisation) and
``out_of_scope`` (Kabul) get 404. Households are staff records: a partner gets 404.
"""

from core.tests.access_world import everyone

_SEE_PERSON = everyone("login", 200, partner=200, analyst=404, auditor=404, elsewhere=404, out_of_scope=404)
_SEE_HOUSEHOLD = {**_SEE_PERSON, "partner": 404}
# Adding to a visible record needs a registering role: the administrator and the partner see the
# record but may not change it (403); who cannot see it gets 404.
_CHANGE_PERSON = {**_SEE_PERSON, "admin": 403, "partner": 403}
_CHANGE_HOUSEHOLD = {**_SEE_HOUSEHOLD, "admin": 403}
_POST_ONLY = everyone("login", 405)

ROWS = {
    # Lists of personal data: 403 to roles without person.view.
    "people:person-list": ({}, everyone("login", 200, analyst=403, auditor=403)),
    "people:person-detail": ({"person_id": "person"}, _SEE_PERSON),
    "people:person-spelling-add": ({"person_id": "person"}, _CHANGE_PERSON),
    "people:household-detail": ({"household_id": "household"}, _SEE_HOUSEHOLD),
    "people:household-return-add": ({"household_id": "household"}, _CHANGE_HOUSEHOLD),
    "people:household-member-add": ({"household_id": "household"}, _CHANGE_HOUSEHOLD),
    "people:household-member-leave": ({"household_id": "household", "person_id": "person"}, _POST_ONLY),
    "people:arrival-register": (
        {},
        everyone("login", 200, admin=403, partner=403, analyst=403, auditor=403),
    ),
    "people:arrival-member-add": ({}, _POST_ONLY),
    "people:arrival-member-remove": ({}, _POST_ONLY),
}
