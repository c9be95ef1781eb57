"""Filters: dates typed in either calendar, codes, ids and the people search; bad values are 400
naming the parameter, never 500."""

import datetime

import pytest
from django.utils import timezone

from locations.models import BorderCrossing, Country
from people.models import Phone
from people.tests.factories import DocumentFactory, PersonFactory, reindex, return_event_for


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def arrivals(officer):
    """Returns on the days around 1402/7/15 (Solar Hijri) = 2023-10-07."""
    days = {
        "before": datetime.date(2023, 10, 6),
        "on": datetime.date(2023, 10, 7),
        "after": datetime.date(2023, 10, 8),
    }
    return {
        name: return_event_for(PersonFactory(organisation=officer.organisation), arrived_on=day).pk
        for name, day in days.items()
    }


@pytest.mark.parametrize("value", ["1402/7/15", "۱۴۰۲/۷/۱۵", "15 Mizan 1402", "2023-10-07", "07.10.2023"])
def test_arrived_after_reads_a_date_in_either_calendar(api, arrivals, value):
    response = api.get("/api/v1/return-events/", {"arrived_after": value})

    assert _ids(response) == [arrivals["after"], arrivals["on"]]


def test_arrived_before_includes_the_day(api, arrivals):
    response = api.get("/api/v1/return-events/", {"arrived_before": "1402/7/15"})

    assert _ids(response) == [arrivals["on"], arrivals["before"]]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("arrived_after", "1402/13/01"),
        ("arrived_after", "yesterday"),
        ("arrived_before", "2023-02-30"),
        ("created_after", "\u0000"),
        ("created_before", "s%O 100%"),
    ],
)
def test_a_bad_date_is_400_naming_the_parameter(api, arrivals, parameter, value):
    response = api.get("/api/v1/return-events/", {parameter: value})

    assert response.status_code == 400
    body = response.json()
    assert list(body["fields"]) == [parameter]
    assert body["message"].startswith(f"{parameter}: ")


def test_return_events_filter_by_crossing_type_and_country(api, officer):
    person = PersonFactory(organisation=officer.organisation)
    wanted = return_event_for(person, return_type="assisted")
    other = return_event_for(person)
    other.border_crossing = BorderCrossing.objects.get(code="torkham")
    other.returned_from = Country.objects.get(pk="PK")
    other.save()

    assert _ids(api.get("/api/v1/return-events/", {"border_crossing": "islam-qala"})) == [wanted.pk]
    assert _ids(api.get("/api/v1/return-events/", {"returned_from": "PK"})) == [other.pk]
    assert _ids(api.get("/api/v1/return-events/", {"return_type": "assisted"})) == [wanted.pk]
    assert _ids(api.get("/api/v1/return-events/", {"return_type": "no-such-type"})) == []


def test_people_filter_by_sex_household_and_birth(api, officer):
    man = PersonFactory(organisation=officer.organisation, sex="M", birth_on=datetime.date(1980, 5, 1))
    woman = PersonFactory(organisation=officer.organisation, sex="F", birth_on=datetime.date(2001, 3, 21))

    assert _ids(api.get("/api/v1/people/", {"sex": "F"})) == [woman.pk]
    assert _ids(api.get("/api/v1/people/", {"household": man.household_id})) == [man.pk]
    assert _ids(api.get("/api/v1/people/", {"born_after": "1380/1/1"})) == [woman.pk]
    assert _ids(api.get("/api/v1/people/", {"born_before": "1990-01-01"})) == [man.pk]


def test_people_filter_by_creation_day(api, officer):
    person = PersonFactory(organisation=officer.organisation)
    today = timezone.localdate(person.created_at)
    tomorrow = today + datetime.timedelta(days=1)

    assert _ids(api.get("/api/v1/people/", {"created_after": today.isoformat()})) == [person.pk]
    assert _ids(api.get("/api/v1/people/", {"created_before": today.isoformat()})) == [person.pk]
    assert _ids(api.get("/api/v1/people/", {"created_after": tomorrow.isoformat()})) == []


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("sex", "X"),
        ("household", "abc"),
        ("household", "0"),
        ("household", "99999999999999999999"),
        ("q", "x" * 201),
    ],
)
def test_a_bad_filter_value_is_400_naming_the_parameter(api, parameter, value):
    response = api.get("/api/v1/people/", {parameter: value})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [parameter]


@pytest.mark.parametrize("query", ["Mohammad", "محمد", "Мухаммед", "mohammad ahmad"])
def test_q_finds_a_person_by_name_in_any_script(api, officer, query):
    found = PersonFactory(organisation=officer.organisation)
    PersonFactory(organisation=officer.organisation, given_name="زرغونه", given_name_latin="Zarghona")

    assert _ids(api.get("/api/v1/people/", {"q": query})) == [found.pk]


def test_q_finds_a_person_by_phone_and_by_document_number(api, officer):
    person = PersonFactory(organisation=officer.organisation)
    Phone.objects.create(person=person, number="0701234567", e164="+93701234567")
    DocumentFactory(person=person, number="1400-0101-55555", number_normalised="1400010155555")
    reindex(person)

    assert _ids(api.get("/api/v1/people/", {"q": "۰۷۰۱۲۳۴۵۶۷"})) == [person.pk]
    assert _ids(api.get("/api/v1/people/", {"q": "1400-0101-55555"})) == [person.pk]


def test_q_combines_with_the_other_filters(api, officer):
    PersonFactory(organisation=officer.organisation, sex="M")
    woman = PersonFactory(organisation=officer.organisation, sex="F")

    assert _ids(api.get("/api/v1/people/", {"q": "Mohammad", "sex": "F"})) == [woman.pk]


def test_q_never_finds_another_organisations_people(api_elsewhere, officer):
    PersonFactory(organisation=officer.organisation)

    assert _ids(api_elsewhere.get("/api/v1/people/", {"q": "Mohammad"})) == []


def test_q_without_a_word_of_three_characters_is_400(api, officer):
    response = api.get("/api/v1/people/", {"q": "mo"})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["q"]


def test_documents_filter_by_number_written_any_way(api, officer):
    document = DocumentFactory(
        person=PersonFactory(organisation=officer.organisation),
        number="P 0029-11",
        number_normalised="P002911",
    )
    DocumentFactory(person=PersonFactory(organisation=officer.organisation))

    assert _ids(api.get("/api/v1/documents/", {"number": "p002911"})) == [document.pk]
    assert _ids(api.get("/api/v1/documents/", {"document_type": "passport"})) == []
