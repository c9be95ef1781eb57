import sys

from django.core.management.base import BaseCommand

from people.services import people_search_reindex


class Command(BaseCommand):
    help = "Rebuild every person's search keys (after an upgrade changed how names are matched)."

    def handle(self, **options):
        interactive = sys.stderr.isatty()

        def progress(done: int) -> None:
            if interactive:
                self.stderr.write(f"\r{done:>10,} people", ending="")

        done = people_search_reindex(progress=progress)
        if interactive:
            self.stderr.write("")
        self.stdout.write(f"Search keys rebuilt for {done:,} people.")
