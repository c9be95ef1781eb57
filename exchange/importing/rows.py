"""One row of the standard layout, read and checked on its own: names, dates through the one
date parser, code lists and places through the lookups. What needs the database (who already
exists, who holds a document) is checked later, a batch at a time.

A checked row is a ``PersonRow``: a plain tuple with named fields. Big files are checked in a
second process and every row crosses to the writing one; a tuple is what pickle builds fastest
(a dataclass instance costs three times as much to rebuild, and the writer is the busier side).
"""

import datetime
import os
import uuid
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.parse import DateParseError, parse_date, parse_partial_date
from exchange.escaping import unescape_cell
from exchange.importing.lookups import Lookups, UnknownValueError
from exchange.layout import NAME_ANY_OF, PHONE_SEPARATOR
from names.normalise import digits_key, document_number_key, name_key
from names.variants import sound_keys as name_sound_keys
from people.models import DatePrecision, Sex
from people.phones import phone_to_e164

NAME_MAX_LENGTH = 100
KEY_MAX_LENGTH = 200
OUTER_SPACE = (" ", "\t", "\n", "\r", "\u00a0")
# Windows-1256 exports carry Arabic ي and ك where Dari and Persian write ی and ک.
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_ARRIVAL_COLUMNS = ("arrival_date", "border_crossing", "returned_from", "return_type", "province", "district")
_CACHED_ARRIVALS = 100_000


@dataclass(frozen=True)
class RowError:
    row: str
    column: str
    value: str
    reason: str


class ArrivalKey(tuple):
    """(arrived_on, border_crossing_id, returned_from_id, return_type_id, destination_province_id,
    destination_district_id): rows of one household with equal keys share one return event.
    ``arrived_on`` is ISO text (``2024-10-16``), as the database is given it, and as pickle passes
    it far faster than a date."""

    __slots__ = ()

    def __reduce__(self):
        return (ArrivalKey, (tuple(self),))

    arrived_on = property(itemgetter(0))
    border_crossing_id = property(itemgetter(1))
    returned_from_id = property(itemgetter(2))
    return_type_id = property(itemgetter(3))
    destination_province_id = property(itemgetter(4))
    destination_district_id = property(itemgetter(5))


class PersonRow(tuple):
    """A checked row; build it with ``person_row``."""

    __slots__ = ()
    row = property(itemgetter(0), doc="the row's label in messages")
    record_id = property(itemgetter(1))
    spelling = property(itemgetter(2), doc="the name parts in NAME_ANY_OF order")
    sex = property(itemgetter(3))
    birth_on = property(itemgetter(4), doc="ISO text (1990-06-01 for June 1990), or None")
    birth_precision = property(itemgetter(5))
    phones = property(itemgetter(6), doc="(as written, E.164) pairs")
    document = property(itemgetter(7), doc="(type id, as written, normalised) or None")
    household_key = property(itemgetter(8))
    relationship_id = property(itemgetter(9))
    arrival = property(itemgetter(10), doc="an ArrivalKey or None")
    present = property(itemgetter(11), doc="the columns the file has: absent ones are left alone on update")
    search_text = property(itemgetter(12), doc="the search keys, made where the row is checked")
    uid = property(itemgetter(13), doc="32 hex digits: the record_id if it is a UUID, else a new random one")
    keyed_by_uuid = property(itemgetter(14), doc="whether the record_id is a UUID, not the source's key")

    @property
    def names(self) -> dict[str, str]:
        return dict(zip(NAME_ANY_OF, self.spelling, strict=True))


def person_row(
    *,
    row: str,
    record_id: str,
    names: dict[str, str] | None = None,
    spelling: tuple[str, ...] | None = None,
    sex: str = Sex.UNKNOWN,
    birth_on: str | None = None,
    birth_precision: str = "",
    phones: tuple[tuple[str, str], ...] = (),
    document: tuple[int, str, str] | None = None,
    household_key: str = "",
    relationship_id: int | None = None,
    arrival: ArrivalKey | None = None,
    present: frozenset[str] = frozenset(),
    search_text: str | None = None,
    uid: str = "",
) -> PersonRow:
    """A PersonRow, its names given by column (``names``) or in NAME_ANY_OF order (``spelling``);
    the search keys are made here unless given."""
    if spelling is None:
        spelling = tuple((names or {}).get(column, "") for column in NAME_ANY_OF)
    record_uuid = as_uuid(record_id)
    if search_text is None:
        search_text = row_search_text(spelling, phones, document)
    return PersonRow(
        (
            row,
            record_id,
            spelling,
            sex,
            birth_on,
            birth_precision,
            tuple(phones),
            document,
            household_key,
            relationship_id,
            arrival,
            present,
            search_text,
            record_uuid.hex if record_uuid else (uid or new_uid()),
            record_uuid is not None,
        )
    )


