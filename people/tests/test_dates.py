"""Every date typed into the people pages goes through the one parser and is shown back in the
reader's calendar and digits; names and numbers stay readable inside right-to-left text."""

import datetime

import jdatetime
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from people.models import HouseholdMembership, IdentityDocument, Person, ReturnEvent
from people.tests.factories import PersonFactory
from people.tests.test_views import arrival_post

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.fixture
def dari_clerk(client, officer):
    officer.language = "fa-af"
    officer.calendar = "solar_hijri_afghan"
    officer.save(update_fields=["language", "calendar"])
    client.force_login(officer)
    return client


@pytest.mark.parametrize(
    "typed", ["2025-06-20", "۱۴۰۴/۰۳/۳۰", "1404-3-30", "20.06.2025", "30 Jawza 1404", "۳۰ جوزا ۱۴۰۴"]
)
def test_the_arrival_date_is_read_in_any_calendar_and_digits(client, officer, vocab, typed):
    client.force_login(officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab, arrived_on=typed))

    assert response.status_code == 302
    assert ReturnEvent.objects.get().arrived_on == datetime.date(2025, 6, 20)


def test_a_solar_hijri_expiry_date_is_stored_gregorian(client, officer, vocab):
    client.force_login(officer)

    client.post(
        reverse("people:arrival-register"),
        arrival_post(vocab, **{"members-0-document_expires_on": "۱۴۰۸/۰۱/۰۱"}),
    )

    assert IdentityDocument.objects.get().expires_on == datetime.date(2029, 3, 20)


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        ("arrived_on", "1403/12/31", "1403/12 has no day 31"),
        ("arrived_on", "1402/12/30", "1402/12 has no day 30"),
        ("members-0-document_expires_on", "31.04.2027", "2027-04 has no day 31"),
        ("members-0-document_expires_on", "next year", "is not a date I can read"),
    ],
)
def test_an_impossible_date_is_refused_with_the_accepted_forms_and_nothing_saved(
    client, officer, vocab, field, typed, reason
):
    client.force_login(officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab, **{field: typed}))

    content = response.content.decode()
    assert response.status_code == 422
    assert reason in content
    assert "Accepted: 2023-10-07" in content
    assert Person.objects.count() == 0


def test_a_dari_clerk_sees_todays_date_in_solar_hijri_with_persian_digits(dari_clerk):
    today = jdatetime.date.fromgregorian(date=timezone.localdate())

    content = dari_clerk.get(reverse("people:arrival-register")).content.decode()

    shown = f"{today.year}/{today.month:02d}/{today.day:02d}".translate(PERSIAN)
    assert f'name="arrived_on" value="{shown}"' in content
    assert 'data-picker-for="id_arrived_on"' in content


def test_a_member_leaves_on_a_solar_hijri_date(client, officer, vocab):
    head = PersonFactory(organisation=officer.organisation)
    son = PersonFactory(organisation=officer.organisation, household=head.household)
    HouseholdMembership.objects.filter(person=son).update(relationship=vocab.son)
    client.force_login(officer)

    client.post(
        reverse("people:household-member-leave", args=[head.household_id, son.pk]), {"left_on": "۱۴۰۴/۰۵/۱۰"}
    )

    assert son.memberships.get().left_on == datetime.date(2025, 8, 1)


def test_the_household_page_offers_the_calendar_for_leaving_and_isolates_names(dari_clerk, officer):
    person = PersonFactory(organisation=officer.organisation)
    membership = person.memberships.get()

    content = dari_clerk.get(person.household.get_absolute_url()).content.decode()

    assert 'name="left_on" autocomplete="off" maxlength="40" class="form-control form-control-sm"' in content
    assert f'id="left-{membership.pk}"' in content
    assert f'data-picker-for="left-{membership.pk}"' in content
    assert f"<bdi>{person.household.reference}</bdi>" in content.split("<h1")[1].split("</h1>")[0]


def test_a_latin_query_is_isolated_in_the_right_to_left_no_match_message(dari_clerk):
    content = dari_clerk.get(reverse("people:person-list"), {"q": "Zzyzx"}).content.decode()

    assert "<bdi>Zzyzx</bdi>" in content


def test_the_persons_number_and_registrar_are_isolated(client, office):
    registrar = UserFactory(
        username="clerk",
        first_name="John",
        last_name="Smith",
        organisation=office.organisation,
        office=office,
        language="fa-af",
    )
    person = PersonFactory(organisation=office.organisation, created_by=registrar)
    client.force_login(registrar)

    content = client.get(person.get_absolute_url()).content.decode()

    assert f"<bdi>#{person.pk}</bdi>" in content
    assert "<bdi>John Smith</bdi>" in content


def test_a_count_in_a_sentence_is_written_in_the_readers_digits(dari_clerk, officer):
    PersonFactory.create_batch(2, organisation=officer.organisation)

    content = dari_clerk.get(reverse("people:person-list")).content.decode()

    assert "۲ نفر" in content
