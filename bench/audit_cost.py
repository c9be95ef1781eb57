"""What recording the audit trail costs (issue 6), against the database named by DATABASE_URL.

    python bench/audit_cost.py pages          # a loaded demo database (make bench leaves one)
    python bench/audit_cost.py import FILE    # an empty, migrated database with the reference data

``pages`` times a person's page with and without its ``read`` event, interleaved (the event is
patched out for every other page); ``import`` runs ``homeward import FILE --commit`` with the
import's per-person events patched out, to compare with the benchmark's import with them.
Results as in docs/audit.md.
"""

import contextlib
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

PAGES = 400


def _summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms (n={len(ordered)})"


def pages() -> None:
    from django.test import Client

    from access import policy
    from accounts.models import User
    from accounts.tests.helpers import sign_in
    from audit import services

    client = Client()
    supervisor = User.objects.get(username="supervisor")
    sign_in(client, supervisor)
    visible = policy.people_visible_to(supervisor).order_by("pk").values_list("pk", flat=True)
    highest = visible.last()
    rng = random.Random(3)
    ids = [visible.filter(pk__gte=rng.randint(1, highest)).first() for _ in range(PAGES)]
    recording = services.record_read

    def timed(person_id: int) -> float:
        started = time.perf_counter()
        response = client.get(f"/people/{person_id}/")
        assert response.status_code == 200
        return (time.perf_counter() - started) * 1000

    for person_id in ids[:10]:
        timed(person_id)
    with_event, without = [], []
    for index, person_id in enumerate(ids):
        if index % 2:
            services.record_read = lambda **kwargs: None
            without.append(timed(person_id))
            services.record_read = recording
        else:
            with_event.append(timed(person_id))
    print("person page with its audit event   ", _summary(with_event))
    print("person page without its audit event", _summary(without))


def import_without_events(path: str) -> None:
    from django.core.management import call_command

    from exchange.importing import run

    run.BatchImporter._audit_rows = lambda self, ids, action: []
    started = time.monotonic()
    with contextlib.suppress(SystemExit):  # exit status 3 when some rows are rejected
        call_command("import", path, commit=True)
    print(f"import without per-person audit events: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["pages"]:
        pages()
    elif sys.argv[1:2] == ["import"] and len(sys.argv) == 3:
        import_without_events(sys.argv[2])
    else:
        raise SystemExit(__doc__)
