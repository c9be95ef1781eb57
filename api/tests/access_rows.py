"""The api app's rows of the access matrix (core/tests/test_access_matrix.py).

The API answers a visitor with 401 (WWW-Authenticate), not a redirect to sign in. Roles without
``api.use`` (analyst, auditor) get 403 from every endpoint and token page. Records follow the
pages: ``world.person`` is seen by its organisation's staff in scope and by the partner it is
shared with; households, return events and documents are staff records.
"""

from core.tests.access_world import everyone

_API = everyone(401, 200, analyst=403, auditor=403)
_TOKENS = everyone("login", 200, analyst=403, auditor=403)
_PERSON = {**_API, "elsewhere": 404, "out_of_scope": 404}
_STAFF_RECORD = {**_PERSON, "partner": 404}

ROWS = {
    # The schema and its documentation describe the API, not its data.
    "api:schema": ({}, everyone(200, 200)),
    "api:docs": ({}, everyone(200, 200)),
    "api:token-list": ({}, _TOKENS),
    "api:token-create": ({}, _TOKENS),
    # Only the clerk's own token exists for them; everyone else gets 404.
    "api:token-revoke": ({"token_id": "token"}, everyone("login", 404, clerk=200, analyst=403, auditor=403)),
    "api:person-list": ({}, _API),
    "api:person-detail": ({"pk": "person"}, _PERSON),
    "api:household-list": ({}, _API),
    "api:household-detail": ({"pk": "household"}, _STAFF_RECORD),
    "api:return-event-list": ({}, _API),
    "api:return-event-detail": ({"pk": "return_event"}, _STAFF_RECORD),
    "api:document-list": ({}, _API),
    "api:document-detail": ({"pk": "document"}, _STAFF_RECORD),
    "api:country-list": ({}, _API),
    "api:country-detail": ({"code": "AF"}, _API),
    "api:admin-area-list": ({}, _API),
    "api:admin-area-detail": ({"pk": "province"}, _API),
    "api:border-crossing-list": ({}, _API),
    "api:border-crossing-detail": ({"code": "islam-qala"}, _API),
    "api:return-type-list": ({}, _API),
    "api:return-type-detail": ({"code": "deported"}, _API),
    "api:document-type-list": ({}, _API),
    "api:document-type-detail": ({"code": "passport"}, _API),
    "api:relationship-list": ({}, _API),
    "api:relationship-detail": ({"code": "head"}, _API),
    "api:transport-means-list": ({}, _API),
    "api:transport-means-detail": ({"code": "bus"}, _API),
}
