import dataclasses
import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from people.models import Household, HouseholdMembership, IdentityDocument, Person, Phone, ReturnEvent
from people.services import DocumentInput, household_arrival_register
from people.tests.factories import DocumentFactory

TABLES = (Household, Person, HouseholdMembership, ReturnEvent, IdentityDocument, Phone)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_household_of_three_is_registered_whole(officer, arrival, family):
    household = household_arrival_register(actor=officer, arrival=arrival, members=family)

    members = list(household.current_members.order_by("pk"))
    assert [person.given_name_latin for person in members] == ["Mohammad Zaman", "Zarghona", "Malalai"]
    event = household.return_events.get()
    assert list(event.returnees.order_by("pk")) == members
    assert household.memberships.filter(relationship__is_head=True).get().person == members[0]
    assert members[0].phones.get().e164 == "+93701234567"
    assert members[0].documents.get().number_normalised == "1400010112345"
    assert {person.created_by for person in members} == {officer}
    assert AuditEvent.objects.filter(action="household.arrival_registered", target_id=household.pk).exists()


def test_registered_person_keeps_birth_date_precision(officer, arrival, family):
    household = household_arrival_register(actor=officer, arrival=arrival, members=family)

    spouse = household.current_members.get(given_name="زرغونه")
    assert (spouse.birth_on, spouse.birth_precision) == (datetime.date(1990, 5, 1), "month")


@pytest.mark.parametrize(
    ("change", "error_key"),
    [
        ({"arrived_on": datetime.date(2099, 1, 1)}, "arrived_on"),
    ],
)
def test_bad_arrival_is_refused_and_nothing_saved(officer, arrival, family, change, error_key):
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        household_arrival_register(
            actor=officer, arrival=dataclasses.replace(arrival, **change), members=family
        )

    assert error_key in error.value.error_dict
    assert row_counts() == before


def test_birth_after_arrival_is_refused_at_the_member(officer, arrival, family):
    family[2].birth_on = datetime.date(2025, 12, 1)
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        household_arrival_register(actor=officer, arrival=arrival, members=family)

    assert "2025-12-01" in str(error.value.error_dict["member-2-birth_date"])
    assert row_counts() == before


def test_household_needs_exactly_one_head(officer, arrival, family, vocab):
    family[1].relationship = vocab.head
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        household_arrival_register(actor=officer, arrival=arrival, members=family)

    assert "exactly one head" in str(error.value.error_dict["__all__"])
    assert row_counts() == before


def test_member_without_any_given_name_is_refused(officer, arrival, family):
    family[1].names = {"father_name": "گل احمد"}

    with pytest.raises(ValidationError) as error:
        household_arrival_register(actor=officer, arrival=arrival, members=family)

    assert "member-1-given_name" in error.value.error_dict


def test_unreadable_phone_is_refused_naming_the_number(officer, arrival, family):
    family[0].phones = ["12"]

    with pytest.raises(ValidationError) as error:
        household_arrival_register(actor=officer, arrival=arrival, members=family)

    assert "12" in str(error.value.error_dict["member-0-phones"])


def test_document_already_held_by_someone_else_is_refused_with_their_id(officer, arrival, family, vocab):
    holder = DocumentFactory(number="1400-0101-12345", document_type=vocab.e_tazkira).person
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        household_arrival_register(actor=officer, arrival=arrival, members=family)

    [duplicate] = error.value.error_dict["member-0-documents"]
    assert duplicate.code == "duplicate_document"
    assert duplicate.params["person_id"] == holder.pk
    assert row_counts() == before


def test_same_document_twice_in_one_household_is_refused(officer, arrival, family, vocab):
    family[1].documents = [
        DocumentInput(
            document_type=vocab.e_tazkira, number="1400 0101 12345", issuing_country=vocab.afghanistan
        )
    ]

    with pytest.raises(ValidationError) as error:
        household_arrival_register(actor=officer, arrival=arrival, members=family)

    assert "member 1" in str(error.value.error_dict["member-1-documents"])


def test_district_outside_the_province_is_refused(officer, arrival, family):
    from locations.models import AdminArea

    kabul = AdminArea.objects.get(iso_code="AF-KAB")
    district = AdminArea.objects.create(
        country_id="AF", level=2, parent=kabul, name="Paghman", pcode="AF0102"
    )

    with pytest.raises(ValidationError) as error:
        household_arrival_register(
            actor=officer, arrival=dataclasses.replace(arrival, destination_district=district), members=family
        )

    assert "destination_district" in error.value.error_dict


def test_user_without_organisation_may_not_register(partner_user, arrival, family):
    with pytest.raises(PermissionError):
        household_arrival_register(actor=partner_user, arrival=arrival, members=family)


def test_document_recorded_without_a_country_still_counts_as_held(officer, arrival, family, vocab):
    DocumentFactory(number="1400-0101-12345", document_type=vocab.e_tazkira, issuing_country=None)

    with pytest.raises(ValidationError) as error:
        household_arrival_register(actor=officer, arrival=arrival, members=family)

    assert error.value.error_dict["member-0-documents"][0].code == "duplicate_document"


def test_phones_and_documents_know_who_recorded_them(officer, arrival, family):
    household = household_arrival_register(actor=officer, arrival=arrival, members=family)

    head = household.current_members.order_by("pk").first()
    assert head.phones.get().created_by == officer
    assert head.documents.get().created_by == officer
