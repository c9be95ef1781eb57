"""Scope, applied the same everywhere: a clerk in Herat sees Herat's people only — in the list,
search, the API, exports and counts — and whoever is out of scope gets 404 (core/tests/access_world.py)."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from access import policy
from accounts.tests.factories import UserFactory
from accounts.tests.helpers import sign_in
from api import services as api_services
from exchange import exporting
from people.models import Household, IdentityDocument, ReturnEvent

HERAT_NAME, KABUL_NAME = "Zarghuna", "Khalida"
# Searched by family name, so the page's echo of the query is not mistaken for a result.
FAMILY = {HERAT_NAME: "Herati", KABUL_NAME: "Kabuli"}


def _client(world, actor) -> Client:
    return sign_in(Client(), world.users[actor])


def _page(world, actor, url, **params) -> str:
    response = _client(world, actor).get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("actor", "sees", "does_not_see"),
    [
        ("clerk", HERAT_NAME, KABUL_NAME),
        ("caseworker", HERAT_NAME, KABUL_NAME),
        ("out_of_scope", KABUL_NAME, HERAT_NAME),
        ("partner", HERAT_NAME, KABUL_NAME),
    ],
)
def test_the_list_and_search_show_the_scope_only(world, actor, sees, does_not_see):
    listing = _page(world, actor, reverse("people:person-list"))
    assert sees in listing
    assert does_not_see not in listing
    assert sees in _page(world, actor, reverse("people:person-list"), q=FAMILY[sees])
    assert does_not_see not in _page(world, actor, reverse("people:person-list"), q=FAMILY[does_not_see])


def test_staff_of_another_organisation_find_no_one(world):
    for name in (HERAT_NAME, KABUL_NAME):
        assert name not in _page(world, "elsewhere", reverse("people:person-list"), q=FAMILY[name])


def test_a_herat_person_is_not_found_out_of_scope(world):
    for url in (
        reverse("people:person-detail", args=[world.person]),
        reverse("people:household-detail", args=[world.household]),
    ):
        assert _client(world, "out_of_scope").get(url).status_code == 404
    assert (
        _client(world, "clerk").get(reverse("people:person-detail", args=[world.kabul_person])).status_code
        == 404
    )


# The API, with each actor's own token ----------------------------------------------------------

API_LISTS = {
    "api:person-list": ("person", "kabul_person"),
    "api:household-list": ("household", None),
    "api:return-event-list": ("return_event", None),
    "api:document-list": ("document", None),
}


def _token_get(world, actor, url, method="get"):
    _token, key = api_services.api_token_create(actor=world.users[actor], name="scope")
    return getattr(Client(), method)(url, headers={"Authorization": f"Token {key}"})


def _ids(response) -> set[int]:
    assert response.status_code == 200
    return {item["id"] for item in response.json()["results"]}


@pytest.mark.parametrize("url_name", sorted(API_LISTS))
@pytest.mark.parametrize(
    ("actor", "in_scope"),
    [("clerk", True), ("out_of_scope", False), ("elsewhere", False), ("supervisor", True)],
)
def test_each_api_list_holds_the_scope_only(world, url_name, actor, in_scope):
    herat_key, _kabul_key = API_LISTS[url_name]
    ids = _ids(_token_get(world, actor, reverse(url_name)))
    assert (world.values[herat_key] in ids) is in_scope


def test_the_partner_gets_the_shared_person_and_no_staff_records(world):
    assert _ids(_token_get(world, "partner", reverse("api:person-list"))) == {world.person}
    for url_name in ("api:household-list", "api:return-event-list", "api:document-list"):
        assert _ids(_token_get(world, "partner", reverse(url_name))) == set()


def test_the_api_finds_no_one_out_of_scope(world):
    assert (
        _token_get(world, "out_of_scope", reverse("api:person-detail", args=[world.person])).status_code
        == 404
    )
    assert (
        _token_get(world, "clerk", reverse("api:person-detail", args=[world.kabul_person])).status_code == 404
    )
    assert _ids(_token_get(world, "out_of_scope", reverse("api:person-list"))) == {world.kabul_person}


@pytest.mark.parametrize("url_name", sorted(API_LISTS))
def test_the_api_is_read_only(world, url_name):
    assert _token_get(world, "supervisor", reverse(url_name), method="post").status_code == 405


def test_a_search_through_the_api_finds_the_scope_only(world):
    _token, key = api_services.api_token_create(actor=world.users["clerk"], name="scope")
    headers = {"Authorization": f"Token {key}"}
    found = Client().get(reverse("api:person-list"), {"q": FAMILY[KABUL_NAME]}, headers=headers)
    assert found.status_code == 200
    assert found.json()["results"] == []


# Exports and counts ------------------------------------------------------------------------------


def _supervisor_of(world, province):
    user = UserFactory(
        username=f"supervisor-{province.pk}",
        organisation=world.home,
        office=None,
        roles=["supervisor"],
        nationwide=False,
    )
    user.scope_provinces.set([province])
    return user


def test_an_export_by_a_supervisor_scoped_to_a_province_holds_that_province(world):
    supervisor = _supervisor_of(world, world.kabul)
    client = sign_in(Client(), supervisor)

    response = client.get(reverse("exchange:export", kwargs={"kind": "people", "format": "csv"}))

    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
        "utf-8-sig"
    )
    assert KABUL_NAME in text
    assert HERAT_NAME not in text


@pytest.mark.parametrize("kind", exporting.KINDS)
def test_every_kind_of_export_keeps_to_the_scope(world, kind):
    out = io.BytesIO()
    exporting.export_to_file(actor=_supervisor_of(world, world.kabul), kind=kind, format="json", out=out)
    text = out.getvalue().decode()
    assert HERAT_NAME not in text
    herat_uids = {
        str(uid) for uid in Household.objects.filter(pk=world.household).values_list("uid", flat=True)
    }
    assert not any(uid in text for uid in herat_uids)


def test_the_export_command_acts_as_the_command_line_and_exports_everyone(world, capsysbinary):
    """``homeward export`` has no user: whoever runs it holds the database (policy.COMMAND_LINE)."""
    call_command("export", "people", "--format", "csv")
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + 2
    assert HERAT_NAME in text
    assert KABUL_NAME in text


def test_counts_follow_the_scope(world):
    assert set(policy.people_visible_to(world.users["clerk"]).values_list("pk", flat=True)) == {world.person}
    assert policy.people_counted_for(world.users["clerk"]).count() == 1
    assert policy.people_counted_for(world.users["analyst"]).count() == 2
    assert policy.people_counted_for(world.users["partner"]).count() == 0
    assert policy.people_counted_for(world.users["elsewhere"]).count() == 0
    kabul_analyst = UserFactory(
        username="kabul-analyst", organisation=world.home, office=None, roles=["analyst"], nationwide=False
    )
    kabul_analyst.scope_provinces.set([world.kabul])
    assert list(policy.people_counted_for(kabul_analyst).values_list("pk", flat=True)) == [world.kabul_person]
    assert policy.returnees_counted_for(kabul_analyst).count() == 1
    assert policy.return_events_visible_to(world.users["clerk"]).count() == 1
    assert IdentityDocument.objects.filter(pk=world.document).exists()
    assert not policy.documents_visible_to(world.users["out_of_scope"]).filter(pk=world.document).exists()
    assert (
        not policy.return_events_visible_to(world.users["out_of_scope"])
        .filter(pk=world.return_event)
        .exists()
    )
    assert ReturnEvent.objects.count() == 2


# Autocomplete and suggestions ------------------------------------------------------------------


def test_name_suggestions_are_transliterations_not_other_peoples_names(world):
    """The spelling suggestions transliterate what is typed; they never read the records, so the
    start of an out-of-scope person's name brings back no stored name."""
    response = _client(world, "out_of_scope").get(reverse("names:spelling-suggest"), {"text": "Zar"})
    assert response.status_code == 200
    assert HERAT_NAME not in json.dumps(response.json(), ensure_ascii=False)


def test_district_options_are_reference_data(world):
    response = _client(world, "out_of_scope").get(
        reverse("locations:district-options"), {"province": world.herat.pk}
    )
    assert response.status_code == 200
    assert HERAT_NAME not in response.content.decode()
