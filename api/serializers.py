"""What the API shows of each record (output only: this version of the API reads).

References to code lists are their codes (``"return_type": "deported"``, ``"returned_from": "IR"``);
references to records are ids. Labels come from the code-list endpoints.
"""

from rest_framework import serializers

from access import policy
from locations.models import AdminArea, BorderCrossing, Country
from people.models import Household, HouseholdMembership, IdentityDocument, Person, Phone, ReturnEvent
from vocabularies.models import DocumentType, Relationship, ReturnType, TransportMeans

NAME_FIELDS = (
    "given_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "given_name_latin",
    "father_name_latin",
    "grandfather_name_latin",
    "family_name_latin",
)


def _code(relation: str, **kwargs) -> serializers.CharField:
    """A code-list reference by its code, read from ``<relation>_code`` (see api.selectors._codes)."""
    return serializers.CharField(source=f"{relation}_code", read_only=True, **kwargs)


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


# Code lists and places ---------------------------------------------------------------------------


class LabelledSerializer(ReadOnlyModelSerializer):
    """``name`` is the English label, ``translations`` the label per language code, and ``label``
    the one for the request's language (the user's preference, else Accept-Language)."""

    label = serializers.CharField(read_only=True)
    translations = serializers.DictField(child=serializers.CharField(), read_only=True)


TERM_FIELDS = ("code", "name", "label", "translations", "sort_order", "is_active")


class ReturnTypeSerializer(LabelledSerializer):
    class Meta:
        model = ReturnType
        fields = TERM_FIELDS


class DocumentTypeSerializer(LabelledSerializer):
    class Meta:
        model = DocumentType
        fields = TERM_FIELDS


class RelationshipSerializer(LabelledSerializer):
    class Meta:
        model = Relationship
        fields = (*TERM_FIELDS, "is_head")


class TransportMeansSerializer(LabelledSerializer):
    class Meta:
        model = TransportMeans
        fields = TERM_FIELDS


class CountrySerializer(ReadOnlyModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Country
        fields = ("code", "alpha3", "name", "common_name", "label")


class AdminAreaSerializer(LabelledSerializer):
    class Meta:
        model = AdminArea
        fields = ("id", "country", "level", "parent", "iso_code", "pcode", "name", "label", "translations")


class BorderCrossingSerializer(LabelledSerializer):
    class Meta:
        model = BorderCrossing
        fields = (
            "code",
            "kind",
            "country",
            "area",
            "neighbour_country",
            "neighbour_name",
            "name",
            "label",
            "translations",
            "sort_order",
            "is_active",
        )


# People and their records ------------------------------------------------------------------------


class PhoneSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Phone
        fields = ("number", "e164")


class PersonDocumentSerializer(ReadOnlyModelSerializer):
    document_type = _code("document_type")

    class Meta:
        model = IdentityDocument
        fields = ("id", "document_type", "number", "issuing_country", "expires_on")


_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def _date(value):
    return None if value is None else _DATE.to_representation(value)


# The API's fields of each part of a person's record (access.policy.PERSON_FIELDS) that a partner
# may not be shown; they come out as null.
HIDEABLE = {
    "names": NAME_FIELDS,
    "sex": ("sex",),
    "birth": ("birth_on", "birth_precision"),
    "phones": ("phones",),
    "documents": ("documents",),
    "household": ("household",),
}


class PersonSerializer(ReadOnlyModelSerializer):
    """The fields below describe a person (and make the schema); ``to_representation`` writes the
    same dict directly, several times faster than DRF's field-by-field walk over a page of fifty.
    api/tests/test_serializers.py holds the two to the same output."""

    # A partner sees only the parts of the record its sharing's purposes need
    # (access.policy.person_fields_visible_to): the others come out as null.
    phones = PhoneSerializer(source="phone_list", many=True, read_only=True, allow_null=True)
    documents = PersonDocumentSerializer(source="document_list", many=True, read_only=True, allow_null=True)

    class Meta:
        model = Person
        extra_kwargs = {
            name: {"allow_null": True} for name in ("household", "sex", "birth_precision", *NAME_FIELDS)
        }
        fields = (
            "id",
            "uid",
            "organisation",
            "household",
            "sex",
            "birth_on",
            "birth_precision",
            *NAME_FIELDS,
            "phones",
            "documents",
            "created_at",
            "updated_at",
        )

    def visible_fields(self, person: Person) -> frozenset[str]:
        request = self.context.get("request")
        if request is None:
            return policy.PERSON_FIELDS
        page_fields = self.context.get("visible_fields")  # a page's, read at once (see for_page)
        if page_fields is not None and person.pk in page_fields:
            return page_fields[person.pk]
        return policy.person_fields_visible_to(request.user, person)

    @classmethod
    def for_page(cls, people: list[Person], context: dict):
        """A serializer of a page of people that reads what the caller may see of them at once."""
        fields = policy.person_fields_visible_to_each(context["request"].user, people)
        return cls(people, many=True, context={**context, "visible_fields": fields})

    def to_representation(self, instance: Person) -> dict:
        person = instance
        data = self._full_representation(person)
        visible = self.visible_fields(person)
        if visible != policy.PERSON_FIELDS:
            for group, keys in HIDEABLE.items():
                if group not in visible:
                    data.update(dict.fromkeys(keys))
        return data

    def _full_representation(self, person: Person) -> dict:
        return {
            "id": person.pk,
            "uid": str(person.uid),
            "organisation": person.organisation_id,
            "household": person.household_id,
            "sex": person.sex,
            "birth_on": _date(person.birth_on),
            "birth_precision": person.birth_precision,
            **{name: getattr(person, name) for name in NAME_FIELDS},
            "phones": [{"number": phone.number, "e164": phone.e164} for phone in person.phone_list],
            "documents": [
                {
                    "id": document.pk,
                    "document_type": document.document_type_code,
                    "number": document.number,
                    "issuing_country": document.issuing_country_id,
                    "expires_on": _date(document.expires_on),
                }
                for document in person.document_list
            ],
            "created_at": _DATETIME.to_representation(person.created_at),
            "updated_at": _DATETIME.to_representation(person.updated_at),
        }


class MembershipSerializer(ReadOnlyModelSerializer):
    relationship = _code("relationship")

    class Meta:
        model = HouseholdMembership
        fields = ("person", "relationship", "joined_on", "left_on")


class HouseholdSerializer(ReadOnlyModelSerializer):
    reference = serializers.CharField(read_only=True)
    members = MembershipSerializer(source="membership_list", many=True, read_only=True)

    class Meta:
        model = Household
        fields = ("id", "uid", "reference", "organisation", "office", "members", "created_at", "updated_at")


class ReturnEventSerializer(ReadOnlyModelSerializer):
    border_crossing = _code("border_crossing")
    return_type = _code("return_type")
    transport = _code("transport", allow_null=True)
    returnees = serializers.SerializerMethodField()

    class Meta:
        model = ReturnEvent
        fields = (
            "id",
            "household",
            "organisation",
            "office",
            "arrived_on",
            "border_crossing",
            "returned_from",
            "return_type",
            "transport",
            "destination_province",
            "destination_district",
            "returnees",
            "created_at",
            "updated_at",
        )

    def get_returnees(self, event: ReturnEvent) -> list[int]:
        """Ids of the people who came."""
        return [person.pk for person in event.returnee_list]


class DocumentSerializer(ReadOnlyModelSerializer):
    document_type = _code("document_type")

    class Meta:
        model = IdentityDocument
        fields = (
            "id",
            "person",
            "document_type",
            "number",
            "issuing_country",
            "expires_on",
            "created_at",
            "updated_at",
        )
