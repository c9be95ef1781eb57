"""The API shows each user exactly what access.policy lets them see: another organisation's
record is absent from lists and 404 on its own; a user with no organisation sees nothing."""

import pytest

from audit.models import AuditEvent
from people.models import Phone
from people.tests.factories import DocumentFactory, PersonFactory, return_event_for

RECORD_LISTS = ["people", "households", "return-events", "documents"]
CODE_LISTS = [
    "countries",
    "admin-areas",
    "border-crossings",
    "return-types",
    "document-types",
    "relationships",
    "transport-means",
]


@pytest.fixture
def records(officer):
    """One person of the officer's organisation, with a document and a return: endpoint → id."""
    person = PersonFactory(organisation=officer.organisation)
    document = DocumentFactory(person=person)
    event = return_event_for(person)
    return {
        "people": person.pk,
        "households": person.household_id,
        "return-events": event.pk,
        "documents": document.pk,
    }


def _ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


@pytest.mark.parametrize("endpoint", RECORD_LISTS)
def test_officer_sees_their_organisations_record_in_the_list_and_alone(api, records, endpoint):
    listing = api.get(f"/api/v1/{endpoint}/")
    single = api.get(f"/api/v1/{endpoint}/{records[endpoint]}/")

    assert listing.status_code == 200
    assert _ids(listing) == [records[endpoint]]
    assert single.status_code == 200
    assert single.json()["id"] == records[endpoint]


@pytest.mark.parametrize("endpoint", RECORD_LISTS)
def test_staff_of_another_organisation_do_not_see_the_record(api_elsewhere, records, endpoint):
    listing = api_elsewhere.get(f"/api/v1/{endpoint}/")
    single = api_elsewhere.get(f"/api/v1/{endpoint}/{records[endpoint]}/")

    assert listing.status_code == 200
    assert _ids(listing) == []
    assert single.status_code == 404
    assert single.json() == {"message": "Not found.", "fields": {}}


@pytest.mark.parametrize("endpoint", RECORD_LISTS)
def test_a_user_without_an_organisation_sees_nothing(api_partner, records, endpoint):
    listing = api_partner.get(f"/api/v1/{endpoint}/")
    single = api_partner.get(f"/api/v1/{endpoint}/{records[endpoint]}/")

    assert _ids(listing) == []
    assert single.status_code == 404


@pytest.mark.parametrize("endpoint", RECORD_LISTS + CODE_LISTS)
def test_a_visitor_gets_401(client, records, endpoint):
    response = client.get(f"/api/v1/{endpoint}/")

    assert response.status_code == 401
    assert "WWW-Authenticate" in response


@pytest.mark.parametrize("endpoint", RECORD_LISTS)
def test_the_browser_session_signs_in_too(client, officer, records, endpoint):
    client.force_login(officer)

    response = client.get(f"/api/v1/{endpoint}/")

    assert _ids(response) == [records[endpoint]]


@pytest.mark.parametrize("endpoint", CODE_LISTS)
def test_code_lists_are_open_to_every_signed_in_user(api_partner, endpoint):
    response = api_partner.get(f"/api/v1/{endpoint}/")

    assert response.status_code == 200
    assert response.json()


def test_a_person_shows_names_in_both_scripts_phones_and_documents_but_not_search_keys(api, records):
    Phone.objects.create(person_id=records["people"], number="0701234567", e164="+93701234567")

    person = api.get(f"/api/v1/people/{records['people']}/").json()

    assert person["given_name"] == "محمد"
    assert person["given_name_latin"] == "Mohammad"
    assert person["phones"] == [{"number": "0701234567", "e164": "+93701234567"}]
    assert person["documents"][0]["document_type"] == "e-tazkira"
    assert person["documents"][0]["issuing_country"] == "AF"
    assert person["household"] == records["households"]
    assert len(person["uid"]) == 36
    assert "search_text" not in person


def test_reading_a_person_is_recorded_as_the_persons_page_is(api, officer, records):
    api.get(f"/api/v1/people/{records['people']}/")

    assert AuditEvent.objects.filter(
        action="read", target_type="people.person", target_id=records["people"], actor=officer
    ).exists()


def test_a_return_event_names_its_code_lists_by_code(api, records):
    event = api.get(f"/api/v1/return-events/{records['return-events']}/").json()

    assert event["border_crossing"] == "islam-qala"
    assert event["return_type"] == "deported"
    assert event["returned_from"] == "IR"
    assert event["returnees"] == [records["people"]]


def test_a_code_list_item_has_its_code_english_name_and_translations(api):
    item = api.get("/api/v1/return-types/deported/").json()

    assert item["code"] == "deported"
    assert item["name"] == "Deported"
    assert item["label"] == "Deported"
    assert isinstance(item["translations"], dict)


@pytest.mark.parametrize("path", ["/api/v1/people/99999999999999999999999/", "/api/v1/countries/XX/"])
def test_a_record_that_does_not_exist_is_404_not_an_error(api, path):
    assert api.get(path).status_code == 404


def test_the_people_list_reads_a_page_in_a_few_queries(api, officer, django_assert_max_num_queries):
    for _ in range(5):
        DocumentFactory(person=PersonFactory(organisation=officer.organisation))

    # token, last-used mark, people, phones, documents — whatever the page size.
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/people/")

    assert len(response.json()["results"]) == 5
