import pytest
from django.urls import reverse

from people.models import ReturnEvent
from people.tests.factories import PersonFactory, return_event_for


@pytest.fixture
def registered(officer):
    person = PersonFactory(organisation=officer.organisation, given_name_latin="Wafiullah")
    return_event_for(person)
    return person


def return_post(vocab, returnees, **overrides):
    data = {
        "arrived_on": "2025-09-01",
        "border_crossing": str(vocab.islam_qala.pk),
        "returned_from": "IR",
        "return_type": str(vocab.deported.pk),
        "people": [str(person.pk) for person in returnees],
    }
    data.update(overrides)
    return data


def test_a_person_deported_twice_has_both_returns_on_file(client, officer, registered, vocab):
    client.force_login(officer)

    response = client.post(
        reverse("people:household-return-add", args=[registered.household_id]),
        return_post(vocab, [registered]),
    )

    assert response.status_code == 302
    assert registered.return_events.count() == 2
    page = client.get(registered.get_absolute_url()).content.decode()
    assert "1 Sep 2025" in page


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"people": []}, "This field is required"),
        ({"arrived_on": "1980-01-01"}, "before"),
        ({"arrived_on": "2199-01-01"}, "in the future"),
    ],
)
def test_bad_second_return_is_refused_and_nothing_saved(
    client, officer, registered, vocab, override, message
):
    client.force_login(officer)
    before = ReturnEvent.objects.count()

    response = client.post(
        reverse("people:household-return-add", args=[registered.household_id]),
        return_post(vocab, [registered], **override),
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert ReturnEvent.objects.count() == before


def test_only_the_households_members_can_be_chosen(client, officer, registered, vocab):
    stranger = PersonFactory(organisation=officer.organisation)
    client.force_login(officer)

    response = client.post(
        reverse("people:household-return-add", args=[registered.household_id]), return_post(vocab, [stranger])
    )

    assert response.status_code == 422
    assert stranger.return_events.count() == 0


def test_another_organisation_cannot_record_a_return_for_the_household(
    client, caseworker_elsewhere, registered
):
    client.force_login(caseworker_elsewhere)

    response = client.get(reverse("people:household-return-add", args=[registered.household_id]))

    assert response.status_code == 404
