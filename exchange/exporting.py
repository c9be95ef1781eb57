"""Exports: the records an actor may see, as CSV, XLSX, JSON or HXL (docs/data-exchange.md).

Three kinds of row:

- ``people``: the standard layout (exchange/layout.py), one row per person with their latest
  return event;
- ``households``: one row per household — its id, its head's record_id, how many members it has
  now, how many returns it has made, and its latest return (``HOUSEHOLD_COLUMNS``);
- ``returns``: one row per return event — its household, where and when, and who came
  (``RETURN_COLUMNS``).

Every query starts from ``access.policy``: rows are read in chunks of people (or households, or
return events) in id order from the actor's visible queryset, and each chunk's phones, documents,
memberships and returns come from a handful of set-based queries restricted to that chunk, so
memory stays bounded and no query runs per row. Every value is a string (empty when unknown).
"""

import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Func, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from access import policy
from audit import services as audit
from exchange.escaping import escape_cell, needs_escape
from exchange.layout import PHONE_SEPARATOR, STANDARD_COLUMNS, Column
from locations.models import AdminArea, BorderCrossing
from people.models import HouseholdMembership, IdentityDocument, Phone
from vocabularies.models import DocumentType, Relationship, ReturnType, TransportMeans

KINDS = ("people", "households", "returns")
FORMATS = ("csv", "xlsx", "json", "hxl")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "hxl": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILE_SUFFIXES = {"csv": ".csv", "hxl": ".hxl.csv", "json": ".json", "xlsx": ".xlsx"}
CHUNK_SIZE = 5_000
# Excel's limit is 1,048,576 rows a sheet; a larger export continues on "people 2", "people 3"…
XLSX_ROWS_PER_SHEET = 1_048_575
# Excel and LibreOffice recognise UTF-8 (Dari, Pashto, Arabic, Cyrillic) by this byte-order mark.
BOM = "\ufeff"

_STANDARD = {column.name: column for column in STANDARD_COLUMNS}
_RETURN_FIELDS = ("arrival_date", "border_crossing", "returned_from", "return_type", "province", "district")

HOUSEHOLD_COLUMNS: tuple[Column, ...] = (
    _STANDARD["household_id"],
    Column("head_record_id", "#affected+id+head"),
    Column("member_count", "#affected+num"),
    Column("return_count", "#affected+return+num"),
    *(_STANDARD[name] for name in _RETURN_FIELDS),
)
RETURN_COLUMNS: tuple[Column, ...] = (
    _STANDARD["household_id"],
    *(_STANDARD[name] for name in _RETURN_FIELDS[:4]),
    Column("transport", "#affected+transport+type"),
    *(_STANDARD[name] for name in _RETURN_FIELDS[4:]),
    Column("returnee_count", "#affected+num"),
    Column("record_ids", "#affected+id+list"),
)
COLUMNS: dict[str, tuple[Column, ...]] = {
    "people": STANDARD_COLUMNS,
    "households": HOUSEHOLD_COLUMNS,
    "returns": RETURN_COLUMNS,
}
# Several record_ids in the returns layout's one cell are separated like phones.
RECORD_ID_SEPARATOR = PHONE_SEPARATOR

Row = tuple[str, ...]
Progress = Callable[[int], None]


class ExportError(ValueError):
    """An unknown kind or format."""


def check(kind: str, format: str) -> None:
    """Raise ExportError unless ``kind`` and ``format`` are ones Homeward exports."""
    if kind not in KINDS:
        raise ExportError(
            _("Cannot export %(value)s: choose one of %(choices)s.")
            % {"value": kind, "choices": ", ".join(KINDS)}
        )
    if format not in FORMATS:
        raise ExportError(
            _("No export format %(value)s: choose one of %(choices)s.")
            % {"value": format, "choices": ", ".join(FORMATS)}
        )


def export_count(kind: str, actor) -> int:
    """How many rows ``export_rows`` will give (one COUNT; for progress indicators)."""
    return _visible(kind, actor).count()


def _visible(kind: str, actor) -> QuerySet:
    if kind == "people":
        return policy.people_visible_to(actor)
    if kind == "households":
        return policy.households_visible_to(actor)
    return policy.return_events_visible_to(actor)


# ---------------------------------------------------------------- rows


