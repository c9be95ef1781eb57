"""Importing checked rows, a batch at a time: who already exists (by global UUID or by the
source's own key), who holds which document, which household and return event each row joins.

New people go in through the bulk path (executemany / COPY, ids drawn ahead): that is what makes
a million rows fit in two minutes. The look-ups go to the database through the driver, not the
ORM, which would spend longer building a query with 5,000 values than the database answering it.
People who already exist are compared with the row and written through the ORM only when
something changed, so importing a file again is quick and changes nothing. Without ``commit``
the same checks run and nothing is written.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy
from audit import services as audit
from audit.models import AuditEvent
from core import bulk
from exchange.importing import writing
from exchange.importing.rows import ArrivalKey, PersonRow, RowError, as_uuid, new_uid
from exchange.models import SourceKey
from names.normalise import document_number_key
from people.models import (
    HouseholdMembership,
    IdentityDocument,
    Person,
    Phone,
    ReturnEvent,
    ReturnEventPerson,
)
from people.tables import COLUMNS

AUDIT_ACTION = "person.imported"
# The audit trail's table and columns: one event per imported or updated person, written with
# the batch's other rows (BatchImporter._audit_rows).
AUDIT_TABLE: str | None = AuditEvent._meta.db_table
AUDIT_COLUMNS: tuple[str, ...] = audit.EVENT_COLUMNS


def _without_id(columns: tuple[str, ...]) -> tuple[str, ...]:
    """The table's columns but its id, which the database gives (nothing refers to these rows)."""
    return columns[1:] if columns[0] == "id" else columns


# In the order they are written: a row's foreign keys point to rows written before it.
TABLES = {
    "people_household": COLUMNS["people_household"],
    "people_person": COLUMNS["people_person"],
    "people_returnevent": COLUMNS["people_returnevent"],
    "people_householdmembership": _without_id(COLUMNS["people_householdmembership"]),
    "people_phone": _without_id(COLUMNS["people_phone"]),
    "people_identitydocument": _without_id(COLUMNS["people_identitydocument"]),
    "people_returneventperson": ("return_event_id", "person_id"),
    "exchange_sourcekey": ("source", "kind", "key", "person_id", "household_id"),
}


def _hex(uid) -> str:
    """A UUID as stored: SQLite gives 32 hex digits, PostgreSQL a UUID."""
    return uid.hex if isinstance(uid, uuid.UUID) else str(uid).replace("-", "")


@dataclass
class Counts:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class _Existing:
    """What the database already holds about the people of one batch."""

    people: dict[int, Person] = field(default_factory=dict)
    phones: dict[int, set[str]] = field(default_factory=dict)
    documents: dict[int, set[tuple[int, str]]] = field(default_factory=dict)
    membership: dict[int, HouseholdMembership] = field(default_factory=dict)
    event_links: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class _Batch:
    """One batch between its look-ups and its writing."""

    out: dict[str, list]  # table → rows
    by_key: dict[str, int]  # record_id → the id of who already has it
    new: list[PersonRow] = field(default_factory=list)
    existing: list[PersonRow] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)  # of the new people


class _Placeholders:
    """Ids for a check that writes nothing: any distinct numbers do."""

    def __init__(self):
        self.used = 0

    def ensure(self, table: str, count: int) -> None:
        pass

    def take(self, table: str, count: int) -> list[int]:
        self.used += count
        return list(range(-self.used, -self.used + count))


