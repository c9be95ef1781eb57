"""Showing stored (ISO Gregorian) dates in the reader's calendar and digits.

The preference is activated per request (like Django's active language) by
``accounts.middleware.UserPreferencesMiddleware``; the template filters in core read it.
"""

import datetime
from contextvars import ContextVar
from dataclasses import dataclass

import jdatetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from calendars.parse import SOLAR_HIJRI_YEARS

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


# Weekday names, Monday first (Python's date.weekday()), as (short, full). Afghan Pashto writes
# the Persian-derived names in everyday and official use, so Pashto shares Dari's here.
_PERSIAN_WEEKDAYS = [
    ("د", "دوشنبه"),
    ("س", "سه‌شنبه"),
    ("چ", "چهارشنبه"),
    ("پ", "پنجشنبه"),
    ("ج", "جمعه"),
    ("ش", "شنبه"),
    ("ی", "یکشنبه"),
]
_WEEKDAYS = {
    "en": [
        ("Mo", "Monday"),
        ("Tu", "Tuesday"),
        ("We", "Wednesday"),
        ("Th", "Thursday"),
        ("Fr", "Friday"),
        ("Sa", "Saturday"),
        ("Su", "Sunday"),
    ],
    "fa-af": _PERSIAN_WEEKDAYS,
    "fa": _PERSIAN_WEEKDAYS,
    "ps": _PERSIAN_WEEKDAYS,
    "ar": [
        ("ن", "الاثنين"),
        ("ث", "الثلاثاء"),
        ("ر", "الأربعاء"),
        ("خ", "الخميس"),
        ("ج", "الجمعة"),
        ("س", "السبت"),
        ("ح", "الأحد"),
    ],
    "ru": [
        ("Пн", "понедельник"),
        ("Вт", "вторник"),
        ("Ср", "среда"),
        ("Чт", "четверг"),
        ("Пт", "пятница"),
        ("Сб", "суббота"),
        ("Вс", "воскресенье"),
    ],
    "az": [
        ("B.e.", "bazar ertəsi"),
        ("Ç.a.", "çərşənbə axşamı"),
        ("Ç.", "çərşənbə"),
        ("C.a.", "cümə axşamı"),
        ("C.", "cümə"),
        ("Ş.", "şənbə"),
        ("B.", "bazar"),
    ],
}
MONDAY, SATURDAY = 0, 5


@dataclass(frozen=True)
class DatePreferences:
    calendar: str = ""  # "" = the language's usual calendar
    digits: str = ""  # "" = the language's usual digits


_USUAL = DatePreferences()
_active: ContextVar[DatePreferences | None] = ContextVar("date_preferences", default=None)


def _preferences() -> DatePreferences:
    return _active.get() or _USUAL


def active_preferences() -> DatePreferences:
    """The reader's calendar and digits for this request (blank: their language's usual ones)."""
    return _preferences()


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


def weekday_names(weekday: int) -> tuple[str, str]:
    """(short, full) name of a weekday (Monday = 0) in the reader's language."""
    return _WEEKDAYS.get(_language(), _WEEKDAYS["en"])[weekday]


def first_weekday() -> int:
    """The day a week starts on in the reader's calendar: Saturday in the Solar Hijri calendar and
    where Afghanistan, Iran and Egypt read Gregorian dates (CLDR), Monday elsewhere."""
    if effective_calendar() != GREGORIAN or _language() in ("fa-af", "ps", "fa", "ar"):
        return SATURDAY
    return MONDAY


def format_gregorian_months(first: datetime.date, last: datetime.date) -> str:
    """The Gregorian month(s) a span of days falls in ("Sep – Oct 2023"), for readers of another
    calendar who must match a Gregorian document."""
    start = _month_name(GREGORIAN, first.month)
    end = f"{_month_name(GREGORIAN, last.month)} {last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return with_digits(end)
    if first.year == last.year:
        return with_digits(f"{start} – {end}")
    return with_digits(f"{start} {first.year} – {end}")


def _input_order() -> str:
    """How people here write a date by hand: year first in Afghanistan and Iran (either calendar),
    day first with dots in Russian and Azerbaijani, day first with slashes in Arabic, ISO in English."""
    if effective_calendar() != GREGORIAN or _language() in ("fa-af", "ps", "fa"):
        return "y/m/d"
    return {"ru": "d.m.y", "az": "d.m.y", "ar": "d/m/y"}.get(_language(), "y-m-d")


def format_for_input(value: datetime.date | None) -> str:
    """A date as a date field shows it: ۱۴۰۲/۰۷/۱۵, 2023-10-07, 07.10.2023, ٠٧/١٠/٢٠٢٣ — in the
    reader's calendar and digits, and always a form calendars.parse reads back as the same day."""
    if not value:
        return ""
    calendar, year, month, day = _parts(value)
    if calendar != GREGORIAN and year not in SOLAR_HIJRI_YEARS:
        # The parser reads Solar Hijri years 1300–1499 only; outside them write it the ISO way.
        return with_digits(value.isoformat())
    order = _input_order()
    if order == "y/m/d":
        text = f"{year:04d}/{month:02d}/{day:02d}"
    elif order == "d.m.y":
        text = f"{day:02d}.{month:02d}.{year:04d}"
    elif order == "d/m/y":
        text = f"{day:02d}/{month:02d}/{year:04d}"
    else:
        text = f"{year:04d}-{month:02d}-{day:02d}"
    return with_digits(text)


def input_hint() -> str:
    """What a date field expects, in the order format_for_input writes (a placeholder)."""
    return {
        "y/m/d": _("yyyy/mm/dd"),
        "d.m.y": _("dd.mm.yyyy"),
        "d/m/y": _("dd/mm/yyyy"),
        "y-m-d": _("yyyy-mm-dd"),
    }[_input_order()]
