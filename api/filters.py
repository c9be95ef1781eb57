"""Query parameters of the API's lists (django-filter). Dates are read by calendars.parse, the one
date parser: ``2023-10-07``, ``1402/7/15``, ``15 Mizan 1402``, ``۱۴۰۲/۷/۱۵`` all work."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.drainage import set_override

from calendars.parse import DateParseError, parse_date
from core.query_params import MAX_ID
from locations.models import AdminArea
from names.normalise import document_number_key
from people.models import Household, IdentityDocument, Person, ReturnEvent, Sex

DATE_HELP = _("A date in any form Homeward reads: 2023-10-07, 1402/7/15 (Solar Hijri), 15 Mizan 1402.")


class TypedDateField(forms.Field):
    """A date as people type it, in either calendar and any digits; refused with the reason."""

    def to_python(self, value):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        try:
            return parse_date(text).date
        except DateParseError as error:
            # The reason quotes what was typed, which may hold a "%": pass it as a parameter.
            raise forms.ValidationError(
                "%(reason)s", code="invalid_date", params={"reason": str(error)}
            ) from None


class TypedDateFilter(django_filters.CharFilter):  # a string in the schema: not only ISO dates
    field_class = TypedDateField


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A record id (a positive whole number that fits the database)."""

    field_class = IdField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Documented as an integer (django-filter's NumberFilter would say "number").
        schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": str(self.label)}
        set_override(self, "field", schema)


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


class CreatedRangeFilterSet(django_filters.FilterSet):
    """``created_after`` / ``created_before``: days in the server's time zone, both inclusive."""

    created_after = TypedDateFilter(
        method="filter_created_after", label=_("Created on or after this day. ") + DATE_HELP
    )
    created_before = TypedDateFilter(
        method="filter_created_before", label=_("Created on or before this day. ") + DATE_HELP
    )

    def filter_created_after(self, queryset, name, value):
        return queryset.filter(created_at__gte=_day_start(value))

    def filter_created_before(self, queryset, name, value):
        return queryset.filter(created_at__lt=_day_start(value + datetime.timedelta(days=1)))


class PersonFilter(CreatedRangeFilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=200,
        label=_(
            "Search: every word must match a part of a name (any spelling, any script), a phone or "
            "a document number. At least one word of three characters. Results newest first."
        ),
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("Sex: F, M or U (not recorded)."))
    household = IdFilter(field_name="household_id", label=_("Id of the person's current household."))
    organisation = IdFilter(
        field_name="organisation_id", label=_("Id of the organisation that holds the record.")
    )
    born_after = TypedDateFilter(
        field_name="birth_on", lookup_expr="gte", label=_("Born on or after this day. ") + DATE_HELP
    )
    born_before = TypedDateFilter(
        field_name="birth_on", lookup_expr="lte", label=_("Born on or before this day. ") + DATE_HELP
    )

    class Meta:
        model = Person
        fields = ["q", "sex", "household", "organisation", "born_after", "born_before"]

    def filter_q(self, queryset, name, value):
        # The search pages through the index itself (PersonViewSet.list): nothing to do here.
        return queryset


class HouseholdFilter(CreatedRangeFilterSet):
    organisation = IdFilter(
        field_name="organisation_id", label=_("Id of the organisation that holds the record.")
    )

    class Meta:
        model = Household
        fields = ["organisation"]


class ReturnEventFilter(CreatedRangeFilterSet):
    arrived_after = TypedDateFilter(
        field_name="arrived_on", lookup_expr="gte", label=_("Arrived on or after this day. ") + DATE_HELP
    )
    arrived_before = TypedDateFilter(
        field_name="arrived_on", lookup_expr="lte", label=_("Arrived on or before this day. ") + DATE_HELP
    )
    border_crossing = django_filters.CharFilter(
        field_name="border_crossing__code", max_length=40, label=_("Code of the border crossing or airport.")
    )
    return_type = django_filters.CharFilter(
        field_name="return_type__code", max_length=40, label=_("Code of the return type.")
    )
    returned_from = django_filters.CharFilter(
        field_name="returned_from_id", max_length=2, label=_("ISO 3166-1 alpha-2 code of the country.")
    )
    household = IdFilter(field_name="household_id", label=_("Id of the household."))

    class Meta:
        model = ReturnEvent
        fields = [
            "arrived_after",
            "arrived_before",
            "border_crossing",
            "return_type",
            "returned_from",
            "household",
        ]


class DocumentFilter(CreatedRangeFilterSet):
    person = IdFilter(field_name="person_id", label=_("Id of the person who holds the document."))
    document_type = django_filters.CharFilter(
        field_name="document_type__code", max_length=40, label=_("Code of the document type.")
    )
    number = django_filters.CharFilter(
        method="filter_number",
        max_length=60,
        label=_(
            "The document number, written any way (spaces, dashes and digits of any script are ignored)."
        ),
    )

    class Meta:
        model = IdentityDocument
        fields = ["person", "document_type", "number"]

    def filter_number(self, queryset, name, value):
        return queryset.filter(number_normalised=document_number_key(value))


class AdminAreaFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(
        field_name="country_id", max_length=2, label=_("ISO 3166-1 alpha-2 code of the country.")
    )
    level = django_filters.ChoiceFilter(
        choices=AdminArea.Level.choices, label=_("1: provinces, 2: districts.")
    )
    parent = IdFilter(field_name="parent_id", label=_("Id of the province a district is part of."))

    class Meta:
        model = AdminArea
        fields = ["country", "level", "parent"]
