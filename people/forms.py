"""Forms for registering a household arrival. They parse input; people.services decides."""

import datetime
import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calendars.forms import CalendarDateField, CalendarDateInput
from calendars.parse import DateParseError, parse_partial_date
from locations.models import AdminArea, BorderCrossing, Country
from people.models import NAME_PARTS, Sex
from people.services import ArrivalInput, DocumentInput, MemberInput, estimated_birth_date
from vocabularies.models import DocumentType, Relationship, ReturnType, TransportMeans

_PHONE_SEPARATORS = re.compile(r"[,;،\n]+")


class VocabularyChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("— choose —"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.label


class ArrivalForm(forms.Form):
    arrived_on = CalendarDateField(label=_("Arrival date"), initial=timezone.localdate)
    border_crossing = VocabularyChoiceField(
        label=_("Border crossing or airport"), queryset=BorderCrossing.objects.filter(is_active=True)
    )
    returned_from = VocabularyChoiceField(label=_("Returned from"), queryset=Country.objects.all())
    return_type = VocabularyChoiceField(
        label=_("Return type"), queryset=ReturnType.objects.filter(is_active=True)
    )
    transport = VocabularyChoiceField(
        label=_("Means of transport"), queryset=TransportMeans.objects.filter(is_active=True), required=False
    )
    destination_province = VocabularyChoiceField(
        label=_("Intended province"), queryset=AdminArea.objects.none(), required=False
    )
    destination_district = VocabularyChoiceField(
        label=_("Intended district"), queryset=AdminArea.objects.none(), required=False
    )

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        home = settings.HOMEWARD_HOME_COUNTRY
        self.fields["border_crossing"].queryset = BorderCrossing.objects.filter(
            is_active=True, country_id=home
        )
        crossing = office.border_crossing if office is not None else None
        if crossing is not None:
            self.fields["border_crossing"].initial = crossing.pk
            if crossing.neighbour_country_id:
                self.fields["returned_from"].initial = crossing.neighbour_country_id
        self.fields["destination_province"].queryset = AdminArea.objects.filter(
            country_id=home, level=AdminArea.Level.PROVINCE
        )
        province_id = self.data.get(self.add_prefix("destination_province")) or self.initial.get(
            "destination_province"
        )
        districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT)
        self.fields["destination_district"].queryset = (
            districts.filter(parent_id=province_id) if str(province_id or "").isdigit() else districts
        )
        if self.fields["returned_from"].initial is None:
            self.fields["returned_from"].initial = "IR"
        for name in self.fields:
            self.fields[name].widget.attrs.setdefault("class", "form-select")
        self.fields["arrived_on"].widget.attrs["class"] = "form-control"

    def to_input(self) -> ArrivalInput:
        return ArrivalInput(**self.cleaned_data)