class _UuidText(Func):
    """A UUID column as its usual text, 8-4-4-4-12 lower-case hex digits, made by the database:
    quicker than a uuid.UUID per value in Python. SQLite holds ``uuid.hex`` (32 digits)."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS text)"

    def as_sqlite(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        parts = ("1, 8", "9, 4", "13, 4", "17, 4", "21, 12")
        sql = " || '-' || ".join(f"substr({column}, {part})" for part in parts)
        return sql, params * len(parts)


class _IsoDate(Func):
    """A date column as ISO text (``1990-06-15``) whatever the server's DateStyle; on SQLite,
    where dates are stored so, this also skips the driver's conversion to a date and back."""

    output_field = CharField()
    template = "to_char(%(expressions)s, 'YYYY-MM-DD')"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS text)", **extra_context)


def _text(field: str) -> _UuidText:
    return _UuidText(field)


@dataclass(frozen=True)
class _Codes:
    """Reference data by id: the codes the layouts write. Small tables, read once per export."""

    border_crossing: dict[int, str]
    return_type: dict[int, str]
    relationship: dict[int, str]
    head_relationships: frozenset[int]
    document_type: dict[int, str]
    transport: dict[int, str]
    province: dict[int, str]
    district: dict[int, str]

    @classmethod
    def load(cls) -> "_Codes":
        areas = list(AdminArea.objects.values_list("id", "iso_code", "pcode"))
        return cls(
            border_crossing=dict(BorderCrossing.objects.values_list("id", "code")),
            return_type=dict(ReturnType.objects.values_list("id", "code")),
            relationship=dict(Relationship.objects.values_list("id", "code")),
            head_relationships=frozenset(
                Relationship.objects.filter(is_head=True).values_list("id", flat=True)
            ),
            document_type=dict(DocumentType.objects.values_list("id", "code")),
            transport=dict(TransportMeans.objects.values_list("id", "code")),
            # A province is written as its ISO 3166-2 code, a district as its P-code; an area an
            # administrator added without one falls back to the other code.
            province={pk: iso or pcode or "" for pk, iso, pcode in areas},
            district={pk: pcode or iso or "" for pk, iso, pcode in areas},
        )

    def return_fields(self, crossing_id, country_id, type_id, province_id, district_id) -> tuple[str, ...]:
        return (
            self.border_crossing.get(crossing_id, ""),
            country_id or "",
            self.return_type.get(type_id, ""),
            self.province.get(province_id, "") if province_id else "",
            self.district.get(district_id, "") if district_id else "",
        )


_FIRST = "'=+-@\t\r"  # the first characters escaping may concern (exchange/escaping.py)
_NO_RETURN = ("",) * len(_RETURN_FIELDS)
_EVENT_FIELDS = (
    "id",
    _IsoDate("arrived_on"),
    "border_crossing_id",
    "returned_from_id",
    "return_type_id",
    "destination_province_id",
    "destination_district_id",
)


def _chunks(queryset: QuerySet, fields: Iterable, size: int) -> Iterator[tuple[list[tuple], QuerySet]]:
    """``queryset``'s rows in id order, ``size`` at a time (keyset pagination on the primary key),
    each with the queryset of exactly those records for the chunk's own related queries."""
    fields = ("pk", *fields)
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        rows = _fetch(page.order_by("pk").values_list(*fields)[:size])
        if not rows:
            return
        yield rows, queryset.filter(pk__gte=rows[0][0], pk__lte=rows[-1][0])
        if len(rows) < size:
            return
        last = rows[-1][0]


def _fetch(queryset: QuerySet) -> list[tuple]:
    """The rows of ``queryset`` (built from the access policy like every other) as the database
    driver returns them: a million rows skip Django's per-value converters. UUIDs and dates are
    read as text (``_UuidText``, ``_IsoDate``)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # the policy gave this user nothing (``.none()``)
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _birth_date(born_on: str | None, precision: str) -> str:
    if born_on is None:
        return ""
    if precision == "month":
        return born_on[:7]
    if precision in ("year", "estimated"):
        return born_on[:4]
    return born_on


def _latest_events(rows: Iterable[tuple], codes: _Codes) -> dict[int, tuple[str, ...]]:
    """``rows`` are (owner id, *_EVENT_FIELDS); the latest event (by arrival date, then id) of
    each owner, as the layouts' six return fields."""
    latest: dict[int, tuple] = {}
    for owner_id, event_id, arrived_on, *rest in rows:
        current = latest.get(owner_id)
        if current is None or (arrived_on, event_id) > (current[1], current[0]):
            latest[owner_id] = (event_id, arrived_on, *rest)
    return {
        owner_id: (arrived_on, *codes.return_fields(*rest))
        for owner_id, (_event_id, arrived_on, *rest) in latest.items()
    }


