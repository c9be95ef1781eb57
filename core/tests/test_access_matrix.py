"""Every named URL, and what each kind of user gets from it. A URL added without a row here fails."""

import pytest
from django.urls import get_resolver, reverse

from people.tests.factories import PersonFactory

OURS = ("core", "accounts", "people", "locations", "names", "calendars", "exchange", "api")

# URL name → (kwargs needed, expected GET status per actor). "login" means redirected to sign in.
MATRIX = {
    "core:home": ({}, {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200}),
    "core:health": ({}, {"anonymous": 200, "officer": 200, "elsewhere": 200, "partner": 200}),
    "accounts:login": ({}, {"anonymous": 200, "officer": 302, "elsewhere": 302, "partner": 302}),
    "accounts:logout": ({}, {"anonymous": 405, "officer": 405, "elsewhere": 405, "partner": 405}),
    "accounts:preferences": ({}, {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200}),
    "accounts:language": ({}, {"anonymous": 405, "officer": 405, "elsewhere": 405, "partner": 405}),
    "people:person-list": ({}, {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200}),
    "people:person-detail": (
        {"person_id": "person"},
        {"anonymous": "login", "officer": 200, "elsewhere": 404, "partner": 404},
    ),
    "people:person-spelling-add": (
        {"person_id": "person"},
        {"anonymous": "login", "officer": 200, "elsewhere": 404, "partner": 404},
    ),
    "people:household-detail": (
        {"household_id": "household"},
        {"anonymous": "login", "officer": 200, "elsewhere": 404, "partner": 404},
    ),
    "people:household-return-add": (
        {"household_id": "household"},
        {"anonymous": "login", "officer": 200, "elsewhere": 404, "partner": 404},
    ),
    "people:household-member-add": (
        {"household_id": "household"},
        {"anonymous": "login", "officer": 200, "elsewhere": 404, "partner": 404},
    ),
    "people:household-member-leave": (
        {"household_id": "household", "person_id": "person"},
        {"anonymous": "login", "officer": 405, "elsewhere": 405, "partner": 405},
    ),
    "people:arrival-register": ({}, {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 403}),
    "people:arrival-member-add": (
        {},
        {"anonymous": "login", "officer": 405, "elsewhere": 405, "partner": 405},
    ),
    "people:arrival-member-remove": (
        {},
        {"anonymous": "login", "officer": 405, "elsewhere": 405, "partner": 405},
    ),
    "names:spelling-suggest": ({}, {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200}),
    "calendars:month": ({}, {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200}),
    "locations:district-options": (
        {},
        {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200},
    ),
    # An export holds only what the user may see: others get a file without the officer's records.
    "exchange:export": (
        {"kind": "people", "format": "csv"},
        {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200},
    ),
    "exchange:xlsform": ({}, {"anonymous": "login", "officer": 200, "elsewhere": 200, "partner": 200}),
}


def our_url_names() -> set[str]:
    names = set()
    resolver = get_resolver()
    for namespace in OURS:
        _prefix, sub = resolver.namespace_dict[namespace]
        names |= {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    return names


def test_every_url_has_a_row_in_the_matrix():
    assert our_url_names() == set(MATRIX)


CASES = [(name, actor) for name in MATRIX for actor in ("anonymous", "officer", "elsewhere", "partner")]


@pytest.mark.parametrize(("url_name", "actor"), CASES)
def test_actor_gets_the_expected_status(client, officer, caseworker_elsewhere, partner_user, url_name, actor):
    person = PersonFactory(organisation=officer.organisation)
    values = {"person": person.pk, "household": person.household_id}
    kwargs_spec, expected_by_actor = MATRIX[url_name]
    # A value that names no record above is used as it is (a code: "AF", "deported").
    url = reverse(url_name, kwargs={key: values.get(value, value) for key, value in kwargs_spec.items()})
    users = {"officer": officer, "elsewhere": caseworker_elsewhere, "partner": partner_user}
    if actor in users:
        client.force_login(users[actor])

    response = client.get(url)

    expected = expected_by_actor[actor]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected
