"""Fast loading of many rows: executemany on SQLite, COPY on PostgreSQL.

Django's bulk_create manages 16–25k rows/s here; these paths manage about ten times that. Callers
pass plain tuples in column order: dates and datetimes as ISO strings (datetimes naive UTC).
"""

import sqlite3
from collections.abc import Iterable, Sequence

from django.db import connection

_PG_IN_CHUNK = 50_000


def next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 -- table names are ours
        return cursor.fetchone()[0]


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert ``rows`` into ``table``; runs inside the caller's transaction. The driver's errors
    come out as Django's (IntegrityError…), as through the ORM."""
    connection.ensure_connection()
    with connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            copy_rows(connection.connection, table, columns, rows)
            return
        column_list = ", ".join(columns)
        placeholders = ", ".join("?" * len(columns))
        connection.connection.executemany(
            f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})",  # noqa: S608 -- table names are ours
            rows,
        )


def copy_rows(raw, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """PostgreSQL: COPY ``rows`` into ``table`` through ``raw``, the driver's connection (which a
    thread may use while the thread that owns Django's connection leaves it alone)."""
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def select_in(sql: str, values: Sequence, params: Sequence = (), *, cast: str = "") -> list[tuple]:
    """The rows of ``sql`` + `` IN (values)``: ``sql`` ends with the column compared, e.g.
    ``SELECT id FROM people_person WHERE uid``. Through the driver, without the ORM (which spends
    longer building a query with thousands of values than the database spends answering it), in
    chunks the engine accepts. ``cast``: PostgreSQL's array type for the values (``uuid[]``)."""
    if not values:
        return []
    values = list(values)
    found: list[tuple] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            statement = f"{sql} = ANY(%s{'::' + cast if cast else ''})"
            chunk = _PG_IN_CHUNK
        else:
            connection.ensure_connection()
            limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            chunk = max(limit - len(params), 1)
        for start in range(0, len(values), chunk):
            part = values[start : start + chunk]
            if connection.vendor == "postgresql":
                cursor.execute(statement, [*params, part])
            else:
                cursor.execute(f"{sql} IN ({', '.join(['%s'] * len(part))})", [*params, *part])
            found.extend(cursor.fetchall())
    return found


def reset_sequences(tables: Sequence[str]) -> None:
    """After explicit ids were written, point PostgreSQL's id sequences past them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 -- table names are ours
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )


class NewIds:
    """New ids for rows a bulk load writes with their ids, safe beside other writers.

    PostgreSQL: drawn from each table's sequence, ``block`` at a time, so web requests saving
    meanwhile never collide (ids left over at the end are skipped, as sequences allow). SQLite:
    counted on from the table's MAX(id) + 1, read once: the caller holds the database's write lock
    (an IMMEDIATE transaction) and, while it uses this, inserts into the table only with ids from
    here. ``ensure`` does any query ahead, so that ``take`` needs no database.
    """

    def __init__(self, block: int = 10_000):
        self.block = block
        self.postgresql = connection.vendor == "postgresql"
        self._next: dict[str, int] = {}  # SQLite: the next id of each table
        self._drawn: dict[str, list[int]] = {}  # PostgreSQL: ids drawn and not yet taken, reversed
        self._sequences: dict[str, str] = {}

    def ensure(self, table: str, count: int) -> None:
        """Make the next ``count`` ids of ``table`` ready."""
        if not self.postgresql:
            if table not in self._next:
                self._next[table] = next_id(table)
            return
        drawn = self._drawn.setdefault(table, [])
        if len(drawn) < count:
            fresh = self._draw(table, max(count - len(drawn), self.block))
            drawn[:0] = fresh[::-1]

    def take(self, table: str, count: int) -> list[int]:
        if count <= 0:
            return []
        self.ensure(table, count)
        if not self.postgresql:
            first = self._next[table]
            self._next[table] = first + count
            return list(range(first, first + count))
        drawn = self._drawn[table]
        taken = drawn[-count:][::-1]
        del drawn[-count:]
        return taken

    def _draw(self, table: str, count: int) -> list[int]:
        with connection.cursor() as cursor:
            if table not in self._sequences:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                self._sequences[table] = cursor.fetchone()[0]
            # The sequence named once: pg_get_serial_sequence() per row would cost six times as much.
            cursor.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [self._sequences[table], count]
            )
            return [row[0] for row in cursor.fetchall()]
