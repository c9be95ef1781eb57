from django import forms
from django.utils.translation import gettext_lazy as _

from audit.selectors import EventFilter
from calendars.forms import CalendarDateField


class EventFilterForm(forms.Form):
    """The auditor's search of the trail (a GET form: every search has its own address)."""

    person = forms.CharField(
        label=_("Person (id or global identifier)"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    actor = forms.CharField(
        label=_("Username"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=60,
        help_text=_("The beginning is enough: “import” finds every import event."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": _("e.g. read, export, import")}),
    )
    target_type = forms.CharField(
        label=_("Record type"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": _("e.g. people.person")}),
    )
    target_id = forms.IntegerField(label=_("Record id"), required=False, min_value=1)
    since = CalendarDateField(label=_("From"), required=False)
    until = CalendarDateField(label=_("To"), required=False)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-control form-control-sm"
            if self.is_bound and name in self.errors:
                css += " is-invalid"
                field.widget.attrs["aria-describedby"] = f"id_{name}-error"
            elif field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"
            field.widget.attrs["class"] = css

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned

    def wanted(self) -> EventFilter:
        """The search, from a valid form."""
        data = self.cleaned_data
        return EventFilter(
            person=data.get("person") or "",
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            target_type=data.get("target_type") or "",
            target_id=data.get("target_id"),
            since=data.get("since"),
            until=data.get("until"),
        )

    def query_without_page(self) -> str:
        """The search as a query string, without the page (for "next page" and the CSV link)."""
        data = self.data.copy()
        data.pop("before", None)
        return data.urlencode()
