"""Showing dates and names. Dates are stored ISO Gregorian; this is the one place that formats them."""

import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def display_date(value: datetime.date | None) -> str:
    if not value:
        return ""
    return date_filter(value, "j M Y")


@register.filter
def partial_date(value: datetime.date | None, precision: str) -> str:
    """A date shown only as precisely as it is known: a year, a month, a day, or an estimate."""
    if not value:
        return _("unknown")
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_filter(value, "M Y")
    if precision == "estimated":
        return _("about %(year)d (estimated)") % {"year": value.year}
    return display_date(value)


@register.filter
def age_on(value: datetime.date | None, on: datetime.date | None = None) -> int | None:
    if not value:
        return None
    on = on or datetime.date.today()  # noqa: DTZ011 -- ages are counted in calendar days, not instants
    return on.year - value.year - ((on.month, on.day) < (value.month, value.day))
