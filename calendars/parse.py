"""One parser for every date people type or import: ISO, Solar Hijri and Gregorian numeric forms
with any digits and separators, and day + month name + year in the region's languages.

Storage is always an ISO Gregorian date; ``ParsedDate`` also keeps the calendar it was written in.
A Solar Hijri date is recognised by its year (1300–1499). Impossible dates (30 Esfand in a common
year, a 13th month, 31 April) are refused, never moved to another day.

Solar Hijri arithmetic is jdatetime's (the 33-year rule, which matches the astronomical calendar
for 1300–1499; shared/DOMAIN.md §4.2).
"""

import datetime
import re
from dataclasses import dataclass

import jdatetime
from django.utils.translation import gettext as _

from names.normalise import ascii_digits, name_key

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar_hijri"
SOLAR_HIJRI_YEARS = range(1300, 1500)
GREGORIAN_YEARS = range(1800, 2200)


@dataclass(frozen=True)
class ParsedDate:
    date: datetime.date  # ISO Gregorian, what is stored
    calendar: str  # the calendar it was written in
    written: str  # as the person typed it


class DateParseError(ValueError):
    """The text is not a date this parser accepts, or not a real day."""


# Month names by calendar, in the order of the months. Spellings are folded with name_key, so
# Arabic and Persian letter variants, case and diacritics do not matter.
_MONTHS: dict[str, list[tuple[str, ...]]] = {
    SOLAR_HIJRI: [
        # Iran (Persian), Afghanistan (Dari zodiac names, then their Latin spellings), Pashto.
        ("فروردین", "farvardin", "حمل", "hamal", "حمل", "وری", "wray"),
        ("اردیبهشت", "ordibehesht", "ثور", "sawr", "saur", "sur", "غویی", "ghwayay"),
        ("خرداد", "khordad", "جوزا", "jawza", "jauza", "jowza", "غبرگولی", "gbargolay"),
        ("تیر", "tir", "سرطان", "saratan", "چنگاښ", "chungash"),
        ("مرداد", "mordad", "amordad", "اسد", "asad", "زمری", "zmaray"),
        ("شهریور", "shahrivar", "سنبله", "sunbula", "sonbola", "sumbula", "وږی", "wazhay"),
        ("مهر", "mehr", "میزان", "mizan", "تله", "tala"),
        ("آبان", "aban", "عقرب", "aqrab", "akrab", "لړم", "laram"),
        ("آذر", "azar", "قوس", "qaws", "qaus", "لیندۍ", "لیندی", "lindaay"),
        ("دی", "dey", "جدی", "jadi", "jaddi", "مرغومی", "marghumay"),
        ("بهمن", "bahman", "دلو", "dalw", "dalv", "سلواغه", "salwagha"),
        ("اسفند", "esfand", "حوت", "hut", "hoot", "کب", "kab"),
    ],
    GREGORIAN: [
        ("january", "jan", "январь", "января", "yanvar", "يناير", "ژانویه", "جنوری"),
        ("february", "feb", "февраль", "февраля", "fevral", "فبراير", "فوریه", "فبروری"),
        ("march", "mar", "март", "марта", "mart", "مارس", "مارچ"),
        ("april", "apr", "апрель", "апреля", "aprel", "أبريل", "ابریل", "آوریل", "اپریل"),
        ("may", "май", "мая", "mayo", "مايو", "مه", "می"),
        ("june", "jun", "июнь", "июня", "iyun", "يونيو", "ژوئن", "جون"),
        ("july", "jul", "июль", "июля", "iyul", "يوليو", "ژوئیه", "جولای"),
        ("august", "aug", "август", "августа", "avqust", "أغسطس", "اوت", "اگست", "آگوست"),
        ("september", "sep", "sept", "сентябрь", "сентября", "sentyabr", "سبتمبر", "سپتامبر", "سپتمبر"),
        ("october", "oct", "октябрь", "октября", "oktyabr", "أكتوبر", "اکتبر", "اکتوبر"),
        ("november", "nov", "ноябрь", "ноября", "noyabr", "نوفمبر", "نوامبر", "نومبر"),
        ("december", "dec", "декабрь", "декабря", "dekabr", "ديسمبر", "دسامبر", "دسمبر"),
    ],
}
_MONTH_INDEX: dict[str, tuple[str, int]] = {}
for _calendar, _months in _MONTHS.items():
    for _number, _names in enumerate(_months, start=1):
        for _name in _names:
            _MONTH_INDEX.setdefault(name_key(_name), (_calendar, _number))

