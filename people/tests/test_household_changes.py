import datetime

import pytest
from django.urls import reverse

from people.models import HouseholdMembership, Person
from people.tests.factories import PersonFactory


@pytest.fixture
def head(officer):
    return PersonFactory(organisation=officer.organisation, given_name_latin="Wafiullah")


@pytest.fixture
def son(head, vocab):
    person = PersonFactory(organisation=head.organisation, household=head.household, given_name_latin="Ahmad")
    HouseholdMembership.objects.filter(person=person).update(relationship=vocab.son)
    return person


def newborn_post(vocab, **overrides):
    data = {
        "member-joined_on": "2025-10-01",
        "member-relationship": str(vocab.daughter.pk),
        "member-sex": "F",
        "member-birth_date": "2025-09-30",
        "member-given_name": "ملالی",
        "member-given_name_latin": "Malalai",
    }
    data.update(overrides)
    return data


def test_a_baby_born_after_the_return_joins_the_household(client, officer, head, vocab):
    client.force_login(officer)

    response = client.post(
        reverse("people:household-member-add", args=[head.household_id]), newborn_post(vocab)
    )

    assert response.status_code == 302
    baby = Person.objects.get(given_name_latin="Malalai")
    assert baby.household_id == head.household_id
    assert baby.memberships.get().joined_on == datetime.date(2025, 10, 1)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"member-joined_on": "2199-01-01"}, "in the future"),
        ({"member-birth_date": "2026-01-01", "member-joined_on": "2025-10-01"}, "after the arrival date"),
        ({"member-given_name": "", "member-given_name_latin": ""}, "Write the given name"),
    ],
)
def test_bad_new_member_is_refused_and_nothing_saved(client, officer, head, vocab, override, message):
    client.force_login(officer)
    before = Person.objects.count()

    response = client.post(
        reverse("people:household-member-add", args=[head.household_id]), newborn_post(vocab, **override)
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Person.objects.count() == before


def test_a_second_head_is_refused(client, officer, head, vocab):
    client.force_login(officer)

    response = client.post(
        reverse("people:household-member-add", args=[head.household_id]),
        newborn_post(vocab, **{"member-relationship": str(vocab.head.pk)}),
    )

    assert "already has a head" in response.content.decode()


def test_a_member_who_left_stays_on_record_with_the_date(client, officer, head, son):
    client.force_login(officer)

    client.post(
        reverse("people:household-member-leave", args=[head.household_id, son.pk]), {"left_on": "2025-08-01"}
    )

    son.refresh_from_db()
    assert son.household_id is None
    assert son.memberships.get().left_on == datetime.date(2025, 8, 1)
    assert "1 Aug 2025" in client.get(son.get_absolute_url()).content.decode()


def test_the_head_leaves_last(client, officer, head, son):
    client.force_login(officer)

    response = client.post(
        reverse("people:household-member-leave", args=[head.household_id, head.pk]),
        {"left_on": "2025-08-01"},
        follow=True,
    )

    assert "leaves last" in response.content.decode()
    assert head.memberships.get().left_on is None


def test_leaving_date_must_be_a_date_before_today(client, officer, head, son):
    client.force_login(officer)

    response = client.post(
        reverse("people:household-member-leave", args=[head.household_id, son.pk]),
        {"left_on": "yesterday"},
        follow=True,
    )

    assert "is not a date I can read" in response.content.decode()
    assert son.memberships.get().left_on is None


def test_another_organisation_cannot_change_the_household(client, caseworker_elsewhere, head, son):
    client.force_login(caseworker_elsewhere)

    response = client.post(
        reverse("people:household-member-leave", args=[head.household_id, son.pk]), {"left_on": "2025-08-01"}
    )

    assert response.status_code == 404
    assert son.memberships.get().left_on is None