_PERSON_FIELDS = (
    _text("uid"),
    "given_name",
    "given_name_latin",
    "father_name",
    "father_name_latin",
    "grandfather_name",
    "grandfather_name_latin",
    "family_name",
    "family_name_latin",
    "sex",
    _IsoDate("birth_on"),
    "birth_precision",
    "household_id",
    _text("household__uid"),
)


def _people_rows(actor, codes: _Codes, chunk_size: int) -> Iterator[list[Row]]:
    visible = policy.people_visible_to(actor)
    for people, chunk in _chunks(visible, _PERSON_FIELDS, chunk_size):
        first, last = people[0][0], people[-1][0]
        in_chunk = {"person__in": chunk.values("pk"), "person_id__gte": first, "person_id__lte": last}

        phones: dict[int, list[str]] = {}
        for person_id, e164, number in _fetch(
            Phone.objects.filter(**in_chunk).order_by("pk").values_list("person_id", "e164", "number")
        ):
            phones.setdefault(person_id, []).append(e164 or number)

        documents: dict[int, tuple[str, str]] = {}
        for person_id, type_id, number in _fetch(
            IdentityDocument.objects.filter(**in_chunk)
            .order_by("pk")
            .values_list("person_id", "document_type_id", "number")
        ):
            if person_id not in documents:
                documents[person_id] = (codes.document_type.get(type_id, ""), number)

        # The current membership: there is one, but if there were two, the one in the person's
        # current household would count (``others`` keeps the rest, usually nothing).
        relationships: dict[int, tuple[int, int]] = {}
        others: dict[int, list[tuple[int, int]]] = {}
        for person_id, household_id, relationship_id in _fetch(
            HouseholdMembership.objects.filter(**in_chunk, left_on__isnull=True)
            .order_by("pk")
            .values_list("person_id", "household_id", "relationship_id")
        ):
            if person_id in relationships:
                others.setdefault(person_id, []).append(relationships[person_id])
            relationships[person_id] = (household_id, relationship_id)

        returns = _latest_events(
            _fetch(
                policy.return_events_visible_to(actor)
                .filter(returnees__in=chunk.values("pk"), returnees__gte=first, returnees__lte=last)
                .values_list("returnees", *_EVENT_FIELDS)
            ),
            codes,
        )

        rows: list[Row] = []
        no_document = ("", "")
        for (
            person_id,
            uid,
            given,
            given_latin,
            father,
            father_latin,
            grandfather,
            grandfather_latin,
            family,
            family_latin,
            sex,
            born_on,
            precision,
            household_id,
            household_uid,
        ) in people:
            relationship = ""
            if membership := relationships.get(person_id):
                if others and person_id in others and membership[0] != household_id:
                    membership = next((m for m in others[person_id] if m[0] == household_id), membership)
                relationship = codes.relationship.get(membership[1], "")
            document = documents.get(person_id, no_document)
            rows.append(
                (
                    uid,
                    given,
                    given_latin,
                    father,
                    father_latin,
                    grandfather,
                    grandfather_latin,
                    family,
                    family_latin,
                    sex if sex in ("M", "F") else "",
                    _birth_date(born_on, precision),
                    PHONE_SEPARATOR.join(phones.get(person_id, ())),
                    document[0],
                    document[1],
                    (household_uid or ""),
                    relationship,
                    *returns.get(person_id, _NO_RETURN),
                )
            )
        yield rows