class ReturnAgainForm(ArrivalForm):
    """Another return of a household already registered: the return, and who came back."""

    people = forms.ModelMultipleChoiceField(
        label=_("Who came back"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, household_members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = household_members
        self.fields["people"].label_from_instance = lambda person: person.display_name
        self.fields["people"].widget.attrs["class"] = "form-check-input"
        self.fields["people"].initial = [person.pk for person in household_members]

    def to_input(self) -> ArrivalInput:
        data = {name: value for name, value in self.cleaned_data.items() if name != "people"}
        return ArrivalInput(**data)


class LeaveForm(forms.Form):
    left_on = CalendarDateField(
        label=_("Left on"),
        widget=CalendarDateInput(attrs={"class": "form-control form-control-sm"}),
        initial=timezone.localdate,
    )


class NamePartsForm(forms.Form):
    """The four parts of a name, as written and in Latin letters: all optional here, the
    services decide what a record needs."""

    given_name = forms.CharField(label=_("Given name"), required=False, max_length=100)
    father_name = forms.CharField(label=_("Father's name"), required=False, max_length=100)
    grandfather_name = forms.CharField(label=_("Grandfather's name"), required=False, max_length=100)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100)
    given_name_latin = forms.CharField(label=_("Given name (Latin)"), required=False, max_length=100)
    father_name_latin = forms.CharField(label=_("Father's name (Latin)"), required=False, max_length=100)
    grandfather_name_latin = forms.CharField(
        label=_("Grandfather's name (Latin)"), required=False, max_length=100
    )
    family_name_latin = forms.CharField(label=_("Family name (Latin)"), required=False, max_length=100)


class MemberForm(NamePartsForm):
    relationship = VocabularyChoiceField(
        label=_("Relationship to the head"), queryset=Relationship.objects.filter(is_active=True)
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices])
    # Kept as typed (a year or a month alone is a date of birth too, read by parse_partial_date),
    # with the calendar button beside it: a day picked there fills a whole date.
    birth_date = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=20,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY"),
        widget=CalendarDateInput,
    )
    age = forms.IntegerField(label=_("or age"), required=False, min_value=0, max_value=120)
    phones = forms.CharField(
        label=_("Phone numbers"),
        required=False,
        max_length=200,
        help_text=_("Separate several numbers with commas."),
    )
    document_type = VocabularyChoiceField(
        label=_("Document type"), queryset=DocumentType.objects.filter(is_active=True), required=False
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=60)
    document_country = VocabularyChoiceField(
        label=_("Issuing country"), queryset=Country.objects.all(), required=False
    )
    document_expires_on = CalendarDateField(label=_("Expiry date"), required=False)
    document2_type = VocabularyChoiceField(
        label=_("Second document type"), queryset=DocumentType.objects.filter(is_active=True), required=False
    )
    document2_number = forms.CharField(label=_("Second document number"), required=False, max_length=60)
    document2_country = VocabularyChoiceField(
        label=_("Issuing country"), queryset=Country.objects.all(), required=False
    )
    document2_expires_on = CalendarDateField(label=_("Expiry date"), required=False)
    name_parts = NAME_PARTS

    def __init__(self, *args, arrival_on: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrival_on = arrival_on
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            if name.endswith("_name") or name == "phones":
                field.widget.attrs["dir"] = "auto"
            if name.endswith("_latin"):
                field.widget.attrs["dir"] = "ltr"
                field.widget.attrs["lang"] = "en"
        self.fields["phones"].widget.attrs["inputmode"] = "tel"

    def clean_birth_date(self) -> str:
        text = self.cleaned_data["birth_date"]
        if text:
            try:
                parse_partial_date(text)
            except DateParseError as error:
                raise forms.ValidationError(str(error), code="invalid_date") from None
            except ValueError:
                raise forms.ValidationError(
                    _("Date of birth “%(value)s” is not a date: write YYYY-MM-DD, YYYY-MM or YYYY."),
                    code="invalid_date",
                    params={"value": text},
                ) from None
        return text

    def clean(self):
        data = super().clean()
        if data.get("DELETE"):
            return data
        for prefix in ("document", "document2"):
            has_type, has_number = data.get(f"{prefix}_type"), data.get(f"{prefix}_number")
            if has_number and not has_type:
                self.add_error(
                    f"{prefix}_type", _("Choose the type of document %(number)s.") % {"number": has_number}
                )
            if has_type and not has_number:
                self.add_error(
                    f"{prefix}_number", _("Write the number of the %(type)s.") % {"type": has_type.label}
                )
        if data.get("birth_date") and data.get("age") is not None:
            self.add_error("age", _("Give either a date of birth or an age, not both."))
        return data

    def to_input(self, arrived_on: datetime.date) -> MemberInput:
        data = self.cleaned_data
        birth_on, precision = None, ""
        if data.get("birth_date"):
            birth_on, precision = parse_partial_date(data["birth_date"])
        elif data.get("age") is not None:
            birth_on, precision = estimated_birth_date(age=data["age"], on=arrived_on)
        documents = [
            DocumentInput(
                document_type=data[f"{prefix}_type"],
                number=data[f"{prefix}_number"],
                issuing_country=data.get(f"{prefix}_country"),
                expires_on=data.get(f"{prefix}_expires_on"),
            )
            for prefix in ("document", "document2")
            if data.get(f"{prefix}_type") and data.get(f"{prefix}_number")
        ]
        names = {name: data.get(name, "") for name in (*NAME_PARTS, *(f"{p}_latin" for p in NAME_PARTS))}
        phones = [
            phone.strip() for phone in _PHONE_SEPARATORS.split(data.get("phones") or "") if phone.strip()
        ]
        return MemberInput(
            relationship=data["relationship"],
            sex=data["sex"],
            birth_on=birth_on,
            birth_precision=precision,
            names=names,
            phones=phones,
            documents=documents,
        )


class JoiningMemberForm(MemberForm):
    """One new member of a registered household, and since when."""

    joined_on = CalendarDateField(
        label=_("Member since"),
        widget=CalendarDateInput(attrs={"class": "form-control"}),
        initial=timezone.localdate,
    )


class SpellingForm(NamePartsForm):
    """Another spelling of a name: any parts, in any script."""

    source = forms.CharField(
        label=_("Where it was written this way"),
        required=False,
        max_length=200,
        help_text=_("For example: IOM reception list, passport, Iranian deportation slip."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.update(
                {"class": "form-control", "dir": "ltr" if name.endswith("_latin") else "auto"}
            )


class BaseMemberFormSet(forms.BaseFormSet):
    def get_deletion_widget(self):
        return forms.HiddenInput


MemberFormSet = forms.formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=0, min_num=1, can_delete=True, max_num=30, validate_max=True
)
