"""The fast paths of the importer (exchange/importing/writing.py, run.py, rows.py): what they do
differently from the plain way must come out the same — the same rows, the same search keys, the
same indexes and constraints afterwards, nothing half-written when something fails."""

import pickle
import uuid

import pytest
from django.db import IntegrityError, connection

from core import bulk
from exchange import services
from exchange.importing import run, writing
from exchange.importing.pipeline import CheckedBatch
from exchange.importing.rows import ArrivalKey, PersonRow, new_uid, person_row, row_search_text
from exchange.layout import NAME_ANY_OF
from exchange.models import SourceKey
from exchange.services import file_import
from people import search_index, selectors
from people.models import Household, HouseholdMembership, Person, Phone, ReturnEvent, ReturnEventPerson
from people.tables import NAME_COLUMNS

HEADER = (
    "record_id,given_name,given_name_latin,family_name,family_name_latin,sex,birth_date,phone,"
    "document_type,document_number,household_id,relationship,arrival_date,border_crossing,"
    "returned_from,return_type,province,district"
)


def household(number: int, members: int = 3) -> list[str]:
    """The rows of one household of ``members`` people, each with a phone and a document."""
    rows = []
    for index in range(members):
        key = f"P{number}-{index}"
        relationship = "head" if index == 0 else "son"
        rows.append(
            f"{key},محمد,Mohammad,احمدی {number},Ahmadi {number},M,1990,070{number:06d}{index},"
            f"tazkira,T{number}-{index},H{number},{relationship},2023-10-07,islam-qala,IR,deported,AF-HER,"
        )
    return rows


