"""Importing checked rows, a batch at a time: who already exists (by global UUID or by the
source's own key), who holds which document, which household and return event each row joins.

New people go in through the bulk path (executemany / COPY, ids reserved per batch): that is what
makes a million rows fit in two minutes. People who already exist are compared with the row and
written through the ORM only when something changed, so importing a file again is quick and
changes nothing. Without ``commit`` the same checks run and nothing is written.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy
from core import bulk
from exchange.importing.rows import ArrivalKey, PersonRow, RowError, as_uuid
from exchange.models import SourceKey
from names.normalise import document_number_key
from people import search_index
from people.models import (
    Household,
    HouseholdMembership,
    IdentityDocument,
    Person,
    Phone,
    ReturnEvent,
    ReturnEventPerson,
)
from people.tables import COLUMNS, NAME_COLUMNS

TABLES = {
    **COLUMNS,
    "people_returneventperson": ("return_event_id", "person_id"),
    "exchange_sourcekey": ("source", "kind", "key", "person_id", "household_id"),
}


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

    person_by_key: dict[str, int] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    phones: dict[int, set[str]] = field(default_factory=dict)
    documents: dict[int, set[tuple[int, str]]] = field(default_factory=dict)
    membership: dict[int, HouseholdMembership] = field(default_factory=dict)
    event_links: set[tuple[int, int]] = field(default_factory=set)


class BatchImporter:
    """Imports batches of checked rows for one file; keeps what spans batches (households and
    return events already met, keys and documents already seen in this file)."""

    def __init__(self, *, actor, organisation, source: str, commit: bool, reject: Callable[[RowError], None]):
        self.actor = actor
        self.organisation = organisation
        self.office_id = getattr(actor, "office_id", None)
        self.user_id = getattr(actor, "pk", None)
        self.source = source
        self.commit = commit
        self.reject = reject
        self.counts = Counts()
        self.seen_records: dict[str, str] = {}
        self.seen_documents: dict[tuple[int, str], str] = {}
        self.households: dict[str, int] = {}
        self.events: dict[tuple, int] = {}
        self._placeholder = 0
        self._event_ids: list[int] = []
        self.stamp = timezone.now().replace(tzinfo=None).isoformat(sep=" ")

    # --- checks against the file and the database ------------------------------------------------

    def _fail(self, row: PersonRow, column: str, value: str, reason: str) -> None:
        self.reject(RowError(row.row, column, value, reason))

    def _unique_in_file(self, rows: list[PersonRow]) -> list[PersonRow]:
        kept = []
        for row in rows:
            first = self.seen_records.get(row.record_id)
            if first is not None:
                self._fail(
                    row,
                    "record_id",
                    row.record_id,
                    _("This record_id is already on row %(row)s of the file.") % {"row": first},
                )
                continue
            self.seen_records[row.record_id] = row.row
            kept.append(row)
        return kept

    def _person_keys(self, rows: list[PersonRow]) -> dict[str, int]:
        uids = [row.record_uuid for row in rows if row.record_uuid]
        # Global on purpose: a UUID is unique across organisations, so one held by a record the
        # actor may not see must be refused, not created a second time.
        found = {str(uid): pk for uid, pk in Person.objects.filter(uid__in=uids).values_list("uid", "id")}
        by_key = {row.record_id: found[str(row.record_uuid)] for row in rows if str(row.record_uuid) in found}
        keys = [row.record_id for row in rows if not row.record_uuid]
        by_key.update(
            SourceKey.objects.filter(
                source=self.source, kind=SourceKey.Kind.PERSON, key__in=keys
            ).values_list("key", "person_id")
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
        numbers = [row.document[2] for row in rows if row.document]
        holders: dict[tuple[int, str], int] = {
            (type_id, number): person_id
            for person_id, type_id, number in IdentityDocument.objects.filter(
                number_normalised__in=numbers
            ).values_list("person_id", "document_type_id", "number_normalised")
        }
        kept = []
        for row in rows:
            if row.document:
                key = (row.document[0], row.document[2])
                holder = holders.get(key)
                first = self.seen_documents.get(key)
                if holder is not None and holder != by_key.get(row.record_id):
                    self._fail(
                        row,
                        "document_number",
                        row.document[1],
                        _("This document is registered to another person."),
                    )
                    continue
                if first is not None and holder is None:
                    self._fail(
                        row,
                        "document_number",
                        row.document[1],
                        _("This document is also on row %(row)s of the file.") % {"row": first},
                    )
                    continue
                self.seen_documents[key] = row.row
            kept.append(row)
        return kept

    # --- households and return events ------------------------------------------------------------

    def _new_ids(self, table: str, count: int) -> list[int]:
        if self.commit:
            return bulk.reserve_ids(table, count)
        self._placeholder += count  # nothing is written: any distinct numbers do
        return list(range(-self._placeholder, -self._placeholder + count))

    def _households(self, rows: list[PersonRow], rows_out: dict[str, list]) -> list[PersonRow]:
        wanted = {
            row.household_key
            for row in rows
            if row.household_key and row.household_key not in self.households
        }
        uids = {key: as_uuid(key) for key in wanted}
        found = {
            str(uid): pk
            for uid, pk in Household.objects.filter(uid__in=[u for u in uids.values() if u]).values_list(
                "uid", "id"
            )
        }
        by_key = {key: found[str(uid)] for key, uid in uids.items() if uid and str(uid) in found}
        by_key.update(
            SourceKey.objects.filter(
                source=self.source,
                kind=SourceKey.Kind.HOUSEHOLD,
                key__in=[k for k, u in uids.items() if not u],
            ).values_list("key", "household_id")
        )
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
            if row.household_key in wanted and row.arrival
        }
        for key, pk in zip(new_keys, self._new_ids("people_household", len(new_keys)), strict=True):
            self.households[key] = pk
            uid = uids[key]
            rows_out["people_household"].append(
                (
                    pk,
                    (uid or uuid.uuid4()).hex,
                    *self._tracked(),
                    self.organisation.pk,
                    self.office_id,
                    provinces.get(key),
                )
            )
            if not uid:
                rows_out["exchange_sourcekey"].append((self.source, SourceKey.Kind.HOUSEHOLD, key, None, pk))
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
        for event_id, household_id, *arrival in events:
            self.events.setdefault((household_id, ArrivalKey(*arrival)), event_id)

    def _event_for(self, row: PersonRow, person_id: int, rows_out: dict[str, list]) -> int | None:
        if row.arrival is None:
            return None
        household_id = self.households.get(row.household_key) if row.household_key else None
        key = (household_id, row.arrival) if household_id else (("person", person_id), row.arrival)
        if key in self.events:
            return self.events[key]
        event_id = self._event_ids.pop() if self.commit else self._new_ids("people_returnevent", 1)[0]
        arrival = row.arrival
        rows_out["people_returnevent"].append(
            (
                event_id,
                *self._tracked(),
                household_id,
                self.organisation.pk,
                self.office_id,
                arrival.arrived_on.isoformat(),
                arrival.border_crossing_id,
                arrival.returned_from_id,
                arrival.return_type_id,
                None,
                arrival.destination_province_id,
                arrival.destination_district_id,
            )
        )
        self.events[key] = event_id
        return event_id

    def _tracked(self) -> tuple:
        return (self.stamp, self.stamp, self.user_id, self.user_id)

    # --- one batch ---------------------------------------------------------------------------------

    def import_batch(self, rows: list[PersonRow]) -> None:
        rows = self._unique_in_file(rows)
        by_key = self._person_keys(rows)
        rows = self._visible_only(rows, by_key)
        rows = self._documents_free(rows, by_key)
        rows_out: dict[str, list] = {table: [] for table in TABLES}
        rows = self._households(rows, rows_out)
        new_rows = [row for row in rows if row.record_id not in by_key]
        old_rows = [row for row in rows if row.record_id in by_key]
        # Every new row may start a return event: reserve enough ids once, return the rest unused.
        self._event_ids = self._new_ids("people_returnevent", len(rows))[::-1] if self.commit and rows else []
        for row, person_id in zip(new_rows, self._new_ids("people_person", len(new_rows)), strict=True):
            self._person_new(row, person_id, rows_out)
        self.counts.created += len(new_rows)
        if self.commit:
            self._flush(rows_out)
        if old_rows:
            self._people_existing(old_rows, by_key)

    def _person_new(self, row: PersonRow, person_id: int, rows_out: dict[str, list]) -> None:
        household_id = self.households.get(row.household_key) if row.household_key else None
        uid = row.record_uuid or uuid.uuid4()
        spelling = [row.names[column] for column in NAME_COLUMNS]
        rows_out["people_person"].append(
            (
                person_id,
                uid.hex,
                *self._tracked(),
                self.organisation.pk,
                self.office_id,
                row.arrival.destination_province_id if row.arrival else None,
                household_id,
                row.sex,
                row.birth_on.isoformat() if row.birth_on else None,
                row.birth_precision,
                *spelling,
                row.search_text
                or search_index.search_text_for(
                    spellings=[spelling],
                    phones=row.phones,
                    document_numbers=[row.document[1]] if row.document else [],
                ),
            )
        )
        if not row.record_uuid:
            rows_out["exchange_sourcekey"].append(
                (self.source, SourceKey.Kind.PERSON, row.record_id, person_id, None)
            )
        if household_id:
            joined = row.arrival.arrived_on if row.arrival else timezone.localdate()
            rows_out["people_householdmembership"].append(
                (
                    None,
                    *self._tracked(),
                    household_id,
                    person_id,
                    row.relationship_id,
                    joined.isoformat(),
                    None,
                )
            )
        for number, e164 in row.phones:
            rows_out["people_phone"].append((None, *self._tracked(), person_id, number, e164))
        if row.document:
            type_id, number, normalised = row.document
            rows_out["people_identitydocument"].append(
                (None, *self._tracked(), person_id, type_id, number, normalised, None, None)
            )
        event_id = self._event_for(row, person_id, rows_out)
        if event_id is not None:
            rows_out["people_returneventperson"].append((event_id, person_id))

    def _flush(self, rows_out: dict[str, list]) -> None:
        for table, rows in rows_out.items():
            if not rows:
                continue
            columns = TABLES[table]
            if rows[0][0] is None and columns[0] == "id":
                ids = bulk.reserve_ids(table, len(rows))
                rows = [(pk, *row[1:]) for pk, row in zip(ids, rows, strict=True)]
            bulk.insert_rows(table, columns, rows)

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
        return existing

    def _people_existing(self, rows: list[PersonRow], by_key: dict[str, int]) -> None:
        existing = self._load_existing([by_key[row.record_id] for row in rows])
        for row in rows:
            person = existing.people[by_key[row.record_id]]
            if self._person_update(row, person, existing):
                self.counts.updated += 1
            else:
                self.counts.unchanged += 1

    def _person_update(self, row: PersonRow, person: Person, existing: _Existing) -> bool:
        """Bring ``person`` in line with ``row`` (the columns the file has); True if anything changed."""
        changed_fields = []
        wanted = {column: row.names[column] for column in NAME_COLUMNS if column in row.present}
        if "sex" in row.present:
            wanted["sex"] = row.sex
        if "birth_date" in row.present:
            wanted.update(birth_on=row.birth_on, birth_precision=row.birth_precision)
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
        rows_out: dict[str, list] = {table: [] for table in TABLES}
        event_id = self._event_for(row, person.pk, rows_out) if row.arrival else None
        links = event_id is not None and (event_id, person.pk) not in existing.event_links
        if not (changed_fields or phones or document or moves or relationship_changes or links):
            return False
        if not self.commit:
            return True
        self._flush({table: out for table, out in rows_out.items() if table == "people_returnevent"})
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
            day = row.arrival.arrived_on if row.arrival else timezone.localdate()
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
