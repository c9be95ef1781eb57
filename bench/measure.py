"""Measure Homeward against the database named by DATABASE_URL (already loaded with demo data).

Prints one JSON object: end-to-end timings of pages through Django's full stack (middleware,
view, template; in-process test client, no HTTP), and the same questions asked of the raw engine.
"""

import base64
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from access import policy  # noqa: E402
from accounts.models import User  # noqa: E402
from accounts.tests.helpers import sign_in  # noqa: E402
from people import search_index  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
FIGURE_ROUNDS = 5
WARM_UP_ROUNDS = 5
NAME_QUERIES = {
    "arabic_script": ["محمد", "حسینی", "عبدالله", "فاطمه", "احمدزی", "كريمي", "زرغونه", "گل احمد"],
    "latin": ["Mohammad", "Hosseini", "Abdullah", "Fatima", "Ahmadzai", "Karimi", "Zarghona", "Gul Ahmad"],
    "cyrillic": ["Гусейнов", "Алиева", "Мамедов"],
    "phone_or_document": ["0701", "93787", "1400", "P0029"],
    "rare_or_absent": ["Zzyzx", "ووووو"],
}


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
    }


def timed(call) -> float:
    started = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    if response is not None and response.status_code != 200:
        raise SystemExit(f"benchmark request failed with {response.status_code}")
    return elapsed


def raw_search(terms: list[str]):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = " AND ".join(f'"{t}"' for t in search_index.indexed_terms(terms))
            cursor.execute(
                "SELECT p.id, p.given_name, p.family_name FROM people_person_fts f JOIN people_person p "
                "ON p.id = f.rowid WHERE people_person_fts MATCH %s ORDER BY f.rowid DESC LIMIT 26",
                [expression],
            )
        else:
            where = " AND ".join(["search_text LIKE %s"] * len(terms))
            cursor.execute(
                f"SELECT id, given_name, family_name FROM people_person WHERE {where} "  # noqa: S608
                "ORDER BY id DESC LIMIT 26",
                [f"%{t}%" for t in terms],
            )
        cursor.fetchall()


def raw_person(person_id: int):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person WHERE id = %s", [person_id])
        cursor.fetchall()
        cursor.execute("SELECT * FROM people_identitydocument WHERE person_id = %s", [person_id])
        cursor.fetchall()
        cursor.execute(
            "SELECT e.* FROM people_returnevent e JOIN people_returneventperson r ON r.return_event_id = e.id "
            "WHERE r.person_id = %s",
            [person_id],
        )
        cursor.fetchall()