def write(tmp_path, lines, name="people.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(path, officer, **options):
    return file_import(path, actor=officer, organisation=officer.organisation, **options)


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of four rows, so that a small file goes through every step between batches."""
    monkeypatch.setattr(services, "BATCH_ROWS", 4)


# --- rows: the checking process's side ----------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "phones", "document"),
    [
        (
            {"given_name": "محمد", "given_name_latin": "Mohammad", "family_name": "احمدی"},
            (("0700 123 456", "+93700123456"),),
            (1, "p 123-45", "P12345"),
        ),
        (
            {"given_name": "Гусейн", "family_name": "Hüseynov", "father_name_latin": "Abdul Rahman"},
            (("۰۷۰۰۱۲۳۴۵۶", "+93700123456"), ("+989121234567", "+989121234567")),
            None,
        ),
        ({"grandfather_name": "عبدالهادی"}, (), None),
    ],
)
def test_search_keys_are_those_of_registration(names, phones, document):
    spelling = tuple(names.get(column, "") for column in NAME_ANY_OF)

    keys = row_search_text(spelling, phones, document)

    assert keys == search_index.search_text_for(
        spellings=[list(spelling)], phones=phones, document_numbers=[document[1]] if document else []
    )


def test_the_name_columns_are_in_the_order_the_bulk_loaders_write():
    assert tuple(NAME_ANY_OF) == tuple(NAME_COLUMNS)


def test_new_uids_are_random_version_4_uuids():
    made = {new_uid() for _ in range(5000)}

    assert len(made) == 5000
    for text in list(made)[:200]:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant, parsed.hex) == (4, uuid.RFC_4122, text)


def test_a_checked_batch_crosses_between_processes_unchanged():
    arrival = ArrivalKey(("2023-10-07", 1, "IR", 2, 3, None))
    row = person_row(
        row="2",
        record_id="A1",
        names={"given_name": "علی"},
        birth_on="1990-01-01",
        phones=(("0700123456", "+93700123456"),),
        arrival=arrival,
        present=frozenset({"record_id", "given_name"}),
    )

    back = pickle.loads(pickle.dumps(CheckedBatch(people=[row], rows_read=1, progress=0.5)))  # noqa: S301

    assert back.people == [row]
    assert type(back.people[0]) is PersonRow
    assert type(back.people[0].arrival) is ArrivalKey
    assert back.people[0].names["given_name"] == "علی"
    assert (back.rows_read, back.progress) == (1, 0.5)


def test_an_arrival_read_from_the_file_finds_the_same_return_in_the_database():
    assert ArrivalKey(("2023-10-07", 1, "IR", 2, 3, None)) == ("2023-10-07", 1, "IR", 2, 3, None)
    assert hash(ArrivalKey(("2023-10-07", 1, "IR", 2, None, None))) == hash(
        ("2023-10-07", 1, "IR", 2, None, None)
    )


# --- ids ----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_ids_drawn_ahead_never_meet_a_row_saved_meanwhile(officer):
    ids = bulk.NewIds(block=10)
    drawn = ids.take("people_household", 3)
    Household.objects.create(organisation=officer.organisation)  # saved by someone else meanwhile
    drawn += ids.take("people_household", 20)

    assert len(set(drawn)) == 23
    if connection.vendor == "sqlite":
        assert drawn == list(range(drawn[0], drawn[0] + 3)) + drawn[3:]
    else:
        assert Household.objects.get().pk not in drawn


# --- many batches ---------------------------------------------------------------------------------


def test_households_and_returns_that_span_batches_are_whole(tmp_path, officer, small_batches):
    lines = [HEADER]
    for number in range(1, 6):
        lines += household(number, members=3)  # 3 people a household, 4 rows a batch

    report = run_import(write(tmp_path, lines), officer, commit=True, parallel=False)

    assert (report.created, report.rejected) == (15, 0)
    assert Household.objects.count() == 5
    assert ReturnEvent.objects.count() == 5
    assert HouseholdMembership.objects.count() == 15
    for event in ReturnEvent.objects.all():
        assert event.returnees.count() == 3
        assert set(event.returnees.values_list("household_id", flat=True)) == {event.household_id}
    assert Phone.objects.count() == 15
    assert SourceKey.objects.filter(kind=SourceKey.Kind.PERSON).count() == 15
    assert len(selectors.person_search(actor=officer, query="Ahmadi 4").people) == 3


def test_importing_many_batches_again_changes_nothing(tmp_path, officer, small_batches):
    lines = [HEADER] + [line for number in range(1, 5) for line in household(number)]
    path = write(tmp_path, lines)
    run_import(path, officer, commit=True, parallel=False)
    counts = [model.objects.count() for model in (Person, Household, ReturnEvent, ReturnEventPerson, Phone)]

    again = run_import(path, officer, commit=True, parallel=False)

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 12, 0)
    assert [
        model.objects.count() for model in (Person, Household, ReturnEvent, ReturnEventPerson, Phone)
    ] == (counts)


def test_a_changed_file_updates_across_batches(tmp_path, officer, small_batches):
    lines = [HEADER] + [line for number in range(1, 4) for line in household(number)]
    run_import(write(tmp_path, lines), officer, commit=True, parallel=False)
    changed = [HEADER] + [line.replace("Mohammad", "Muhammad") for line in lines[1:]]
    changed.append(household(9, members=1)[0])

    report = run_import(
        write(tmp_path, changed, name="again.csv"), officer, commit=True, parallel=False, source="people.csv"
    )

    assert (report.created, report.updated, report.rejected) == (1, 9, 0)
    assert Person.objects.filter(given_name_latin="Muhammad").count() == 9
    assert len(selectors.person_search(actor=officer, query="Muhammad").people) == 10


def test_a_person_without_household_keeps_one_return_when_imported_again(tmp_path, officer):
    line = "S1,علی,Ali,,,M,1990,,,,,,2023-10-07,islam-qala,IR,deported,AF-HER,"
    path = write(tmp_path, [HEADER, line])
    run_import(path, officer, commit=True)

    again = run_import(path, officer, commit=True)

    assert (again.created, again.unchanged) == (0, 1)
    assert ReturnEvent.objects.count() == 1
    assert ReturnEventPerson.objects.count() == 1


def test_every_created_and_updated_person_reaches_the_audit_hook(
    tmp_path, officer, small_batches, monkeypatch
):
    calls = []

    def audit_rows(self, person_ids, action):
        calls.append((action, list(person_ids), self.name))
        return []

    monkeypatch.setattr(run, "AUDIT_TABLE", "audit_auditevent")
    monkeypatch.setattr(run, "AUDIT_COLUMNS", ("action",))
    monkeypatch.setattr(run.BatchImporter, "_audit_rows", audit_rows)
    lines = [HEADER] + household(1) + household(2)
    run_import(write(tmp_path, lines), officer, commit=True, parallel=False)
    created = sorted(pk for _action, ids, _name in calls for pk in ids)
    calls.clear()
    changed = [HEADER, lines[1].replace("Mohammad", "Muhammad"), *lines[2:]]

    run_import(write(tmp_path, changed), officer, commit=True, parallel=False)

    assert created == sorted(Person.objects.values_list("pk", flat=True))
    assert calls == [("person.imported", [Person.objects.get(given_name_latin="Muhammad").pk], "people.csv")]


def test_the_audit_hook_is_not_called_without_commit(tmp_path, officer, monkeypatch):
    calls = []
    monkeypatch.setattr(run, "AUDIT_TABLE", "audit_auditevent")
    monkeypatch.setattr(run.BatchImporter, "_audit_rows", lambda self, ids, action: calls.append(ids) or [])

    run_import(write(tmp_path, [HEADER, *household(1)]), officer)

    assert calls == []


def test_a_row_the_database_refuses_fails_the_whole_import(tmp_path, officer, small_batches):
    key = "6f1c1f6e-4f0e-4b8e-9f7a-0c2b1d3e4f50"
    lines = [HEADER, *household(1), *household(2)]
    # The same UUID written two ways: two record_ids for the file, one person for the database.
    lines += [
        f"{key},علی,Ali,,,M,1990,,,,,,,,,,,",
        f"{key.replace('-', '')},علی,Ali,,,M,1990,,,,,,,,,,,",
    ]

    with pytest.raises(IntegrityError):
        run_import(write(tmp_path, lines), officer, commit=True, parallel=False)

    assert not Person.objects.exists()
    assert not Household.objects.exists()


# --- the search index ---------------------------------------------------------------------------


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_indexes_each_batch_and_puts_its_trigger_and_settings_back(tmp_path, officer, small_batches):
    fts = search_index.FTS_TABLE
    settings_before = _sqlite_settings()
    run_import(
        write(tmp_path, [HEADER] + [line for n in range(1, 4) for line in household(n)]), officer, commit=True
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {fts}")  # noqa: S608 -- constant
        indexed = cursor.fetchone()[0]
        cursor.execute(f"SELECT v FROM {fts}_config WHERE k = 'automerge'")  # noqa: S608 -- constant
        automerge = cursor.fetchone()[0]
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'people_person_fts_insert'"
        )
        trigger = cursor.fetchone()

    assert indexed == Person.objects.count() == 9
    assert automerge == 4
    assert trigger is not None
    assert _sqlite_settings() == settings_before
    later = Person.objects.create(
        organisation=officer.organisation, given_name_latin="Zarghuna", search_text="zarghuna"
    )
    assert search_index.sqlite_matching_ids([["zarghuna"]], before_id=None, limit=5) == [later.pk]


def _sqlite_settings() -> dict[str, tuple | None]:
    with connection.cursor() as cursor:
        settings = {}
        for pragma in ("cache_size", "mmap_size"):
            cursor.execute(f"PRAGMA {pragma}")
            settings[pragma] = cursor.fetchone()
        return settings


def _planner_people_count() -> int | None:
    """How many people the query planner believes the table holds (None: it has no statistics)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'people_person'::regclass")
            estimate = cursor.fetchone()[0]
            return int(estimate) if estimate > 0 else None
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'people_person' LIMIT 1")
        row = cursor.fetchone()
        return int(row[0].split()[0]) if row else None


def _forget_statistics() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 if it is missing
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'people_person'")


def test_an_import_that_fills_the_database_leaves_the_planner_its_statistics(
    tmp_path, officer, small_batches, monkeypatch
):
    monkeypatch.setattr(writing, "STATISTICS_FROM_ROWS", 6)
    _forget_statistics()
    assert _planner_people_count() in (None, 0)

    run_import(
        write(tmp_path, [HEADER] + [line for n in range(1, 4) for line in household(n)]), officer, commit=True
    )

    assert _planner_people_count() == Person.objects.count() == 9


def test_a_small_import_into_a_big_table_leaves_the_statistics_alone(tmp_path, officer, monkeypatch):
    monkeypatch.setattr(writing, "STATISTICS_FROM_ROWS", 2)
    run_import(write(tmp_path, [HEADER] + household(1, members=2)), officer, commit=True)
    assert _planner_people_count() == 2
    monkeypatch.setattr(writing, "_STATISTICS_SHARE", 1)  # now only an import that doubles the table counts

    run_import(write(tmp_path, [HEADER] + household(2, members=1), name="more.csv"), officer, commit=True)

    assert _planner_people_count() == 2


def _schema() -> tuple[set, set]:
    """Every index and foreign key of the tables an import writes."""
    tables = list(run.TABLES)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY(%s::regclass[])",
            [tables],
        )
        indexes = set(cursor.fetchall())
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable, condeferred "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
            [tables],
        )
        return indexes, set(cursor.fetchall())


postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'")


@pytest.fixture
def batches_written_in_bulk(monkeypatch) -> list[bool]:
    """For each batch the PostgreSQL writer starts, whether it went the bulk way (indexes off)."""
    seen: list[bool] = []
    original = writing.PostgreSQLWriter.start

    def start(self, out, new_people):
        seen.append(self.bulk)
        original(self, out, new_people)

    monkeypatch.setattr(writing.PostgreSQLWriter, "start", start)
    return seen


@postgresql_only
def test_a_big_import_on_postgresql_writes_without_secondary_indexes_and_puts_them_back(
    tmp_path, officer, small_batches, monkeypatch, batches_written_in_bulk
):
    monkeypatch.setattr(writing, "BULK_FROM_ROWS", 1)
    before = _schema()

    report = run_import(
        write(tmp_path, [HEADER] + [line for n in range(1, 6) for line in household(n)]),
        officer,
        commit=True,
        parallel=False,
    )

    assert report.created == 15
    assert batches_written_in_bulk
    assert all(batches_written_in_bulk)  # every batch went in the bulk way
    assert _schema() == before
    assert any("gin_trgm_ops" in definition for _name, definition in before[0])
    assert len(selectors.person_search(actor=officer, query="Ahmadi 5").people) == 3
    assert HouseholdMembership.objects.filter(household__isnull=True).count() == 0


@postgresql_only
def test_a_small_import_on_postgresql_keeps_its_indexes(tmp_path, officer, batches_written_in_bulk):

    run_import(write(tmp_path, [HEADER, *household(1)]), officer, commit=True)

    assert batches_written_in_bulk == [False]


@postgresql_only
def test_a_big_import_meets_a_reader_and_goes_the_slow_way(
    tmp_path, officer, monkeypatch, django_db_blocker, batches_written_in_bulk
):
    import psycopg

    monkeypatch.setattr(writing, "BULK_FROM_ROWS", 1)
    monkeypatch.setattr(writing, "_LOCK_TIMEOUT", "200ms")
    before = _schema()
    settings = connection.settings_dict
    reader = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )
    try:
        reader.execute(
            "SELECT COUNT(*) FROM people_person"
        )  # holds its lock until the end of its transaction

        report = run_import(write(tmp_path, [HEADER, *household(1)]), officer, commit=True)
    finally:
        reader.rollback()
        reader.close()

    assert report.created == 3
    assert batches_written_in_bulk == [False]
    assert _schema() == before
