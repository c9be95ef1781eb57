"""Months of the reader's calendar, for the date picker: the days a month has, how they fall into
weeks, and its neighbours. Solar Hijri arithmetic is jdatetime's, as in calendars.parse, and the
years offered are the years the parser reads, so every day the picker offers can be typed back.
"""

import datetime
import re
from dataclasses import dataclass

import jdatetime
from django.utils.translation import gettext as _

from calendars import display
from calendars.parse import GREGORIAN_YEARS, SOLAR_HIJRI_YEARS

_PARAM = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthError(ValueError):
    """A month that is not written YYYY-MM, or lies outside the years dates are read in."""


@dataclass(frozen=True)
class Month:
    """One month of one calendar: ``solar_hijri`` decides whether year and month are Solar Hijri."""

    solar_hijri: bool
    year: int
    month: int

    def __post_init__(self):
        years = SOLAR_HIJRI_YEARS if self.solar_hijri else GREGORIAN_YEARS
        if self.year not in years or not 1 <= self.month <= 12:
            raise MonthError(
                _("Month %(year)04d-%(month)02d is outside the years %(first)d–%(last)d.")
                % {"year": self.year, "month": self.month, "first": years[0], "last": years[-1]}
            )

    @classmethod
    def of(cls, value: datetime.date, *, solar_hijri: bool) -> "Month":
        """The month a day falls in. Raises MonthError when its year is outside the range."""
        if solar_hijri:
            solar = jdatetime.date.fromgregorian(date=value)
            return cls(True, solar.year, solar.month)
        return cls(False, value.year, value.month)

    @classmethod
    def from_param(cls, text: str, *, solar_hijri: bool) -> "Month":
        """Read "1402-07" (in the reader's calendar). Raises MonthError."""
        match = _PARAM.match(text.strip())
        if not match:
            raise MonthError(_("Write the month as YYYY-MM, for example 1402-07 or 2023-10."))
        return cls(solar_hijri, int(match.group(1)), int(match.group(2)))

    @property
    def param(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> datetime.date:
        if self.solar_hijri:
            return jdatetime.date(self.year, self.month, 1).togregorian()
        return datetime.date(self.year, self.month, 1)

    def _following_first_day(self) -> datetime.date:
        # Computed without the range check: the month after the last one offered still has a first day.
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        if self.solar_hijri:
            return jdatetime.date(year, month, 1).togregorian()
        return datetime.date(year, month, 1)

    def days(self) -> list[datetime.date]:
        """Every day of the month, as Gregorian dates (29 or 30 in Esfand, by the leap years)."""
        first = self.first_day()
        count = (self._following_first_day() - first).days
        return [first + datetime.timedelta(days=offset) for offset in range(count)]

    def shifted(self, months: int) -> "Month | None":
        """The month ``months`` before (negative) or after this one, or None outside the years."""
        index = self.year * 12 + self.month - 1 + months
        try:
            return Month(self.solar_hijri, index // 12, index % 12 + 1)
        except MonthError:
            return None


def weeks(month: Month, *, first_weekday: int) -> list[list[datetime.date | None]]:
    """The month's days in rows of seven, starting on ``first_weekday`` (Monday = 0); None pads
    the first and last rows."""
    days = month.days()
    cells: list[datetime.date | None] = [None] * ((days[0].weekday() - first_weekday) % 7)
    cells += days
    cells += [None] * (-len(cells) % 7)
    return [cells[start : start + 7] for start in range(0, len(cells), 7)]


@dataclass(frozen=True)
class Day:
    number: str  # in the reader's digits
    label: str  # the whole date, for screen readers
    value: str  # as the date field shows it; calendars.parse reads it back
    is_today: bool
    is_selected: bool
    takes_focus: bool  # the one day reached by Tab; arrows move from it


@dataclass(frozen=True)
class YearChoice:
    month: Month  # the same month of this year
    label: str  # the year in the reader's digits
    is_shown: bool


# The years the picker's year list offers: a lifetime back (dates of birth) and some years ahead
# (a document's expiry), within the years the parser reads.
YEARS_BACK, YEARS_AHEAD = 120, 30


@dataclass(frozen=True)
class MonthGrid:
    month: Month
    title: str  # "میزان ۱۴۰۲"
    gregorian_months: str  # "Sep – Oct 2023" for Solar Hijri readers, else ""
    weekdays: list[tuple[str, str]]  # (short, full), in column order
    weeks: list[list[Day | None]]
    previous: Month | None
    next: Month | None
    today: Day
    years: list[YearChoice]  # newest first, the shown month's year among them


def reader_uses_solar_hijri() -> bool:
    return display.effective_calendar() != display.GREGORIAN


def _day(
    value: datetime.date,
    *,
    solar_hijri: bool,
    today: datetime.date,
    selected: datetime.date | None,
    focus: datetime.date | None,
) -> Day:
    is_selected = value == selected
    label = display.format_date(value)
    if is_selected:
        label = _("%(date)s, the date in the field") % {"date": label}
    return Day(
        number=display.with_digits(str(_day_of_month(value, solar_hijri=solar_hijri))),
        label=label,
        value=display.format_for_input(value),
        is_today=value == today,
        is_selected=is_selected,
        takes_focus=value == focus,
    )


def _day_of_month(value: datetime.date, *, solar_hijri: bool) -> int:
    if solar_hijri:
        return jdatetime.date.fromgregorian(date=value).day
    return value.day


def month_grid(month: Month, *, today: datetime.date, selected: datetime.date | None) -> MonthGrid:
    """Everything the picker shows for one month, in the reader's language, calendar and digits."""
    days, solar = month.days(), month.solar_hijri
    focus = next((day for day in (selected, today) if day in days), days[0])
    first_weekday = display.first_weekday()
    rows = [
        [
            _day(value, solar_hijri=solar, today=today, selected=selected, focus=focus) if value else None
            for value in week
        ]
        for week in weeks(month, first_weekday=first_weekday)
    ]
    return MonthGrid(
        month=month,
        title=display.format_month(days[0]),
        gregorian_months=display.format_gregorian_months(days[0], days[-1]) if month.solar_hijri else "",
        weekdays=[display.weekday_names((first_weekday + column) % 7) for column in range(7)],
        weeks=rows,
        previous=month.shifted(-1),
        next=month.shifted(1),
        today=_day(today, solar_hijri=solar, today=today, selected=None, focus=None),
        years=year_choices(month, today=today),
    )


def year_choices(month: Month, *, today: datetime.date) -> list[YearChoice]:
    """The years to jump to from ``month`` (to the same month of each), newest first: from
    YEARS_BACK before this year to YEARS_AHEAD after it, and the shown year wherever it lies."""
    years = SOLAR_HIJRI_YEARS if month.solar_hijri else GREGORIAN_YEARS
    this_year = Month.of(today, solar_hijri=month.solar_hijri).year
    offered = set(range(max(years[0], this_year - YEARS_BACK), min(years[-1], this_year + YEARS_AHEAD) + 1))
    offered.add(month.year)
    return [
        YearChoice(
            month=Month(month.solar_hijri, year, month.month),
            label=display.with_digits(str(year)),
            is_shown=year == month.year,
        )
        for year in sorted(offered, reverse=True)
    ]