def _household_rows(actor, codes: _Codes, chunk_size: int) -> Iterator[list[Row]]:
    visible = policy.households_visible_to(actor)
    for households, chunk in _chunks(visible, (_text("uid"),), chunk_size):
        first, last = households[0][0], households[-1][0]
        in_chunk = {
            "household__in": chunk.values("pk"),
            "household_id__gte": first,
            "household_id__lte": last,
        }

        members: dict[int, int] = {}
        heads: dict[int, str] = {}
        for household_id, relationship_id, person_uid in _fetch(
            HouseholdMembership.objects.filter(**in_chunk, left_on__isnull=True)
            .order_by("pk")
            .values_list("household_id", "relationship_id", _text("person__uid"))
        ):
            members[household_id] = members.get(household_id, 0) + 1
            if relationship_id in codes.head_relationships and household_id not in heads:
                heads[household_id] = person_uid

        events = _fetch(
            policy.return_events_visible_to(actor)
            .filter(**in_chunk)
            .values_list("household_id", *_EVENT_FIELDS)
        )
        return_counts: dict[int, int] = {}
        for household_id, *_rest in events:
            return_counts[household_id] = return_counts.get(household_id, 0) + 1
        latest = _latest_events(events, codes)

        yield [
            (
                uid,
                heads.get(household_id, ""),
                str(members.get(household_id, 0)),
                str(return_counts.get(household_id, 0)),
                *latest.get(household_id, _NO_RETURN),
            )
            for household_id, uid in households
        ]


_RETURN_EVENT_FIELDS = (
    _text("household__uid"),
    _IsoDate("arrived_on"),
    "border_crossing_id",
    "returned_from_id",
    "return_type_id",
    "transport_id",
    "destination_province_id",
    "destination_district_id",
)


def _return_rows(actor, codes: _Codes, chunk_size: int) -> Iterator[list[Row]]:
    visible = policy.return_events_visible_to(actor)
    for events, chunk in _chunks(visible, _RETURN_EVENT_FIELDS, chunk_size):
        returnees: dict[int, list[str]] = {}
        for event_id, person_uid in _fetch(
            policy.people_visible_to(actor)
            .filter(return_events__in=chunk.values("pk"))
            .order_by("pk")
            .values_list("return_events", _text("uid"))
        ):
            returnees.setdefault(event_id, []).append(person_uid)

        rows: list[Row] = []
        for (
            event_id,
            household_uid,
            arrived_on,
            crossing,
            country,
            type_id,
            transport,
            province,
            district,
        ) in events:
            crossing_code, country_code, type_code, province_code, district_code = codes.return_fields(
                crossing, country, type_id, province, district
            )
            people = returnees.get(event_id, ())
            rows.append(
                (
                    (household_uid or ""),
                    arrived_on,
                    crossing_code,
                    country_code,
                    type_code,
                    codes.transport.get(transport, "") if transport else "",
                    province_code,
                    district_code,
                    str(len(people)),
                    RECORD_ID_SEPARATOR.join(people),
                )
            )
        yield rows


_ROWS = {"people": _people_rows, "households": _household_rows, "returns": _return_rows}


def export_row_chunks(kind: str, actor, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list[Row]]:
    """The rows of ``kind`` that ``actor`` may see, in id order, a chunk (list of rows) at a time.
    Values are strings, in the order of ``COLUMNS[kind]``; nothing is escaped yet."""
    check(kind, "csv")
    return _ROWS[kind](actor, _Codes.load(), chunk_size)


def export_rows(kind: str, actor, *, chunk_size: int = CHUNK_SIZE) -> Iterator[Row]:
    """The rows of ``kind`` that ``actor`` may see, one at a time (see ``export_row_chunks``)."""
    for rows in export_row_chunks(kind, actor, chunk_size=chunk_size):
        yield from rows


# ---------------------------------------------------------------- formats


class _Buffer(io.StringIO):
    def take(self) -> bytes:
        data = self.getvalue().encode()
        self.seek(0)
        self.truncate()
        return data


def _csv_chunks(kind: str, chunks: Iterator[list[Row]], *, hxl: bool) -> Iterator[bytes]:
    buffer = _Buffer()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    columns = COLUMNS[kind]
    writer.writerow(column.name for column in columns)
    if hxl:
        writer.writerow(column.hxl for column in columns)
    yield buffer.take()
    for rows in chunks:
        writer.writerows(
            [[escape_cell(value) if value and value[0] in _FIRST else value for value in row] for row in rows]
        )
        yield buffer.take()


