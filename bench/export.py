"""Measure `homeward export` against the database named by DATABASE_URL (already loaded).

Prints one JSON object: the people export in the standard layout as CSV and JSON (every row,
written to a file under var/bench/, as the command does), XLSX on the first BENCH_XLSX_ROWS rows,
and the raw engine reading the same data — the person columns with the household's identifier,
then every phone, document, current membership and return link — with plain cursors and no
formatting, which is the least any export must spend.
"""

import itertools
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from access import policy  # noqa: E402
from exchange import exporting  # noqa: E402

XLSX_ROWS = int(os.environ.get("BENCH_XLSX_ROWS", "50000"))
SCRATCH = ROOT / "var" / "bench"

RAW_QUERIES = (
    "SELECT p.id, p.uid, p.given_name, p.given_name_latin, p.father_name, p.father_name_latin, "
    "p.grandfather_name, p.grandfather_name_latin, p.family_name, p.family_name_latin, p.sex, p.birth_on, "
    "p.birth_precision, h.uid FROM people_person p LEFT JOIN people_household h ON h.id = p.household_id "
    "ORDER BY p.id",
    "SELECT person_id, e164, number FROM people_phone ORDER BY id",
    "SELECT person_id, document_type_id, number FROM people_identitydocument ORDER BY id",
    "SELECT person_id, household_id, relationship_id FROM people_householdmembership WHERE left_on IS NULL",
    "SELECT r.person_id, e.id, e.arrived_on, e.border_crossing_id, e.returned_from_id, e.return_type_id, "
    "e.destination_province_id, e.destination_district_id FROM people_returneventperson r "
    "JOIN people_returnevent e ON e.id = r.return_event_id",
)


def raw_read() -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for query in RAW_QUERIES:
            cursor.execute(query)
            while cursor.fetchmany(10_000):
                pass
    return time.perf_counter() - started


def export_file(format: str) -> tuple[float, int, int]:
    path = SCRATCH / f"export.{format}"
    started = time.perf_counter()
    with path.open("wb") as out:
        rows = exporting.export_to_file(actor=policy.COMMAND_LINE, kind="people", format=format, out=out)
    seconds = time.perf_counter() - started
    size = path.stat().st_size
    path.unlink()
    return seconds, rows, size


def xlsx_sample() -> tuple[float, int]:
    path = SCRATCH / "export.xlsx"
    chunks = exporting.export_row_chunks("people", policy.COMMAND_LINE)
    sample = itertools.islice(chunks, max(1, XLSX_ROWS // exporting.CHUNK_SIZE))
    counted = []
    started = time.perf_counter()
    with path.open("wb") as out:
        exporting._xlsx_write("people", (counted.append(len(rows)) or rows for rows in sample), out)
    seconds = time.perf_counter() - started
    path.unlink()
    return seconds, sum(counted)


def main() -> None:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    raw_read()  # warm the cache as an export right after another would find it
    raw_seconds = raw_read()
    results: dict[str, dict] = {}
    for format in ("csv", "json"):
        seconds, rows, size = export_file(format)
        results[format] = {
            "rows": rows,
            "seconds": round(seconds, 1),
            "rows_per_second": round(rows / seconds),
            "megabytes": round(size / 1e6),
        }
    seconds, rows = xlsx_sample()
    results["xlsx"] = {"rows": rows, "seconds": round(seconds, 1), "rows_per_second": round(rows / seconds)}
    people = results["csv"]["rows"]
    results["raw"] = {
        "rows": people,
        "seconds": round(raw_seconds, 1),
        "rows_per_second": round(people / raw_seconds),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
