"""The date picker's month, drawn by the server so it is in the reader's calendar, language and
digits with the same code that shows and reads dates. Thin: parse, call, render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from calendars.months import Month, MonthError, month_grid, reader_uses_solar_hijri
from calendars.parse import DAY, parse_partial_date


@login_required
@require_GET
def month(request: HttpRequest) -> HttpResponse:
    """?month=1402-07 (in the reader's calendar) and/or ?value=<what the field holds>. Without a
    month, the month of the value — of a year or a month and year alone too (1364, 1364/7: a date
    of birth known that far), which then opens with no day chosen — or of today when the value is
    empty or not a date (the field itself says why when the form is sent)."""
    solar_hijri = reader_uses_solar_hijri()
    today = timezone.localdate()
    value = request.GET.get("value", "")[:40]
    try:
        typed, precision = parse_partial_date(value) if value.strip() else (None, "")
    except ValueError:  # DateParseError, or digits the parser cannot read as numbers
        typed, precision = None, ""
    selected = typed if precision == DAY else None
    try:
        if request.GET.get("month"):
            shown = Month.from_param(request.GET["month"], solar_hijri=solar_hijri)
        else:
            shown = _month_of(typed, solar_hijri=solar_hijri) or Month.of(today, solar_hijri=solar_hijri)
    except MonthError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    grid = month_grid(shown, today=today, selected=selected)
    return render(request, "calendars/month.html", {"grid": grid, "value": value})


def _month_of(day, *, solar_hijri: bool) -> Month | None:
    """The month of a day, or None when there is no day or it lies outside the years offered."""
    if day is None:
        return None
    try:
        return Month.of(day, solar_hijri=solar_hijri)
    except MonthError:
        return None