_NUMERIC = re.compile(r"^(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,4})$")
_WITH_MONTH_NAME = re.compile(
    r"^(\d{1,2})\s*(?:st|nd|rd|th)?\s+(\D+?)\s*,?\s+(\d{4})(?:\s*(?:г\.?|il|ci|ши|م|هـ\.?ش|ه\.?ش|ش))?$"
)


def accepted_forms() -> str:
    return _(
        "Accepted: 2023-10-07; 1402/7/15 or 15/7/1402 (Solar Hijri, any digits, / - or .); "
        "07.10.2023 or 07/10/2023; 15 Mizan 1402, ۷ مهر ۱۴۰۲, 7 October 2023, 7 октября 2023."
    )


def _solar_hijri(year: int, month: int, day: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise DateParseError(_("There is no month %(month)d in the Solar Hijri calendar.") % {"month": month})
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise DateParseError(
            _("%(year)d/%(month)d has no day %(day)d in the Solar Hijri calendar.")
            % {"year": year, "month": month, "day": day}
        ) from None


def _gregorian(year: int, month: int, day: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise DateParseError(_("There is no month %(month)d.") % {"month": month})
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateParseError(
            _("%(year)d-%(month)02d has no day %(day)d.") % {"year": year, "month": month, "day": day}
        ) from None


def _from_parts(year: int, month: int, day: int, calendar: str | None) -> tuple[datetime.date, str]:
    if calendar is None:
        calendar = SOLAR_HIJRI if year in SOLAR_HIJRI_YEARS else GREGORIAN
    if calendar == SOLAR_HIJRI:
        if year not in SOLAR_HIJRI_YEARS:
            raise DateParseError(_("A Solar Hijri year must be between 1300 and 1499."))
        return _solar_hijri(year, month, day), SOLAR_HIJRI
    if year not in GREGORIAN_YEARS:
        raise DateParseError(_("Year %(year)d is out of range.") % {"year": year})
    return _gregorian(year, month, day), GREGORIAN


def parse_date(text: str) -> ParsedDate:
    """Read a date in any accepted form. Raises DateParseError naming what is accepted."""
    written = (text or "").strip()
    cleaned = ascii_digits(written.replace("\u200f", "").replace("\u200e", "").replace("\u061c", ""))
    if match := _NUMERIC.match(cleaned):
        first, second, third = (int(part) for part in match.groups())
        if len(match.group(1)) == 4:  # year first: ISO or Solar Hijri y/m/d
            year, month, day = first, second, third
        elif len(match.group(3)) == 4:  # day first: d/m/y, d.m.y
            day, month, year = first, second, third
        else:
            raise DateParseError(_("Write the year with four digits.") + " " + accepted_forms())
        try:
            stored, calendar = _from_parts(year, month, day, None)
        except DateParseError as error:
            raise DateParseError(f"{error} {accepted_forms()}") from None
        return ParsedDate(stored, calendar, written)
    if match := _WITH_MONTH_NAME.match(cleaned):
        day, month_name, year = int(match.group(1)), match.group(2), int(match.group(3))
        known = _MONTH_INDEX.get(name_key(month_name))
        if known is None:
            raise DateParseError(
                _("“%(month)s” is not a month name I know.") % {"month": month_name} + " " + accepted_forms()
            )
        calendar, month = known
        try:
            stored, calendar = _from_parts(year, month, day, calendar)
        except DateParseError as error:
            raise DateParseError(f"{error} {accepted_forms()}") from None
        return ParsedDate(stored, calendar, written)
    raise DateParseError(
        _("“%(value)s” is not a date I can read.") % {"value": written} + " " + accepted_forms()
    )


# How precisely a partial date (a date of birth, typically) is known; people.DatePrecision's values.
DAY, MONTH, YEAR = "day", "month", "year"
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")


def parse_partial_date(text: str) -> tuple[datetime.date, str]:
    """A date as precisely as it is known: a whole date in any form ``parse_date`` accepts (DAY),
    a year and month (MONTH: its first day), or a year (YEAR: its first day); Solar Hijri years
    too (1369, 1369/5). Raises DateParseError naming the accepted forms."""
    cleaned = ascii_digits((text or "").strip())
    try:
        if match := _YEAR_MONTH.match(cleaned):
            return _from_parts(int(match.group(1)), int(match.group(2)), 1, None)[0], MONTH
        if match := _YEAR_ONLY.match(cleaned):
            return _from_parts(int(match.group(1)), 1, 1, None)[0], YEAR
    except DateParseError as error:
        raise DateParseError(f"{error} {accepted_forms()}") from None
    return parse_date(text).date, DAY