def _json_chunks(kind: str, chunks: Iterator[list[Row]]) -> Iterator[bytes]:
    names = [column.name for column in COLUMNS[kind]]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    separator = "[\n"
    for rows in chunks:
        if not rows:
            continue
        parts = []
        for row in rows:
            parts.append(separator)
            parts.append(encode(dict(zip(names, row, strict=True))))
            separator = ",\n"
        yield "".join(parts).encode()
    yield ("[\n]\n" if separator == "[\n" else "\n]\n").encode()


def _xlsx_write(kind: str, chunks: Iterator[list[Row]], destination) -> None:
    workbook = Workbook(write_only=True)
    header = [column.name for column in COLUMNS[kind]]
    sheets = 0
    sheet = None
    room = 0

    def text(value: str):
        # A typed text cell is never a formula; the quote-prefix flag keeps it text when edited.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    for rows in chunks:
        for row in rows:
            if room == 0:
                sheets += 1
                sheet = workbook.create_sheet(kind if sheets == 1 else f"{kind} {sheets}")
                sheet.append(header)
                room = XLSX_ROWS_PER_SHEET
            # None leaves a cell out of the file altogether (an empty string writes an empty one).
            sheet.append(
                [(text(value) if needs_escape(value) else value) if value else None for value in row]
            )
            room -= 1
    if sheet is None:
        workbook.create_sheet(kind).append(header)
    workbook.save(destination)


class _Counted:
    """Passes chunks of rows through, counting rows and reporting progress."""

    def __init__(self, chunks: Iterator[list[Row]], progress: Progress | None):
        self.chunks = chunks
        self.progress = progress
        self.rows = 0

    def __iter__(self) -> Iterator[list[Row]]:
        for rows in self.chunks:
            self.rows += len(rows)
            if self.progress is not None:
                self.progress(self.rows)
            yield rows


def _record(*, actor, kind: str, format: str, rows: int, complete: bool, via: str) -> None:
    audit.record(
        actor=actor,
        action="exported",
        target_type={
            "people": "people.person",
            "households": "people.household",
            "returns": "people.returnevent",
        }[kind],
        details={"kind": kind, "format": format, "rows": rows, "complete": complete, "via": via},
    )


def export_stream(*, actor, kind: str, format: str, via: str = "web") -> Iterator[bytes]:
    """The export as bytes, streamed chunk by chunk (csv, json and hxl; not xlsx, a zip file).

    Records an audit event when the stream ends or is closed early, with the rows written.
    Raises ExportError at once for an unknown kind or format.
    """
    check(kind, format)
    if format == "xlsx":
        raise ExportError("XLSX cannot be streamed: use export_to_file.")
    return _streamed(actor=actor, kind=kind, format=format, via=via)


def _streamed(*, actor, kind: str, format: str, via: str) -> Iterator[bytes]:
    counted = _Counted(export_row_chunks(kind, actor), None)
    complete = False
    try:
        if format == "json":
            yield from _json_chunks(kind, iter(counted))
        else:
            yield from _csv_chunks(kind, iter(counted), hxl=format == "hxl")
        complete = True
    finally:
        _record(actor=actor, kind=kind, format=format, rows=counted.rows, complete=complete, via=via)


def export_to_file(
    *,
    actor,
    kind: str,
    format: str,
    out: BinaryIO,
    via: str = "command line",
    progress: Progress | None = None,
) -> int:
    """Write the export to the binary file ``out``; returns the number of rows. Audited like
    ``export_stream``. XLSX is assembled in a temporary file first (a zip needs it)."""
    check(kind, format)
    counted = _Counted(export_row_chunks(kind, actor), progress)
    complete = False
    try:
        if format == "xlsx":
            with tempfile.TemporaryFile(suffix=".xlsx") as scratch:
                _xlsx_write(kind, iter(counted), scratch)
                scratch.seek(0)
                while block := scratch.read(1 << 20):
                    out.write(block)
        else:
            chunks = (
                _json_chunks(kind, iter(counted))
                if format == "json"
                else _csv_chunks(kind, iter(counted), hxl=format == "hxl")
            )
            for data in chunks:
                out.write(data)
        complete = True
    finally:
        _record(actor=actor, kind=kind, format=format, rows=counted.rows, complete=complete, via=via)
    return counted.rows


def column_names(kind: str) -> tuple[str, ...]:
    check(kind, "csv")
    return tuple(column.name for column in COLUMNS[kind])
