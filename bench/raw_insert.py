"""The raw engine's bulk insert speed on this machine, for comparison with `homeward demo`.

Writes 1M rows shaped like people_person (ids, names, a date, search keys) into a scratch table
with the fastest plain path: executemany on SQLite, COPY on PostgreSQL. Prints JSON.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

ROWS = int(os.environ.get("BENCH_RAW_ROWS", "1000000"))


def rows():
    for n in range(ROWS):
        yield (
            n + 1,
            "محمد",
            "Mohammad",
            "احمد",
            "Ahmad",
            "1990-01-01",
            f"محمد | mohammad | احمد | ahmad | {n:09d}",
        )


def main() -> None:
    columns = "id, given_name, given_name_latin, father_name, father_name_latin, birth_on, search_text"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_insert")
        cursor.execute(
            "CREATE TABLE bench_raw_insert (id bigint primary key, given_name varchar(100), "
            "given_name_latin varchar(100), father_name varchar(100), father_name_latin varchar(100), "
            "birth_on date, search_text text)"
        )
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY bench_raw_insert ({columns}) FROM STDIN") as copy,
            ):
                for row in rows():
                    copy.write_row(row)
        else:
            connection.ensure_connection()
            connection.connection.executemany(
                f"INSERT INTO bench_raw_insert ({columns}) VALUES (?,?,?,?,?,?,?)", rows()
            )
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_insert")
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "rows": ROWS,
                "seconds": round(elapsed, 2),
                "rows_per_second": round(ROWS / elapsed),
            }
        )
    )


if __name__ == "__main__":
    main()