class BatchImporter:
    """Imports batches of checked rows for one file; keeps what spans batches (households and
    return events already met, keys and documents already seen in this file).

    ``name`` says which import it was in the audit trail (the job's or the file's name).
    """

    def __init__(
        self,
        *,
        actor,
        organisation,
        source: str,
        commit: bool,
        reject: Callable[[RowError], None],
        name: str = "",
    ):
        self.actor = actor
        self.organisation = organisation
        self.office_id = getattr(actor, "office_id", None)
        self.user_id = getattr(actor, "pk", None)
        self.source = source
        self.name = name or source
        self.commit = commit
        self.reject = reject
        self.counts = Counts()
        self.seen_records: dict[str, str] = {}
        self.seen_documents: dict[tuple[int, str], str] = {}
        self.households: dict[str, int] = {}
        self.events: dict[tuple, int] = {}
        self.ids = bulk.NewIds() if commit else _Placeholders()
        stamp = timezone.now().replace(tzinfo=None).isoformat(sep=" ")
        self.tracked = (stamp, stamp, self.user_id, self.user_id)
        # A source never imported before has no keys to look up (the file's own repeats are
        # caught by seen_records): the first import of a file skips those look-ups.
        self._source_has_keys = SourceKey.objects.filter(source=source).exists()
        tables = {**TABLES, AUDIT_TABLE: AUDIT_COLUMNS} if AUDIT_TABLE else TABLES
        self.writer = writing.writer_for(tables)
        self._started = False
        self._pending: _Batch | None = None

    # --- checks against the file and the database ------------------------------------------------

    def _fail(self, row: PersonRow, column: str, value: str, reason: str) -> None:
        self.reject(RowError(row.row, column, value, reason))

    def _unique_in_file(self, rows: list[PersonRow]) -> list[PersonRow]:
        kept = []
        seen = self.seen_records
        for row in rows:
            first = seen.get(row.record_id)
            if first is not None:
                self._fail(
                    row,
                    "record_id",
                    row.record_id,
                    _("This record_id is already on row %(row)s of the file.") % {"row": first},
                )
                continue
            seen[row.record_id] = row.row
            kept.append(row)
        return kept

    def _source_keys(self, kind: str, keys: list[str]) -> dict[str, int]:
        if not (keys and self._source_has_keys):
            return {}
        column = "person_id" if kind == SourceKey.Kind.PERSON else "household_id"
        return dict(
            bulk.select_in(
                f"SELECT key, {column} FROM exchange_sourcekey WHERE source = %s AND kind = %s AND key",  # noqa: S608
                keys,
                [self.source, kind],
            )
        )

    def _person_keys(self, rows: list[PersonRow]) -> dict[str, int]:
        # Global on purpose: a UUID is unique across organisations, so one held by a record the
        # actor may not see must be refused, not created a second time.
        found = {
            _hex(uid): pk
            for uid, pk in bulk.select_in(
                "SELECT uid, id FROM people_person WHERE uid",
                [row.uid for row in rows if row.keyed_by_uuid],
                cast="uuid[]",
            )
        }
        by_key = {row.record_id: found[row.uid] for row in rows if row.keyed_by_uuid and row.uid in found}
        by_key.update(
            self._source_keys(SourceKey.Kind.PERSON, [row.record_id for row in rows if not row.keyed_by_uuid])
        )
        return by_key

    def _visible_only(self, rows: list[PersonRow], by_key: dict[str, int]) -> list[PersonRow]:
        visible = set(
            policy.people_visible_to(self.actor).filter(pk__in=by_key.values()).values_list("pk", flat=True)
        )
        kept = []
        for row in rows:
            pk = by_key.get(row.record_id)
            if pk is not None and pk not in visible:
                self._fail(
                    row,
                    "record_id",
                    row.record_id,
                    _("This record_id belongs to a record you may not change."),
                )
                continue
            kept.append(row)
        return kept

    def _documents_free(self, rows: list[PersonRow], by_key: dict[str, int]) -> list[PersonRow]:
        holders: dict[tuple[int, str], int] = {
            (type_id, number): person_id
            for person_id, type_id, number in bulk.select_in(
                "SELECT person_id, document_type_id, number_normalised FROM people_identitydocument "
                "WHERE number_normalised",
                list({row.document[2] for row in rows if row.document}),
            )
        }
        kept = []
        seen = self.seen_documents
        for row in rows:
            document = row.document
            if document:
                key = (document[0], document[2])
                holder = holders.get(key)
                first = seen.get(key)
                if holder is not None and holder != by_key.get(row.record_id):
                    self._fail(
                        row,
                        "document_number",
                        document[1],
                        _("This document is registered to another person."),
                    )
                    continue
                if first is not None and holder is None:
                    self._fail(
                        row,
                        "document_number",
                        document[1],
                        _("This document is also on row %(row)s of the file.") % {"row": first},
                    )
                    continue
                seen[key] = row.row
            kept.append(row)
        return kept

    # --- households and return events ------------------------------------------------------------

    def _households(self, rows: list[PersonRow], out: dict[str, list]) -> list[PersonRow]:
        wanted = {
            row.household_key
            for row in rows
            if row.household_key and row.household_key not in self.households
        }
        if not wanted:
            return rows
        uids = {}
        for key in wanted:
            uid = as_uuid(key)
            uids[key] = uid.hex if uid else None
        found = {
            _hex(uid): pk
            for uid, pk in bulk.select_in(
                "SELECT uid, id FROM people_household WHERE uid",
                [uid for uid in uids.values() if uid],
                cast="uuid[]",
            )
        }
        by_key = {key: found[uid] for key, uid in uids.items() if uid and uid in found}
        by_key.update(
            self._source_keys(SourceKey.Kind.HOUSEHOLD, [key for key, uid in uids.items() if not uid])
        )
        refused = set()
        if by_key:
            visible = set(
                policy.households_visible_to(self.actor)
                .filter(pk__in=by_key.values())
                .values_list("pk", flat=True)
            )
            refused = {key for key, pk in by_key.items() if pk not in visible}
            self.households.update({key: pk for key, pk in by_key.items() if pk in visible})
            self._events_of_existing(set(by_key.values()) & visible)
        new_keys = sorted(wanted - set(by_key))
        provinces = {
            row.household_key: row.arrival.destination_province_id
            for row in reversed(rows)
            if row.arrival and row.household_key in wanted
        }
        organisation_id = self.organisation.pk
        for key, pk in zip(new_keys, self.ids.take("people_household", len(new_keys)), strict=True):
            self.households[key] = pk
            uid = uids[key]
            out["people_household"].append(
                (pk, uid or new_uid(), *self.tracked, organisation_id, self.office_id, provinces.get(key))
            )
            if not uid:
                out["exchange_sourcekey"].append((self.source, SourceKey.Kind.HOUSEHOLD, key, None, pk))
        if not refused:
            return rows
        kept = []
        for row in rows:
            if row.household_key in refused:
                self._fail(
                    row,
                    "household_id",
                    row.household_key,
                    _("This household_id belongs to a household you may not change."),
                )
                continue
            kept.append(row)
        return kept

    def _events_of_existing(self, household_ids: set[int]) -> None:
        events = ReturnEvent.objects.filter(household_id__in=household_ids).values_list(
            "id",
            "household_id",
            "arrived_on",
            "border_crossing_id",
            "returned_from_id",
            "return_type_id",
            "destination_province_id",
            "destination_district_id",
        )
        for event_id, household_id, arrived_on, *arrival in events:
            self.events.setdefault((household_id, ArrivalKey((arrived_on.isoformat(), *arrival))), event_id)

    def _event_for(self, row: PersonRow, person_id: int, out: dict[str, list]) -> int | None:
        """The return event of the row's arrival: its household's, or the person's own; a new one
        (added to ``out``) if there is none yet."""
        arrival = row.arrival
        if arrival is None:
            return None
        household_id = self.households.get(row.household_key) if row.household_key else None
        key = (household_id, arrival) if household_id else (("person", person_id), arrival)
        event_id = self.events.get(key)
        if event_id is not None:
            return event_id
        event_id = self.ids.take("people_returnevent", 1)[0]
        out["people_returnevent"].append(
            (
                event_id,
                *self.tracked,
                household_id,
                self.organisation.pk,
                self.office_id,
                arrival[0],
                *arrival[1:4],
                None,  # transport: not in the standard layout
                *arrival[4:],
            )
        )
        if household_id:
            # A person's own return is met once per file: only households' are looked up again.
            self.events[key] = event_id
        return event_id

    # --- one batch ---------------------------------------------------------------------------------

    def feed(self, rows: list[PersonRow], *, expected_rows: int = 0) -> None:
        """Import the next batch. With ``commit``, the batch before it is written meanwhile: this
        one is looked up in the database, the writer starts on the previous one, and this one's
        rows are built while the database works (see writing.py). ``expected_rows``: about how
        many rows the whole file has, given with the first batch."""
        looked = self._look_up(rows)
        if self.commit and not self._started:
            self._started = True
            self.writer.begin()
            self.writer.first_batch(expected_rows)
        self._write_start()
        if self._pending and self._pending.existing:
            # Updates go through the ORM and may use what the previous batch writes: not beside it.
            self._write_finish()
        built = self._build(looked)
        self._write_finish()
        self._pending = built

    def close(self) -> None:
        """After the last batch: write what is left; the search index is whole again."""
        self._write_start()
        self._write_finish()
        if self.commit and self._started:
            self.writer.end()

    def abandon(self) -> None:
        """The import failed: stop writing, so that its transaction can roll back."""
        if self.commit:
            self.writer.abandon()

    def _look_up(self, rows: list[PersonRow]) -> _Batch:
        """The batch's checks against the file and the database, and its new households; every
        use of the database the batch needs before it is written."""
        rows = self._unique_in_file(rows)
        by_key = self._person_keys(rows)
        if by_key:
            rows = self._visible_only(rows, by_key)
        rows = self._documents_free(rows, by_key)
        batch = _Batch(out={table: [] for table in self.writer.tables}, by_key=by_key)
        rows = self._households(rows, batch.out)
        batch.new = [row for row in rows if row.record_id not in by_key] if by_key else rows
        batch.existing = [row for row in rows if row.record_id in by_key] if by_key else []
        self.ids.ensure("people_person", len(batch.new))
        self.ids.ensure("people_returnevent", sum(1 for row in rows if row.arrival))
        return batch

    def _build(self, batch: _Batch) -> _Batch:
        """The rows of every table for the batch's new people (no database: ids are drawn ahead)."""
        batch.person_ids = self.ids.take("people_person", len(batch.new))
        self._people_new(batch.new, batch.person_ids, batch.out)
        self.counts.created += len(batch.new)
        if self.commit and batch.person_ids and AUDIT_TABLE:
            batch.out[AUDIT_TABLE] = self._audit_rows(batch.person_ids, AUDIT_ACTION)
        return batch

    def _write_start(self) -> None:
        if self._pending is not None and self.commit:
            self.writer.start(self._pending.out, self._pending.person_ids)

    def _write_finish(self) -> None:
        batch, self._pending = self._pending, None
        if batch is None:
            return
        if self.commit:
            self.writer.finish()
        if batch.existing:
            updated = self._people_existing(batch.existing, batch.by_key)
            if self.commit and updated and AUDIT_TABLE:
                self.writer.write_now({AUDIT_TABLE: self._audit_rows(updated, AUDIT_ACTION)})

    def _people_new(self, rows: list[PersonRow], person_ids: list[int], out: dict[str, list]) -> None:
        tracked = self.tracked
        head = (*tracked, self.organisation.pk, self.office_id)  # after id and uid
        households, event_for = self.households, self._event_for
        people, memberships = out["people_person"], out["people_householdmembership"]
        phones, documents = out["people_phone"], out["people_identitydocument"]
        returnees, keys = out["people_returneventperson"], out["exchange_sourcekey"]
        source, person_kind = self.source, SourceKey.Kind.PERSON
        today = timezone.localdate().isoformat()
        # A household's members come one after another with the same arrival: its event is the last one.
        last_household = last_arrival = last_event = None
        for row, person_id in zip(rows, person_ids, strict=True):
            (
                _label,
                record_id,
                spelling,
                sex,
                birth_on,
                birth_precision,
                row_phones,
                document,
                household_key,
                relationship_id,
                arrival,
                _present,
                search_text,
                uid,
                keyed_by_uuid,
            ) = row
            household_id = households.get(household_key) if household_key else None
            people.append(
                (
                    person_id,
                    uid,
                    *head,
                    arrival[4] if arrival else None,  # the province they go to
                    household_id,
                    sex,
                    birth_on,
                    birth_precision,
                    *spelling,
                    search_text,
                )
            )
            if not keyed_by_uuid:
                keys.append((source, person_kind, record_id, person_id, None))
            if household_id:
                joined = arrival[0] if arrival else today
                memberships.append((*tracked, household_id, person_id, relationship_id, joined, None))
            for number, e164 in row_phones:
                phones.append((*tracked, person_id, number, e164))
            if document:
                documents.append((*tracked, person_id, *document, None, None))
            if arrival:
                if household_id and household_id == last_household and arrival == last_arrival:
                    event_id = last_event
                else:
                    event_id = event_for(row, person_id, out)
                    last_household, last_arrival, last_event = household_id, arrival, event_id
                returnees.append((event_id, person_id))

    def _audit_rows(self, person_ids: list[int], action: str) -> list[tuple]:
        """The audit trail's rows for people this import created or updated, one per person, in
        AUDIT_COLUMNS' order: ``action`` on target people.person ``id``, details
        {"import": self.name}. They are written with the batch's other rows, in bulk, in the
        import's transaction; the created people's come once per batch, the updated people's once
        per batch too."""
        details = {"import": self.name}
        return audit.event_rows(
            actor=self.actor,
            action=action,
            target_type="people.person",
            rows=[(person_id, person_id, details) for person_id in person_ids],
            organisation=self.organisation.pk,
        )

    # --- people who already exist --------------------------------------------------------------

    def _load_existing(self, ids: list[int]) -> _Existing:
        existing = _Existing()
        existing.people = Person.objects.in_bulk(ids)
        for person_id, number, e164 in Phone.objects.filter(person_id__in=ids).values_list(
            "person_id", "number", "e164"
        ):
            existing.phones.setdefault(person_id, set()).update({number, e164})
        for person_id, type_id, number in IdentityDocument.objects.filter(person_id__in=ids).values_list(
            "person_id", "document_type_id", "number_normalised"
        ):
            existing.documents.setdefault(person_id, set()).add((type_id, number))
        for membership in HouseholdMembership.objects.filter(person_id__in=ids, left_on__isnull=True):
            existing.membership[membership.person_id] = membership
        existing.event_links = set(
            ReturnEventPerson.objects.filter(person_id__in=ids).values_list("return_event_id", "person_id")
        )
        # The returns of people without a household are their own: found by person, not household.
        own = ReturnEventPerson.objects.filter(person_id__in=ids, return_event__household__isnull=True)
        for person_id, event_id, *arrival in own.values_list(
            "person_id",
            "return_event_id",
            "return_event__arrived_on",
            "return_event__border_crossing_id",
            "return_event__returned_from_id",
            "return_event__return_type_id",
            "return_event__destination_province_id",
            "return_event__destination_district_id",
        ):
            key = ArrivalKey((arrival[0].isoformat(), *arrival[1:]))
            self.events.setdefault((("person", person_id), key), event_id)
        return existing

    def _people_existing(self, rows: list[PersonRow], by_key: dict[str, int]) -> list[int]:
        """Bring existing people in line with their rows; the ids of those that changed."""
        existing = self._load_existing([by_key[row.record_id] for row in rows])
        updated = []
        for row in rows:
            person = existing.people[by_key[row.record_id]]
            if self._person_update(row, person, existing):
                self.counts.updated += 1
                updated.append(person.pk)
            else:
                self.counts.unchanged += 1
        return updated

    def _person_update(self, row: PersonRow, person: Person, existing: _Existing) -> bool:
        """Bring ``person`` in line with ``row`` (the columns the file has); True if anything changed."""
        changed_fields = []
        wanted = {column: value for column, value in row.names.items() if column in row.present}
        if "sex" in row.present:
            wanted["sex"] = row.sex
        if "birth_date" in row.present:
            birth_on = datetime.date.fromisoformat(row.birth_on) if row.birth_on else None
            wanted.update(birth_on=birth_on, birth_precision=row.birth_precision)
        for name, value in wanted.items():
            if getattr(person, name) != value:
                setattr(person, name, value)
                changed_fields.append(name)
        phones = [(n, e) for n, e in row.phones if not {n, e} & existing.phones.get(person.pk, set())]
        document = row.document
        if document and (document[0], document[2]) in existing.documents.get(person.pk, set()):
            document = None
        household_id = self.households.get(row.household_key) if row.household_key else None
        membership = existing.membership.get(person.pk)
        moves = household_id is not None and (membership is None or membership.household_id != household_id)
        relationship_changes = (
            membership is not None
            and not moves
            and household_id is not None
            and row.relationship_id is not None
            and membership.relationship_id != row.relationship_id
        )
        out: dict[str, list] = {table: [] for table in TABLES}
        event_id = self._event_for(row, person.pk, out) if row.arrival else None
        links = event_id is not None and (event_id, person.pk) not in existing.event_links
        if not (changed_fields or phones or document or moves or relationship_changes or links):
            return False
        if not self.commit:
            return True
        self.writer.write_now({"people_returnevent": out["people_returnevent"]})
        self._apply_update(person, row, changed_fields, phones, document, household_id, membership, moves)
        if relationship_changes:
            membership.relationship_id = row.relationship_id
            membership.updated_by_id = self.user_id
            membership.save(update_fields=["relationship", "updated_by", "updated_at"])
        if links:
            ReturnEventPerson.objects.create(return_event_id=event_id, person_id=person.pk)
            existing.event_links.add((event_id, person.pk))
        return True

    def _apply_update(
        self, person, row, changed_fields, phones, document, household_id, membership, moves
    ) -> None:
        from people.services import person_search_text

        tracked = {"created_by_id": self.user_id, "updated_by_id": self.user_id}
        for number, e164 in phones:
            Phone.objects.create(person=person, number=number, e164=e164, **tracked)
        if document:
            IdentityDocument.objects.create(
                person=person,
                document_type_id=document[0],
                number=document[1],
                number_normalised=document_number_key(document[1]),
                **tracked,
            )
        if moves:
            day = datetime.date.fromisoformat(row.arrival.arrived_on) if row.arrival else timezone.localdate()
            if membership is not None:
                membership.left_on = max(day, membership.joined_on)
                membership.updated_by_id = self.user_id
                membership.save(update_fields=["left_on", "updated_by", "updated_at"])
            HouseholdMembership.objects.create(
                household_id=household_id,
                person=person,
                relationship_id=row.relationship_id,
                joined_on=day,
                **tracked,
            )
            person.household_id = household_id
            changed_fields.append("household")
        person.updated_by_id = self.user_id
        person.search_text = person_search_text(person)
        person.save(update_fields=[*changed_fields, "search_text", "updated_by", "updated_at"])
