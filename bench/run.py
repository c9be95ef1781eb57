"""`make bench`: load the demo population and time it, measure search and pages, compare with the
raw engine, and write docs/benchmarks.md.

    python bench/run.py [--people 1000000] [--engine sqlite|postgresql|all]

SQLite uses a scratch file under var/bench/; PostgreSQL uses TEST_DATABASE_URL's server if set,
otherwise a throwaway cluster (scripts/with-postgres.sh). Both are emptied first.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VENV_BIN = ROOT / ".venv" / "bin"


def run(command: list[str], env: dict[str, str]) -> str:
    completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return completed.stdout


def measure_engine(engine: str, people: int) -> dict:
    env = {**os.environ, "DEBUG": "false"}
    if engine == "sqlite":
        database = ROOT / "var" / "bench" / "bench.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        for leftover in database.parent.glob("bench.sqlite3*"):
            leftover.unlink()
        env["DATABASE_URL"] = f"sqlite:///{database}"
    homeward = str(VENV_BIN / "homeward")
    python = str(VENV_BIN / "python")
    run([homeward, "migrate", "--no-input", "-v", "0"], env)
    run([homeward, "locations", "import"], env)
    run([homeward, "demo_accounts"], env)
    print(f"[{engine}] loading {people:,} demo people…", flush=True)
    started = time.monotonic()
    run([homeward, "demo", "--people", str(people)], env)
    load_seconds = time.monotonic() - started
    print(f"[{engine}] loaded in {load_seconds:.1f} s; measuring…", flush=True)
    raw_insert = json.loads(run([python, "bench/raw_insert.py"], env).strip().splitlines()[-1])
    pages = json.loads(run([python, "bench/measure.py"], env).strip().splitlines()[-1])
    export = json.loads(run([python, "bench/export.py"], env).strip().splitlines()[-1])
    imported = measure_import(engine, people, env)
    return {
        "engine": engine,
        "people": people,
        "demo_load_seconds": round(load_seconds, 1),
        "raw_insert": raw_insert,
        "pages": pages,
        "export": export,
        "import": imported,
    }


def _import_database(engine: str, env: dict[str, str]) -> dict[str, str]:
    """A fresh, empty database beside the benchmark's for the import to fill."""
    env = dict(env)
    if engine == "sqlite":
        database = ROOT / "var" / "bench" / "import.sqlite3"
        for leftover in database.parent.glob("import.sqlite3*"):
            leftover.unlink()
        env["DATABASE_URL"] = f"sqlite:///{database}"
        return env
    import psycopg

    base = env["DATABASE_URL"]
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS homeward_import")
        connection.execute("CREATE DATABASE homeward_import")
    env["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/homeward_import"
    return env


def measure_import(engine: str, people: int, env: dict[str, str]) -> dict:
    """`homeward import FILE --commit` of a standard-layout CSV of ``people`` rows into an empty
    database (reference data only), end to end: reading, checking, households, writing, indexing."""
    env = _import_database(engine, env)
    homeward = str(VENV_BIN / "homeward")
    run([homeward, "migrate", "--no-input", "-v", "0"], env)
    run([homeward, "locations", "import"], env)
    run([homeward, "demo_accounts"], env)
    csv_file = ROOT / "var" / "bench" / f"import-{people}.csv"
    if not csv_file.exists():
        run([str(VENV_BIN / "python"), "bench/import_file.py", str(csv_file), str(people)], env)
    print(f"[{engine}] importing {people:,} rows…", flush=True)
    started = time.monotonic()
    completed = subprocess.run(
        [homeward, "import", str(csv_file), "--commit"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    if completed.returncode not in (0, 3):
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit("failed: homeward import")
    summary = completed.stdout.strip().splitlines()[-1]
    return {
        "rows": people,
        "megabytes": round(csv_file.stat().st_size / 1e6),
        "seconds": round(seconds, 1),
        "rows_per_second": round(people / seconds),
        "summary": summary,
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def write_report() -> None:
    results = {path.stem: json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py). Each figure from Homeward stands beside what the database",
        "engine does alone on the same machine, so the overhead of our code is visible. Page timings go",
        "through Django's whole stack in-process (middleware, session, access policy, audit write, template),",
        "without HTTP; a person's page includes writing its audit row.",
        "",
    ]
    for engine, result in results.items():
        pages = result["pages"]
        raw = result["raw_insert"]
        demo_rate = result["people"] / result["demo_load_seconds"]
        lines += [
            f"## {engine} — {result['people']:,} people — {result['date']}",
            "",
            f"Machine: {result['machine']}.",
            "",
            "| what | Homeward | raw engine | target |",
            "|---|---|---|---|",
            f"| `homeward demo --people {result['people']}` | {result['demo_load_seconds']} s "
            f"({demo_rate:,.0f} people/s, about 5.5 rows each) | {raw['rows_per_second']:,} rows/s "
            f"({'COPY' if engine == 'postgresql' else 'executemany'}, 7 columns) | < 180 s |",
        ]
        labels = {
            "search_arabic_script": "name search, Arabic script",
            "search_latin": "name search, Latin",
            "search_cyrillic": "name search, Cyrillic",
            "search_phone_or_document": "phone / document number search",
            "search_rare_or_absent": "search with no or few hits",
            "person_page": "a person's page",
            "people_list": "people list, first and later pages",
            "api_people_list": "API: people list, first and later pages (token)",
            "api_people_search": "API: people search `?q=` (Latin, Arabic script, numbers)",
            "api_return_events_list": "API: return events list, first and later pages",
            "figures_page_counted": "figures page, first view: counts the whole organisation (5 rounds)",
            "figures_page": "figures page, later views: the figures kept for 10 minutes (5 rounds)",
        }
        for key, label in labels.items():
            if key not in pages:
                continue
            app = pages[key]["app"]
            raw_figure = pages[key].get("raw")
            raw_text = f"p50 {raw_figure['p50_ms']} ms, p95 {raw_figure['p95_ms']} ms" if raw_figure else "—"
            target = (
                "p95 < 30 ms"
                if key.startswith("search")
                else ("p95 < 50 ms" if key == "person_page" or key.startswith("api_") else "no COUNT(*)")
            )
            if key.startswith("figures_page"):
                target = "— (none set)"
            lines.append(
                f"| {label} | p50 {app['p50_ms']} ms, **p95 {app['p95_ms']} ms** | {raw_text} | {target} |"
            )
        if imported := result.get("import"):
            lines.append(
                f"| `homeward import FILE --commit`, {imported['rows']:,}-row standard-layout CSV "
                f"({imported['megabytes']} MB) into an empty database | **{imported['seconds']} s** "
                f"({imported['rows_per_second']:,} rows/s, about 7 table rows each) | {raw['rows_per_second']:,} "
                f"rows/s | < 120 s |"
            )
        if export := result.get("export"):
            raw_export = export["raw"]
            lines.append(
                f"| `homeward export people` CSV, {export['csv']['rows']:,} rows ({export['csv']['megabytes']} MB) "
                f"| **{export['csv']['seconds']} s** ({export['csv']['rows_per_second']:,} rows/s); JSON "
                f"{export['json']['seconds']} s; XLSX {export['xlsx']['rows_per_second']:,} rows/s "
                f"| {raw_export['seconds']} s ({raw_export['rows_per_second']:,} rows/s): the same rows read "
                "with plain cursors, unformatted | 1M in < 60 s |"
            )
        lines.append("")
    lines += [
        "Raw search: SQLite FTS5 trigram `MATCH … ORDER BY rowid DESC LIMIT 26` joined to the row; PostgreSQL",
        "`search_text LIKE '%…%' ORDER BY id DESC LIMIT 26` on the pg_trgm GIN index. Raw person: the person,",
        "documents and returns by primary key. Re-run: `make bench` (about 25 minutes for both engines).",
        "",
        "The pages are those of the demo's nationwide supervisor, so the access policy's organisation filter",
        "is in every query: the demo holds two organisations, and most Azerbaijani (Cyrillic) names belong",
        "to the other one, which makes them the hardest case — many index hits, few the reader may see.",
        "SQLite keeps only the visible hits in the same statement as it reads them (`id IN (the next",
        "2,000 hits) AND visible`).",
        "",
        "Why Homeward can beat the raw PostgreSQL query: a GIN index cannot return rows newest first, so for",
        'a common word ("mohammad" matches 29% of people) the plain query fetches and sorts every match.',
        "Homeward reads the newest 10,000 rows by primary key and the trigram index's older hits in one",
        "statement, `(window LIMIT n) UNION ALL (older LIMIT n) LIMIT n`, and PostgreSQL stops before the",
        "older half when the window fills the page (common words). The targets for `homeward demo` apply",
        "to SQLite; on PostgreSQL, generating the rows in Python takes about 70 s of it, and the rest is",
        "spent inside the server (COPY with deferred foreign-key checks, the GIN build, ANALYZE, and a",
        "VACUUM so that the measurements do not meet autovacuum and first-read hint-bit writes).",
        "",
        "A big import on PostgreSQL drops the written tables' secondary indexes and foreign keys and puts",
        "them back at the end (exchange/importing/writing.py); both engines refresh the planner's",
        "statistics after it. Every import row also writes its `person.imported` audit event, in bulk,",
        "in the import's transaction; a person's page writes its `read` audit event in the request.",
        "",
    ]
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite docs/benchmarks.md from bench/results/"
    )
    arguments = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not arguments.report_only:
        engines = ["sqlite", "postgresql"] if arguments.engine == "all" else [arguments.engine]
        for engine in engines:
            if engine == "postgresql" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
                # Re-run this script for PostgreSQL inside a throwaway cluster (or TEST_DATABASE_URL's).
                subprocess.run(
                    [
                        str(ROOT / "scripts" / "with-postgres.sh"),
                        sys.executable,
                        __file__,
                        "--engine",
                        "postgresql",
                        "--people",
                        str(arguments.people),
                    ],
                    check=True,
                    env={key: value for key, value in os.environ.items() if key != "TEST_DATABASE_URL"},
                )
                continue
            result = measure_engine(engine, arguments.people)
            result["date"] = datetime.date.today().isoformat()  # noqa: DTZ011 -- the report's calendar date
            result["machine"] = machine()
            (RESULTS / f"{engine}.json").write_text(json.dumps(result, indent=2))
    write_report()
    print((ROOT / "docs" / "benchmarks.md").read_text())


if __name__ == "__main__":
    main()