def as_uuid(text: str) -> uuid.UUID | None:
    if len(text) not in (32, 36):
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


class _RandomBytes:
    """The operating system's random bytes, read 64 KiB at a time (a million rows would otherwise
    make a million calls). A forked process starts afresh, never reusing its parent's."""

    def __init__(self):
        self.buffer = b""
        self.position = 0
        os.register_at_fork(after_in_child=self.clear)

    def clear(self) -> None:
        self.buffer, self.position = b"", 0

    def take(self, count: int) -> bytes:
        if self.position + count > len(self.buffer):
            self.buffer, self.position = os.urandom(65_536), 0
        self.position += count
        return self.buffer[self.position - count : self.position]


_random = _RandomBytes()


def new_uid() -> str:
    """A random (version 4) UUID as 32 hex digits, as ``uuid.uuid4().hex`` gives it."""
    digits = _random.take(16).hex()
    # Version 4 in the 13th digit; the variant's two bits (10) at the top of the 17th.
    return f"{digits[:12]}4{digits[13:16]}{'89ab'[int(digits[16], 16) & 3]}{digits[17:]}"


@lru_cache(maxsize=200_000)
def _name_keys(part: str) -> tuple[str, ...]:
    # Names repeat a great deal (a million people share a few thousand names).
    return tuple(key for key in (name_key(part), *name_sound_keys(part)) if key)


def row_search_text(
    spelling: tuple[str, ...], phones: tuple[tuple[str, str], ...], document: tuple[int, str, str] | None
) -> str:
    """The same keys as ``people.search_index.search_text_for`` (a test holds them equal), with the
    keys of each name part kept once for the whole file."""
    keys: list[str] = []
    for part in spelling:
        if part:
            keys.extend(_name_keys(part))
    for number, e164 in phones:
        if local := digits_key(number):
            keys.append(local)
        if e164:
            digits = e164[1:]  # E.164 is + and ASCII digits: those digits are its digits_key
            keys.append(
                digits if e164[0] == "+" and digits.isascii() and digits.isdigit() else digits_key(e164)
            )
    if document and document[2]:
        keys.append(document[2].lower())  # document_number_key(the number as written)
    return " | ".join(dict.fromkeys(keys))


def cell_text(value, *, escaped: bool) -> str:
    """A cell as text without outer spaces; CSV cells lose the export's formula escape."""
    if not isinstance(value, str):
        return value
    if value[:1] in OUTER_SPACE or value[-1:] in OUTER_SPACE:
        value = value.strip()
    return unescape_cell(value) if escaped else value


@lru_cache(maxsize=50_000)
def _date(text: str) -> datetime.date | str:
    """A date, or the parser's message (cached: a million rows share a few thousand dates)."""
    try:
        return parse_date(text).date
    except DateParseError as error:
        return str(error)


@lru_cache(maxsize=50_000)
def _partial_date(text: str) -> tuple[str, str] | str:
    """(ISO text, precision), or the parser's message."""
    try:
        day, precision = parse_partial_date(text)
    except DateParseError as error:
        return str(error)
    return day.isoformat(), precision


@lru_cache(maxsize=100_000)
def _phone(number: str, regions: tuple[str, ...]) -> str | None:
    return phone_to_e164(number, regions)


