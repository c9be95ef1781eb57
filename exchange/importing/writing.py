"""Writing an import's rows, one batch while the next is prepared, and the search index around it.

The writing process prepares a batch in Python (look-ups, then the rows of every table) and hands
it to the database. What the database does with it — inserting, checking foreign keys, indexing —
runs in C without Python's lock, so it can overlap the preparation of the next batch:

* PostgreSQL: the COPYs of a batch run in a thread, on the one connection of the import's
  transaction, while the caller builds the next batch's rows. Foreign keys are checked at the end
  of each COPY (``SET CONSTRAINTS ALL IMMEDIATE``) instead of all at once at the commit, so that
  the checking overlaps too.
* SQLite: rows are inserted in the caller's thread (``executemany`` takes Python's lock for every
  row, so a thread would only slow it down), then the batch's people are added to the FTS5 search
  index in one statement in a thread. The index's insert trigger is off meanwhile.

The caller must not use the database between ``start`` and ``finish``.

A big import on PostgreSQL
--------------------------
Indexes and foreign keys cost PostgreSQL more than the rows: the pg_trgm GIN index of
``people_person.search_text`` alone doubles the COPY, and each foreign key costs a look-up per row
(a million people bring about twelve million: the importing user as creator and updater of every
row, the organisation, office, places and code lists). An import that brings at least
BULK_FROM_ROWS people and at least as many as the table holds (the first load of a database, say)
therefore, when its first batch arrives, drops the written tables' secondary indexes (the search
index among them; not primary keys or unique ones) and all their foreign keys, and at the end adds
the keys back — each checked against all rows in one join, so a row that breaks one still fails
the import — and builds the indexes again, all in the import's transaction. The definitions are
read from the catalogue and put back exactly; a failed import rolls all of it back. (1M rows: 137 s
with the keys to other tables kept, 96 s without.)

The price: dropping an index or a foreign key locks its table, so until a big import commits,
every query that reads people, households, returns or their documents and phones waits for it —
it is not refused and never sees a missing index or a half-written import; it waits (a minute or
two for a million rows). The tables the keys point to (users, organisations, offices, places,
code lists) stay readable but not writable meanwhile: a sign-in, which records its time on the
user, waits too. A big import is a maintenance job, best run outside office hours. The locks are
asked for with a short timeout (_LOCK_TIMEOUT): if anyone holds one of the tables, the import
keeps everything and goes the slower way rather than queueing everyone behind it. Smaller imports
change nothing and block no reader.
"""

import threading
from collections.abc import Callable

from django.db import DatabaseError, connection, transaction

from core import bulk
from people import search_index

# A "big" import on PostgreSQL (see above): at least this many people, and as many as the table held.
BULK_FROM_ROWS = 100_000
_LOCK_TIMEOUT = "2s"
_FTS_AUTOMERGE = 4  # FTS5's default
_FTS_IMPORT_AUTOMERGE = 16
_FTS_MERGE_PAGES = 2000
_SQLITE_IMPORT_PRAGMAS = {"cache_size": -131_072, "mmap_size": 0}  # 128 MiB of cache
_INDEX_MEMORY = "512MB"  # maintenance_work_mem for building the indexes again
# The planner's statistics are refreshed after an import that brings at least this many people and
# at least a tenth of those the table held: without them SQLite reads most of the people table to
# find an event's returnees (see demo.services), and PostgreSQL's autovacuum may come minutes later.
# At 1M people SQLite's ANALYZE of the people tables takes under a second.
STATISTICS_FROM_ROWS = 1_000
_STATISTICS_SHARE = 10


