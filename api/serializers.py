"""What the API shows of each record (output only: this version of the API reads).

References to code lists are their codes (``"return_type": "deported"``, ``"returned_from": "IR"``);
references to records are ids. Labels come from the code-list endpoints.
"""

from rest_framework import serializers

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


def _code(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


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
    document_type = _code()

    class Meta:
        model = IdentityDocument
        fields = ("id", "document_type", "number", "issuing_country", "expires_on")


class PersonSerializer(ReadOnlyModelSerializer):
    phones = PhoneSerializer(many=True, read_only=True)
    documents = PersonDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Person
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


class MembershipSerializer(ReadOnlyModelSerializer):
    relationship = _code()

    class Meta:
        model = HouseholdMembership
        fields = ("person", "relationship", "joined_on", "left_on")


class HouseholdSerializer(ReadOnlyModelSerializer):
    reference = serializers.CharField(read_only=True)
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Household
        fields = ("id", "uid", "reference", "organisation", "office", "members", "created_at", "updated_at")


class ReturnEventSerializer(ReadOnlyModelSerializer):
    border_crossing = _code()
    return_type = _code()
    transport = _code(allow_null=True)

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


class DocumentSerializer(ReadOnlyModelSerializer):
    document_type = _code()

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
