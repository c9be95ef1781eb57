import sys
import time

from django.core.management.base import BaseCommand, CommandError

from demo.services import demo_population_exists, demo_population_load


class Command(BaseCommand):
    help = "Generate a realistic synthetic population of returnees (households, names, returns, documents)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=20_000, help="about how many people (default 20000)"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed: the same seed gives the same people"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when people are already registered"
        )

    def handle(self, *, people, seed, if_empty, **options):
        if people < 1:
            raise CommandError("--people must be at least 1")
        if if_empty and demo_population_exists():
            self.stdout.write("People are already registered: demo data not loaded.")
            return
        started = time.monotonic()
        interactive = sys.stderr.isatty()

        def progress(done: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-6)
            line = f"\r{done:>10,} / {people:,} people  ({rate:,.0f}/s)"
            if interactive:
                self.stderr.write(line, ending="")
                self.stderr.flush()

        written = demo_population_load(people=people, seed=seed, progress=progress)
        if interactive:
            self.stderr.write("")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Loaded {written:,} demo people in {elapsed:.1f} s ({written / elapsed:,.0f} people/s)."
        )
