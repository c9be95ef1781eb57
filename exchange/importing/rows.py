"""One row of the standard layout, read and checked on its own: names, dates through the one
date parser, code lists and places through the lookups. What needs the database (who already
exists, who holds a document) is checked later, a batch at a time."""

import datetime
import uuid
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.parse import DateParseError, parse_date, parse_partial_date
from exchange.escaping import unescape_cell
from exchange.importing.lookups import Lookups, UnknownValueError
from exchange.layout import NAME_ANY_OF, PHONE_SEPARATOR
from names.normalise import document_number_key
from people.models import DatePrecision, Sex
from people.phones import phone_to_e164

NAME_MAX_LENGTH = 100
KEY_MAX_LENGTH = 200
_OUTER_SPACE = (" ", "\t", "\n", "\r", "\u00a0")
# Windows-1256 exports carry Arabic ي and ك where Dari and Persian write ی and ک.
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


@dataclass(frozen=True)
class RowError:
    row: str
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class ArrivalKey:
    arrived_on: datetime.date
    border_crossing_id: int
    returned_from_id: str
    return_type_id: int
    destination_province_id: int | None
    destination_district_id: int | None


@dataclass
class PersonRow:
    row: str
    record_id: str
    names: dict[str, str]
    sex: str = Sex.UNKNOWN
    birth_on: datetime.date | None = None
    birth_precision: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)  # (as written, E.164)
    document: tuple[int, str, str] | None = None  # (type id, as written, normalised)
    household_key: str = ""
    relationship_id: int | None = None
    arrival: ArrivalKey | None = None
    present: frozenset[str] = frozenset()  # the columns the file has: absent ones are left alone on update
    search_text: str = ""  # the search keys, made where the row is checked

    @cached_property
    def record_uuid(self) -> uuid.UUID | None:
        return as_uuid(self.record_id)


def as_uuid(text: str) -> uuid.UUID | None:
    if len(text) not in (32, 36):
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def cell_text(value, *, escaped: bool) -> str:
    """A cell as text without outer spaces; CSV cells lose the export's formula escape."""
    if not isinstance(value, str):
        return value
    if value[:1] in _OUTER_SPACE or value[-1:] in _OUTER_SPACE:
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
def _partial_date(text: str) -> tuple[datetime.date, str] | str:
    try:
        return parse_partial_date(text)
    except DateParseError as error:
        return str(error)


@lru_cache(maxsize=100_000)
def _phone(number: str, regions: tuple[str, ...]) -> str | None:
    return phone_to_e164(number, regions)


class RowReader:
    """Reads rows whose cells are already arranged by standard column name."""

    def __init__(self, lookups: Lookups, *, persian_letters: bool = False):
        self.lookups = lookups
        self.persian_letters = persian_letters
        self.today = timezone.localdate()
        self.home = settings.HOMEWARD_HOME_COUNTRY

    def read(self, label: str, cells: dict[str, object]) -> tuple[PersonRow | None, list[RowError]]:
        errors: list[RowError] = []

        def fail(column: str, reason: str) -> None:
            errors.append(RowError(label, column, str(cells.get(column, "") or ""), reason))

        record_id = str(cells.get("record_id") or "")
        if not record_id:
            fail("record_id", _("Every row needs a record_id, the record's key in your system."))
        elif len(record_id) > KEY_MAX_LENGTH:
            fail("record_id", _("A record_id has at most %(limit)d characters.") % {"limit": KEY_MAX_LENGTH})
        names = self._names(cells, fail)
        person = PersonRow(row=label, record_id=record_id, names=names, present=frozenset(cells))
        self._sex(person, cells, fail)
        self._household(person, cells, fail)
        self._arrival(person, cells, fail)
        self._birth(person, cells, fail)
        self._phones(person, cells, fail)
        self._document(person, cells, fail)
        return (None if errors else person), errors

    def _names(self, cells, fail) -> dict[str, str]:
        names = {}
        for column in NAME_ANY_OF:
            value = str(cells.get(column) or "")
            if self.persian_letters and not column.endswith("_latin"):
                value = value.translate(_PERSIAN_LETTERS)
            if len(value) > NAME_MAX_LENGTH:
                fail(column, _("A name part has at most %(limit)d characters.") % {"limit": NAME_MAX_LENGTH})
            names[column] = value
        if not any(names.values()):
            fail(
                "given_name",
                _("Every row needs at least one name, in any script (given_name, family_name, …)."),
            )
        return names

    def _resolve(self, lookup, column, cells, fail):
        text = str(cells.get(column) or "")
        if not text:
            return None
        try:
            return lookup.resolve(text)
        except UnknownValueError as error:
            fail(column, str(error))
            return None

    def _sex(self, person: PersonRow, cells, fail) -> None:
        person.sex = self._resolve(self.lookups.sex, "sex", cells, fail) or Sex.UNKNOWN

    def _household(self, person: PersonRow, cells, fail) -> None:
        person.household_key = str(cells.get("household_id") or "")
        if len(person.household_key) > KEY_MAX_LENGTH:
            fail(
                "household_id",
                _("A household_id has at most %(limit)d characters.") % {"limit": KEY_MAX_LENGTH},
            )
        person.relationship_id = self._resolve(self.lookups.relationship, "relationship", cells, fail)
        if person.household_key and person.relationship_id is None and not cells.get("relationship"):
            fail(
                "relationship",
                _("A member of a household needs a relationship to its head (head, spouse, son, …)."),
            )

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

    def _arrival(self, person: PersonRow, cells, fail) -> None:
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
            return
        for column, value in (
            ("border_crossing", crossing),
            ("returned_from", country),
            ("return_type", return_type),
        ):
            if value is None and not cells.get(column):
                fail(column, _("A return needs its %(column)s.") % {"column": column})
        if None not in (crossing, country, return_type):
            person.arrival = ArrivalKey(arrived_on, crossing, country, return_type, province, district)

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

    def _birth(self, person: PersonRow, cells, fail) -> None:
        value = cells.get("birth_date")
        if not value:
            return
        parsed = (value, DatePrecision.DAY) if isinstance(value, datetime.date) else _partial_date(str(value))
        if isinstance(parsed, str):
            fail("birth_date", parsed)
            return
        person.birth_on, person.birth_precision = parsed
        latest = person.arrival.arrived_on if person.arrival else self.today
        if person.birth_on > latest:
            fail("birth_date", _("The date of birth is after the arrival date or today."))

    def _phones(self, person: PersonRow, cells, fail) -> None:
        text = str(cells.get("phone") or "")
        regions = (self.home,)
        if person.arrival and person.arrival.returned_from_id != self.home:
            regions = (self.home, person.arrival.returned_from_id)
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
                person.phones.append((number, e164))

    def _document(self, person: PersonRow, cells, fail) -> None:
        number = str(cells.get("document_number") or "")
        document_type = self._resolve(self.lookups.document_type, "document_type", cells, fail)
        if not number:
            if document_type is not None:
                fail("document_number", _("A document type was given without its number."))
            return
        if document_type is None:
            if not cells.get("document_type"):
                fail("document_type", _("A document number needs its document type."))
            return
        normalised = document_number_key(number)
        if not normalised or len(number) > 60:
            fail("document_number", _("This is not a document number."))
            return
        person.document = (document_type, number, normalised)
