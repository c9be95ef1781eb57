"""A date field for every date people type: shown in the reader's calendar and digits, read by
calendars.parse (the one parser), with a button that opens a month of the reader's calendar
(static/js/datepicker.js, months drawn by calendars.views.month)."""

import datetime

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from calendars import display
from calendars.parse import DateParseError, parse_date


class CalendarDateInput(forms.TextInput):
    """A text input, not ``type=date``: the browser's own picker knows only the Gregorian calendar
    and Latin digits, and would refuse ۱۴۰۲/۰۷/۱۵."""

    def __init__(self, attrs=None):
        # No autocomplete: the browser's list of earlier entries would cover the calendar button.
        super().__init__({"autocomplete": "off", "maxlength": "40", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return display.format_for_input(value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        # The hint is worked out now, not at import: it depends on the reader's calendar and language.
        attrs = {"placeholder": display.input_hint(), **(attrs or {})}
        field = super().render(name, value, attrs, renderer)
        input_id = attrs.get("id") or self.attrs.get("id")
        if not input_id:
            return field
        small = "form-control-sm" in self.attrs.get("class", "")
        # The button stays hidden (CSS) until datepicker.js runs: without JavaScript, people type.
        # Its name does not repeat the field's label, so the label names the input alone; it comes
        # right after the input, which tells a screen reader user which date it fills.
        return format_html(
            '<div class="d-flex gap-1 date-input">{}<button type="button" class="btn btn-outline-secondary{}'
            ' date-picker-open" data-picker-for="{}" data-picker-url="{}" aria-label="{}"'
            ' aria-haspopup="dialog" aria-expanded="false"><i class="bi bi-calendar3" aria-hidden="true"></i>'
            "</button></div>",
            field,
            " btn-sm" if small else "",
            input_id,
            reverse("calendars:month"),
            _("Open the calendar"),
        )


class CalendarDateField(forms.Field):
    """A date in any form calendars.parse reads: ISO, Solar Hijri y/m/d in any digits, d/m/y,
    day + month name + year. Cleans to an ISO Gregorian ``datetime.date``; an impossible or
    unreadable date is refused with the parser's message, which names the accepted forms."""

    widget = CalendarDateInput

    def to_python(self, value) -> datetime.date | None:
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(str(value)).date
        except DateParseError as error:
            raise forms.ValidationError(str(error), code="invalid_date") from None
