"""Showing dates and names. Dates are stored ISO Gregorian; this is the one place that formats
them, in the reader's calendar and digits (calendars.display)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from calendars import display
from calendars.forms import CalendarDateInput

register = template.Library()


@register.filter
def display_date(value: datetime.date | datetime.datetime | None) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return display.format_date(value)


@register.filter
def display_datetime(value: datetime.datetime | None) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{display.format_date(local.date())} {display.with_digits(local.strftime('%H:%M'))}"


@register.filter
def partial_date(value: datetime.date | None, precision: str) -> str:
    """A date shown only as precisely as it is known: a year, a month, a day, or an estimate."""
    if not value:
        return _("unknown")
    if precision == "year":
        return display.format_year(value)
    if precision == "month":
        return display.format_month(value)
    if precision == "estimated":
        return _("about %(year)s (estimated)") % {"year": display.format_year(value)}
    return display.format_date(value)


@register.filter
def age_on(value: datetime.date | None, on: datetime.date | None = None) -> str:
    if not value:
        return ""
    on = on or timezone.localdate()
    return display.with_digits(str(on.year - value.year - ((on.month, on.day) < (value.month, value.day))))


@register.simple_tag
def today_display() -> str:
    return display.format_date(timezone.localdate())


@register.simple_tag
def date_input(name: str, *id_parts, small: bool = False) -> str:
    """A required date field written by hand in a template, e.g. one per table row: the same input and
    calendar button as calendars.forms.CalendarDateField. Its id is the parts joined by "-"."""
    css = "form-control form-control-sm" if small else "form-control"
    widget = CalendarDateInput(attrs={"class": css, "required": True})
    return widget.render(name, None, attrs={"id": "-".join(str(part) for part in id_parts)})


@register.filter
def bdi(value) -> str:
    """Isolate a name or number inside a translated sentence, so a Latin name or a digit run in
    right-to-left text (or Dari in English) does not reorder the words around it."""
    return format_html("<bdi>{}</bdi>", value)


class _ReaderDigits(int):
    """A count that still counts (plural forms choose by it) but is written in the reader's digits."""

    def __str__(self) -> str:
        return display.with_digits(int.__str__(self))


@register.filter
def reader_digits(value: int) -> int:
    """For counts inside translated sentences, where the count also picks the plural form:
    ``{% blocktranslate count counter=people|length|reader_digits %}``."""
    return _ReaderDigits(value)
