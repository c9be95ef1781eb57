"""Showing stored (ISO Gregorian) dates in the reader's calendar and digits.

The preference is activated per request (like Django's active language) by
``accounts.middleware.UserPreferencesMiddleware``; the template filters in core read it.
"""

import datetime
from contextvars import ContextVar
from dataclasses import dataclass

import jdatetime
from django.utils.translation import get_language

GREGORIAN = "gregorian"
SOLAR_HIJRI_AFGHAN = "solar_hijri_afghan"
SOLAR_HIJRI_IRAN = "solar_hijri_iran"
LATIN_DIGITS = "latin"
PERSIAN_DIGITS = "persian"
ARABIC_INDIC_DIGITS = "arabic_indic"

_DIGITS = {
    LATIN_DIGITS: "0123456789",
    PERSIAN_DIGITS: "۰۱۲۳۴۵۶۷۸۹",
    ARABIC_INDIC_DIGITS: "٠١٢٣٤٥٦٧٨٩",
}
# Month names (shared/DOMAIN.md §4.1 and §4.3), by calendar and language.
_SOLAR_HIJRI_MONTHS = {
    (SOLAR_HIJRI_AFGHAN, "fa-af"): "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت",
    (SOLAR_HIJRI_AFGHAN, "ps"): "وری غویی غبرگولی چنگاښ زمری وږی تله لړم لیندۍ مرغومی سلواغه کب",
    (SOLAR_HIJRI_AFGHAN, "latin"): "Hamal Sawr Jawza Saratan Asad Sunbula Mizan Aqrab Qaws Jadi Dalw Hut",
    (SOLAR_HIJRI_IRAN, "fa"): "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
    (
        SOLAR_HIJRI_IRAN,
        "latin",
    ): "Farvardin Ordibehesht Khordad Tir Mordad Shahrivar Mehr Aban Azar Dey Bahman Esfand",
}
_GREGORIAN_MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "fa-af": "جنوری فبروری مارچ اپریل می جون جولای اگست سپتمبر اکتوبر نومبر دسمبر",
    "ps": "جنوري فبروري مارچ اپریل مۍ جون جولای اګست سپتمبر اکتوبر نومبر دسمبر",
    "fa": "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ru": "янв. февр. марта апр. мая июня июля авг. сент. окт. нояб. дек.",
    "az": "yan fev mar apr may iyn iyl avq sen okt noy dek",
}


@dataclass(frozen=True)
class DatePreferences:
    calendar: str = ""  # "" = the language's usual calendar
    digits: str = ""  # "" = the language's usual digits


_USUAL = DatePreferences()
_active: ContextVar[DatePreferences | None] = ContextVar("date_preferences", default=None)


def _preferences() -> DatePreferences:
    return _active.get() or _USUAL


def activate(preferences: DatePreferences) -> None:
    _active.set(preferences)


def _language() -> str:
    return (get_language() or "en").lower()


def effective_calendar() -> str:
    calendar = _preferences().calendar
    if calendar:
        return calendar
    return {"fa-af": SOLAR_HIJRI_AFGHAN, "ps": SOLAR_HIJRI_AFGHAN, "fa": SOLAR_HIJRI_IRAN}.get(
        _language(), GREGORIAN
    )


def effective_digits() -> str:
    digits = _preferences().digits
    if digits:
        return digits
    # CLDR's defaults: Persian digits for fa, fa-AF and ps, Arabic-Indic for Egyptian Arabic.
    return {
        "fa-af": PERSIAN_DIGITS,
        "ps": PERSIAN_DIGITS,
        "fa": PERSIAN_DIGITS,
        "ar": ARABIC_INDIC_DIGITS,
    }.get(_language(), LATIN_DIGITS)


def with_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", _DIGITS[effective_digits()]))


def _month_name(calendar: str, month: int) -> str:
    language = _language()
    if calendar == GREGORIAN:
        names = _GREGORIAN_MONTHS.get(language, _GREGORIAN_MONTHS["en"])
    else:
        names = _SOLAR_HIJRI_MONTHS.get((calendar, language)) or _SOLAR_HIJRI_MONTHS[(calendar, "latin")]
    return names.split()[month - 1]


def _parts(value: datetime.date) -> tuple[str, int, int, int]:
    calendar = effective_calendar()
    if calendar == GREGORIAN:
        return calendar, value.year, value.month, value.day
    solar = jdatetime.date.fromgregorian(date=value)
    return calendar, solar.year, solar.month, solar.day


def format_date(value: datetime.date | None) -> str:
    """ "7 Oct 2023", "۱۵ میزان ۱۴۰۲", "۱۵ مهر ۱۴۰۲", as the reader prefers."""
    if not value:
        return ""
    calendar, year, month, day = _parts(value)
    return with_digits(f"{day} {_month_name(calendar, month)} {year}")


def format_month(value: datetime.date) -> str:
    calendar, year, month, _day = _parts(value)
    return with_digits(f"{_month_name(calendar, month)} {year}")


def format_year(value: datetime.date) -> str:
    _calendar, year, _month, _day = _parts(value)
    return with_digits(str(year))