def main() -> None:
    client = Client()
    # The supervisor signs in with the second factor too, as every page of theirs requires it.
    supervisor = User.objects.get(username="supervisor")
    sign_in(client, supervisor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM people_person")
        low, high = cursor.fetchone()
    rng = random.Random(7)
    results: dict[str, dict] = {"vendor": connection.vendor, "people": high - low + 1}

    for group, queries in NAME_QUERIES.items():
        for _ in range(WARM_UP_ROUNDS):  # a server that has been answering for a while, not a cold one
            for query in queries:
                client.get("/people/", {"q": query})
        app = [
            timed(lambda q=query: client.get("/people/", {"q": q}))
            for _ in range(ROUNDS // len(queries))
            for query in queries
        ]
        raw = [
            timed(lambda q=query: raw_search(search_index.query_terms(q)))
            for _ in range(ROUNDS // len(queries))
            for query in queries
        ]
        results[f"search_{group}"] = {"app": summary(app), "raw": summary(raw)}

    # People the supervisor may open (another organisation's would answer 404): the first visible
    # id at or after a random one.
    visible = policy.people_visible_to(supervisor).order_by("pk").values_list("pk", flat=True)
    ids = [visible.filter(pk__gte=rng.randint(low, high)).first() or visible.first() for _ in range(ROUNDS)]
    for person_id in ids[:10]:
        client.get(f"/people/{person_id}/")
    app = [timed(lambda i=i: client.get(f"/people/{i}/")) for i in ids]
    raw = [timed(lambda i=i: raw_person(i)) for i in ids]
    results["person_page"] = {"app": summary(app), "raw": summary(raw)}

    app = [timed(lambda: client.get("/people/")) for _ in range(ROUNDS // 4)]
    next_pages = [timed(lambda i=i: client.get("/people/", {"before": i})) for i in ids[: ROUNDS // 4]]
    results["people_list"] = {"app": summary(app + next_pages)}
    # The figures page counts the whole organisation (several GROUP BYs over every person) on its
    # first view, then shows the kept figures for HOMEWARD_FIGURES_MINUTES: a few rounds of each.
    counted = []
    for _ in range(FIGURE_ROUNDS):
        cache.clear()
        counted.append(timed(lambda: client.get("/reports/")))
    results["figures_page_counted"] = {"app": summary(counted)}
    kept = [timed(lambda: client.get("/reports/")) for _ in range(FIGURE_ROUNDS)]
    results["figures_page"] = {"app": summary(kept)}
    results.update(measure_api(ids))
    print(json.dumps(results))


def _cursor(before_id: int) -> str:
    """The API's cursor for the page that starts below ``before_id`` (what a `next` link holds)."""
    return base64.b64encode(f"p={before_id}".encode()).decode()


def raw_list(table: str, before_id: int | None, children: list[tuple[str, str]]):
    with connection.cursor() as cursor:
        where = "WHERE id < %s " if before_id else ""
        cursor.execute(
            f"SELECT * FROM {table} {where}ORDER BY id DESC LIMIT 51",  # noqa: S608
            [before_id] if before_id else [],
        )
        ids = [row[0] for row in cursor.fetchall()]
        for child, column in children:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"SELECT * FROM {child} WHERE {column} IN ({marks})", ids)  # noqa: S608
            cursor.fetchall()


def measure_api(ids: list[int]) -> dict[str, dict]:
    """The REST API's list endpoints with a real token (HashedTokenAuthentication, the policy, the
    serializers and JSON), first pages and pages further down by cursor."""
    from api.services import api_token_create

    _token, key = api_token_create(actor=User.objects.get(username="supervisor"), name="benchmark")
    client = Client(headers={"Authorization": f"Token {key}"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM people_returnevent")
        event_low, event_high = cursor.fetchone()
    rng = random.Random(11)
    event_ids = [rng.randint(event_low, event_high) for _ in range(ROUNDS // 2)]
    queries = NAME_QUERIES["latin"] + NAME_QUERIES["arabic_script"] + NAME_QUERIES["phone_or_document"]
    people = "/api/v1/people/"
    events = "/api/v1/return-events/"
    client.get(people)
    client.get(events)
    for query in queries:  # warm caches once
        client.get(people, {"q": query})

    app = [timed(lambda: client.get(people)) for _ in range(ROUNDS // 2)]
    app += [timed(lambda i=i: client.get(people, {"cursor": _cursor(i)})) for i in ids[: ROUNDS // 2]]
    raw = [timed(lambda i=i: raw_list("people_person", i, PERSON_CHILDREN)) for i in ids[: ROUNDS // 2]]
    results = {"api_people_list": {"app": summary(app), "raw": summary(raw)}}

    app = [
        timed(lambda q=query: client.get(people, {"q": q}))
        for _ in range(ROUNDS // len(queries))
        for query in queries
    ]
    raw = [
        timed(lambda q=query: raw_search(search_index.query_terms(q)))
        for _ in range(ROUNDS // len(queries))
        for query in queries
    ]
    results["api_people_search"] = {"app": summary(app), "raw": summary(raw)}

    app = [timed(lambda: client.get(events)) for _ in range(ROUNDS // 2)]
    app += [timed(lambda i=i: client.get(events, {"cursor": _cursor(i)})) for i in event_ids]
    raw = [timed(lambda i=i: raw_list("people_returnevent", i, EVENT_CHILDREN)) for i in event_ids]
    results["api_return_events_list"] = {"app": summary(app), "raw": summary(raw)}
    return results


PERSON_CHILDREN = [("people_phone", "person_id"), ("people_identitydocument", "person_id")]
EVENT_CHILDREN = [("people_returneventperson", "return_event_id")]


if __name__ == "__main__":
    main()
