"""PersonSerializer writes its dict by hand for speed: it must say exactly what DRF's generic walk
over the same declared fields says (which is also what the schema describes)."""

import datetime

from rest_framework import serializers

from api import selectors
from api.serializers import PersonSerializer
from people.models import Phone
from people.tests.factories import DocumentFactory, PersonFactory


def test_the_fast_person_dict_equals_drfs_own(officer):
    person = PersonFactory(
        organisation=officer.organisation, family_name="حسینی", family_name_latin="Hosseini"
    )
    Phone.objects.create(person=person, number="0701234567", e164="+93701234567")
    DocumentFactory(person=person, expires_on=datetime.date(2030, 1, 31))
    DocumentFactory(person=person, issuing_country=None)
    PersonFactory(organisation=officer.organisation, birth_on=None, birth_precision="")
    people = list(selectors.person_details(selectors.person_list(actor=officer)).order_by("pk"))
    serializer = PersonSerializer()

    fast = [serializer.to_representation(person) for person in people]
    generic = [serializers.ModelSerializer.to_representation(serializer, person) for person in people]

    assert fast == generic
    assert fast[0]["documents"][0]["expires_on"] == "2030-01-31"
    assert fast[1]["birth_on"] is None
