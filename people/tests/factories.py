"""Factories for people's records. They write through the models directly (test data only) and
keep ``search_text`` in step the way the service does."""

import datetime

import factory

from accounts.tests.factories import OrganisationFactory
from locations.models import BorderCrossing, Country
from people.models import (
    Household,
    HouseholdMembership,
    IdentityDocument,
    Person,
    ReturnEvent,
    ReturnEventPerson,
)
from people.services import person_search_text
from vocabularies.models import DocumentType, Relationship, ReturnType


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    organisation = factory.SubFactory(OrganisationFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    household = factory.SubFactory(HouseholdFactory, organisation=factory.SelfAttribute("..organisation"))
    sex = "M"
    birth_on = datetime.date(1990, 1, 1)
    birth_precision = "year"
    given_name = "محمد"
    given_name_latin = "Mohammad"
    father_name = "احمد"
    father_name_latin = "Ahmad"

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            self.search_text = person_search_text(self)
            self.save(update_fields=["search_text"])
            HouseholdMembership.objects.create(
                household=self.household,
                person=self,
                relationship=Relationship.objects.get(code="head"),
                joined_on=datetime.date(2024, 1, 1),
            )


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityDocument

    person = factory.SubFactory(PersonFactory)
    document_type = factory.LazyFunction(lambda: DocumentType.objects.get(code="e-tazkira"))
    number = factory.Sequence(lambda n: f"1400-0101-{n:05d}")
    number_normalised = factory.LazyAttribute(lambda d: d.number.replace("-", ""))
    issuing_country = factory.LazyFunction(lambda: Country.objects.get(pk="AF"))


def reindex(person: Person) -> Person:
    """After adding spellings, phones or documents by hand, rebuild the keys as the service does."""
    person.search_text = person_search_text(person)
    person.save(update_fields=["search_text"])
    return person


def return_event_for(
    person: Person, *, arrived_on=datetime.date(2024, 5, 1), return_type="deported"
) -> ReturnEvent:
    event = ReturnEvent.objects.create(
        household=person.household,
        organisation=person.organisation,
        arrived_on=arrived_on,
        border_crossing=BorderCrossing.objects.get(code="islam-qala"),
        returned_from=Country.objects.get(pk="IR"),
        return_type=ReturnType.objects.get(code=return_type),
    )
    ReturnEventPerson.objects.create(return_event=event, person=person)
    return event