class RowReader:
    """Reads rows whose cells are already arranged by standard column name."""

    def __init__(self, lookups: Lookups, *, persian_letters: bool = False):
        self.lookups = lookups
        self.persian_letters = persian_letters
        self.today = timezone.localdate()
        self.today_iso = self.today.isoformat()
        self.home = settings.HOMEWARD_HOME_COUNTRY
        # The members of a household repeat its arrival's six cells: read them once.
        self._arrivals: dict[tuple, tuple[ArrivalKey | None, tuple[tuple[str, str], ...]]] = {}

    def read(
        self, label: str, cells: dict[str, object], present: frozenset[str] | None = None
    ) -> tuple[PersonRow | None, list[RowError]]:
        """The row, or None and everything wrong with it. ``present``: the file's columns (by
        default ``cells``' names; the caller passes one set for every row of a file)."""
        errors: list[RowError] = []

        def fail(column: str, reason: str) -> None:
            errors.append(RowError(label, column, str(cells.get(column, "") or ""), reason))

        record_id = str(cells.get("record_id") or "")
        if not record_id:
            fail("record_id", _("Every row needs a record_id, the record's key in your system."))
        elif len(record_id) > KEY_MAX_LENGTH:
            fail("record_id", _("A record_id has at most %(limit)d characters.") % {"limit": KEY_MAX_LENGTH})
        spelling = self._names(cells, fail)
        sex = self._resolve(self.lookups.sex, "sex", cells, fail) or Sex.UNKNOWN
        household_key, relationship_id = self._household(cells, fail)
        arrival = self._arrival(cells, fail)
        birth_on, birth_precision = self._birth(cells, arrival, fail)
        phones = self._phones(cells, arrival, fail)
        document = self._document(cells, fail)
        if errors:
            return None, errors
        person = person_row(
            row=label,
            record_id=record_id,
            spelling=spelling,
            sex=sex,
            birth_on=birth_on,
            birth_precision=birth_precision,
            phones=phones,
            document=document,
            household_key=household_key,
            relationship_id=relationship_id,
            arrival=arrival,
            present=frozenset(cells) if present is None else present,
        )
        return person, errors

    def _names(self, cells, fail) -> tuple[str, ...]:
        """The name parts in NAME_ANY_OF order."""
        spelling = tuple([str(cells.get(column) or "") for column in NAME_ANY_OF])
        if self.persian_letters:
            spelling = tuple(
                value if column.endswith("_latin") else value.translate(_PERSIAN_LETTERS)
                for column, value in zip(NAME_ANY_OF, spelling, strict=True)
            )
        if max(map(len, spelling)) > NAME_MAX_LENGTH:
            for column, value in zip(NAME_ANY_OF, spelling, strict=True):
                if len(value) > NAME_MAX_LENGTH:
                    message = _("A name part has at most %(limit)d characters.") % {"limit": NAME_MAX_LENGTH}
                    fail(column, message)
        if not any(spelling):
            fail(
                "given_name",
                _("Every row needs at least one name, in any script (given_name, family_name, …)."),
            )
        return spelling

    def _resolve(self, lookup, column, cells, fail):
        text = str(cells.get(column) or "")
        if not text:
            return None
        try:
            return lookup.resolve(text)
        except UnknownValueError as error:
            fail(column, str(error))
            return None

    def _household(self, cells, fail) -> tuple[str, int | None]:
        household_key = str(cells.get("household_id") or "")
        if len(household_key) > KEY_MAX_LENGTH:
            fail(
                "household_id",
                _("A household_id has at most %(limit)d characters.") % {"limit": KEY_MAX_LENGTH},
            )
        relationship_id = self._resolve(self.lookups.relationship, "relationship", cells, fail)
        if household_key and relationship_id is None and not cells.get("relationship"):
            fail(
                "relationship",
                _("A member of a household needs a relationship to its head (head, spouse, son, …)."),
            )
        return household_key, relationship_id

    def _a_date(self, column, cells, fail) -> datetime.date | None:
        value = cells.get(column)
        if not value:
            return None
        if isinstance(value, datetime.date):
            return value if not isinstance(value, datetime.datetime) else value.date()
        parsed = _date(str(value))
        if isinstance(parsed, str):
            fail(column, parsed)
            return None
        if parsed > self.today:
            fail(column, _("%(value)s is in the future.") % {"value": parsed.isoformat()})
            return None
        return parsed

    def _arrival(self, cells, fail) -> ArrivalKey | None:
        key = tuple(map(cells.get, _ARRIVAL_COLUMNS))
        known = self._arrivals.get(key)
        if known is None:
            problems: list[tuple[str, str]] = []
            arrival = self._arrival_read(cells, lambda column, reason: problems.append((column, reason)))
            if len(self._arrivals) >= _CACHED_ARRIVALS:
                self._arrivals.clear()
            known = self._arrivals[key] = (arrival, tuple(problems))
        arrival, problems = known
        for column, reason in problems:
            fail(column, reason)
        return arrival

    def _arrival_read(self, cells, fail) -> ArrivalKey | None:
        arrived_on = self._a_date("arrival_date", cells, fail)
        lookups = self.lookups
        crossing = self._resolve(lookups.border_crossing, "border_crossing", cells, fail)
        country = self._resolve(lookups.country, "returned_from", cells, fail)
        return_type = self._resolve(lookups.return_type, "return_type", cells, fail)
        province = self._resolve(lookups.province, "province", cells, fail)
        district = self._district(cells, province, fail)
        if district is not None:
            parent = lookups.district_parent[district]
            if province is not None and parent != province:
                fail("district", _("This district is not in the province given."))
            province = parent
        described = any(value is not None for value in (crossing, country, return_type, province))
        if arrived_on is None:
            if described and not cells.get("arrival_date"):
                fail("arrival_date", _("A return needs its arrival date."))
            return None
        for column, value in (
            ("border_crossing", crossing),
            ("returned_from", country),
            ("return_type", return_type),
        ):
            if value is None and not cells.get(column):
                fail(column, _("A return needs its %(column)s.") % {"column": column})
        if None in (crossing, country, return_type):
            return None
        return ArrivalKey((arrived_on.isoformat(), crossing, country, return_type, province, district))

    def _district(self, cells, province, fail):
        text = str(cells.get("district") or "")
        if not text:
            return None
        found = self.lookups.district.candidates(text)
        if province is not None and len(found) > 1:
            # The same district name in two provinces: the province says which.
            found = {pk for pk in found if self.lookups.district_parent[pk] == province}
        if len(found) == 1:
            return next(iter(found))
        return self._resolve(self.lookups.district, "district", cells, fail)

    def _birth(self, cells, arrival, fail) -> tuple[str | None, str]:
        value = cells.get("birth_date")
        if not value:
            return None, ""
        if isinstance(value, datetime.date):
            day = value.date() if isinstance(value, datetime.datetime) else value
            parsed = (day.isoformat(), DatePrecision.DAY)
        else:
            parsed = _partial_date(str(value))
        if isinstance(parsed, str):
            fail("birth_date", parsed)
            return None, ""
        birth_on, precision = parsed
        # ISO dates of four-digit years compare as text as they do as dates.
        if birth_on > (arrival.arrived_on if arrival else self.today_iso):
            fail("birth_date", _("The date of birth is after the arrival date or today."))
        return birth_on, precision

    def _phones(self, cells, arrival, fail) -> tuple[tuple[str, str], ...]:
        text = str(cells.get("phone") or "")
        if not text:
            return ()
        regions = (self.home,)
        if arrival and arrival.returned_from_id != self.home:
            regions = (self.home, arrival.returned_from_id)
        phones = []
        for number in filter(None, (part.strip() for part in text.split(PHONE_SEPARATOR))):
            e164 = _phone(number, regions)
            if e164 is None:
                fail(
                    "phone",
                    _(
                        "Phone number %(value)s is not valid: "
                        "write it with the country code, e.g. +93 70 123 4567."
                    )
                    % {"value": number},
                )
            else:
                phones.append((number, e164))
        return tuple(phones)

    def _document(self, cells, fail) -> tuple[int, str, str] | None:
        number = str(cells.get("document_number") or "")
        document_type = self._resolve(self.lookups.document_type, "document_type", cells, fail)
        if not number:
            if document_type is not None:
                fail("document_number", _("A document type was given without its number."))
            return None
        if document_type is None:
            if not cells.get("document_type"):
                fail("document_type", _("A document number needs its document type."))
            return None
        normalised = document_number_key(number)
        if not normalised or len(number) > 60:
            fail("document_number", _("This is not a document number."))
            return None
        return (document_type, number, normalised)