class BatchWriter:
    """Writes an import's batches; ``start`` may return before the rows are in, ``finish`` waits."""

    def __init__(self, tables: dict[str, tuple[str, ...]]):
        self.tables = tables
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self.people_before = 0
        self.people_written = 0

    def begin(self) -> None:
        """Inside the import's transaction, before the first batch."""
        self.people_before = _people_count()

    def first_batch(self, expected_rows: int) -> None:
        """Before the first batch is written: how many rows the file probably has."""

    def start(self, out: dict[str, list], new_people: list[int]) -> None:
        """Write one batch's rows (``out``: table → rows); ``new_people``: the ids of its people."""
        self.people_written += len(new_people)
        self.write_now(out)

    def write_now(self, out: dict[str, list]) -> None:
        """Write rows at once, in the caller's thread (nothing may be under way)."""
        for table, rows in out.items():
            if rows:
                bulk.insert_rows(table, self.tables[table], rows)

    def finish(self) -> None:
        """Wait until the batch last started is written; raise what went wrong in doing so."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            with connection.wrap_database_errors:  # the driver's errors as Django's, as elsewhere
                raise error

    def end(self) -> None:
        """After the last batch, still inside the import's transaction."""
        self.finish()
        self.refresh_statistics()

    def refresh_statistics(self) -> None:
        """Fresh planner statistics for the written tables after an import that changed them much."""
        written = self.people_written
        if written < STATISTICS_FROM_ROWS or written * _STATISTICS_SHARE < self.people_before:
            return
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"ANALYZE {table}")

    def abandon(self) -> None:
        """The import failed: let the thread end, so that the rollback has the connection."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._error = None

    def _in_thread(self, work: Callable[[], None]) -> None:
        def run() -> None:
            try:
                work()
            except BaseException as error:  # noqa: BLE001 -- handed to the caller by finish()
                self._error = error

        self._thread = threading.Thread(target=run, name="homeward-import-writer", daemon=True)
        self._thread.start()


class SQLiteWriter(BatchWriter):
    def __init__(self, tables: dict[str, tuple[str, ...]]):
        super().__init__(tables)
        self._automerge = _FTS_AUTOMERGE
        self._pragmas: dict[str, int] = {}

    def begin(self) -> None:
        super().begin()
        fts = search_index.FTS_TABLE
        with connection.cursor() as cursor:
            # A bigger page cache and no memory map while the import runs: pages the import
            # changes again and again stay in the cache instead of going out to the WAL file and
            # back (a million rows: a quarter less written, a tenth less time), and the process
            # holds about as much memory as with the map.
            for pragma, value in _SQLITE_IMPORT_PRAGMAS.items():
                cursor.execute(f"PRAGMA {pragma}")
                current = cursor.fetchone()
                if current is None:  # not a setting of this database (no memory map in memory)
                    continue
                self._pragmas[pragma] = current[0]
                cursor.execute(f"PRAGMA {pragma} = {value}")
            # Inside the import's transaction, so a failed import leaves these as they were.
            for statement in search_index.SQLITE_TRIGGERS_OFF:
                cursor.execute(statement)
            cursor.execute(f"SELECT v FROM {fts}_config WHERE k = 'automerge'")  # noqa: S608 -- constant
            row = cursor.fetchone()
            self._automerge = int(row[0]) if row else _FTS_AUTOMERGE
            # FTS5 merges its segments as they pile up, by default four at a time; sixteen at a
            # time, a million people are indexed in two thirds of the time.
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', {_FTS_IMPORT_AUTOMERGE})")  # noqa: S608

    def start(self, out: dict[str, list], new_people: list[int]) -> None:
        self.people_written += len(new_people)
        self.write_now(out)
        if not new_people:
            return
        raw = connection.connection  # Django made it usable from any thread (check_same_thread off)
        first, last = min(new_people), max(new_people)
        statement = (
            f"INSERT INTO {search_index.FTS_TABLE}(rowid, search_text) "  # noqa: S608 -- constant name
            "SELECT id, search_text FROM people_person WHERE id BETWEEN ? AND ?"
        )
        # One statement: SQLite runs it whole without Python's lock. The batch's ids are consecutive
        # (bulk.NewIds on SQLite), so the range holds this batch's people and nobody else's.
        self._in_thread(lambda: raw.execute(statement, (first, last)))

    def end(self) -> None:
        self.finish()
        fts = search_index.FTS_TABLE
        with connection.cursor() as cursor:
            for statement in search_index.SQLITE_TRIGGERS_ON:
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', {self._automerge})")  # noqa: S608
            # Some merging now, so that searches do not read many small segments meanwhile.
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('merge', {_FTS_MERGE_PAGES})")  # noqa: S608
            for pragma, value in self._pragmas.items():
                cursor.execute(f"PRAGMA {pragma} = {int(value)}")
        self.refresh_statistics()

    def abandon(self) -> None:
        super().abandon()
        with connection.cursor() as cursor:
            for pragma, value in self._pragmas.items():
                cursor.execute(f"PRAGMA {pragma} = {int(value)}")


class PostgreSQLWriter(BatchWriter):
    def __init__(self, tables: dict[str, tuple[str, ...]]):
        super().__init__(tables)
        self.bulk = False  # a big import: the written tables' secondary indexes and foreign keys off
        self._links: list[tuple[str, str, str]] = []  # (table, foreign key, its definition)
        self._indexes: list[str] = []  # the definitions of the indexes dropped

    def begin(self) -> None:
        super().begin()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def first_batch(self, expected_rows: int) -> None:
        if expected_rows < BULK_FROM_ROWS or expected_rows < self.people_before:
            return
        written = list(self.tables)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{_LOCK_TIMEOUT}'")
                links = _foreign_keys_of(written)
                for table, name, _definition in links:
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                indexes = _secondary_indexes(written)
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
                cursor.execute("SET LOCAL lock_timeout = DEFAULT")
        except DatabaseError:
            return  # a reader holds a table: write the slow way rather than make everyone wait
        self.bulk = True
        self._links = links
        self._indexes = [definition for _name, definition in indexes]

    def start(self, out: dict[str, list], new_people: list[int]) -> None:
        self.people_written += len(new_people)
        raw = connection.connection
        work = [(table, self.tables[table], rows) for table, rows in out.items() if rows]

        def copy_all() -> None:
            for table, columns, rows in work:
                bulk.copy_rows(raw, table, columns, rows)

        self._in_thread(copy_all)

    def end(self) -> None:
        self.finish()
        if self.bulk:
            self._restore_links_and_indexes()
        self.refresh_statistics()

    def _restore_links_and_indexes(self) -> None:
        with connection.cursor() as cursor:
            # Each foreign key comes back checked against every row at once (one join, not a
            # look-up per row); a row that breaks one fails the import, as it would have anyway.
            for table, name, definition in self._links:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{_INDEX_MEMORY}'")
            for definition in self._indexes:
                cursor.execute(definition)
            cursor.execute("SET LOCAL maintenance_work_mem = DEFAULT")
        self.bulk, self._links, self._indexes = False, [], []


def _foreign_keys_of(tables: list[str]) -> list[tuple[str, str, str]]:
    """Every foreign key of ``tables``: (table, constraint, definition)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        return cursor.fetchall()


def _secondary_indexes(tables: list[str]) -> list[tuple[str, str]]:
    """The indexes of ``tables`` that no constraint needs (not primary keys or unique ones):
    (name, definition). The search index is one of them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY 1",
            [tables],
        )
        return cursor.fetchall()


def _people_count() -> int:
    """About how many people the table holds (PostgreSQL: the planner's estimate, or a count if it
    has none)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT COUNT(*) FROM people_person")
            return cursor.fetchone()[0]
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'people_person'::regclass")
        estimate = cursor.fetchone()[0]
        if estimate is not None and estimate >= 0:
            return int(estimate)
        cursor.execute("SELECT COUNT(*) FROM people_person")
        return cursor.fetchone()[0]


def writer_for(tables: dict[str, tuple[str, ...]]) -> BatchWriter:
    if connection.vendor == "postgresql":
        return PostgreSQLWriter(tables)
    if connection.vendor == "sqlite":
        return SQLiteWriter(tables)
    return BatchWriter(tables)
