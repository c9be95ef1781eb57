from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from calendars.forms import CalendarDateField, CalendarDateInput
from consent.models import Consent, Purpose

_DATE = {"class": "form-control"}


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The person consents to"),
        choices=Consent.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial=Consent.Kind.SHARING,
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only for consent to sharing."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    purposes = forms.MultipleChoiceField(
        label=_("Purposes"),
        choices=Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("What the partner may use the record for; it sees only the fields each purpose needs."),
    )
    given_on = CalendarDateField(
        label=_("Consent given on"), widget=CalendarDateInput(attrs=_DATE), initial=timezone.localdate
    )

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners


class WithdrawForm(forms.Form):
    withdrawn_on = CalendarDateField(
        label=_("Consent withdrawn on"), widget=CalendarDateInput(attrs=_DATE), initial=timezone.localdate
    )


class ShareForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=Purpose.choices, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        help_text=_("When and how the person asked. Do not repeat their personal data here."),
    )


class ErasureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and erase now")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
        help_text=_("Required when refusing."),
    )


# The parts of a person's record (access.policy.PERSON_FIELDS), as the pages name them.
FIELD_GROUPS = [
    ("names", _("names")),
    ("spellings", _("other spellings")),
    ("sex", _("sex")),
    ("birth", _("date of birth")),
    ("phones", _("phone numbers")),
    ("documents", _("identity documents")),
    ("household", _("household")),
    ("returns", _("returns")),
    ("province", _("province")),
]
