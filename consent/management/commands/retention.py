"""homeward retention [--dry-run]

Applies the retention periods (settings.HOMEWARD_RETENTION, see consent/retention.py): anonymises
people inactive for too long, deletes old import files and old decided erasure requests. With
--dry-run only lists what is due: a count per kind and the first ids. Audited; safe to run again.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consent import retention

LABELS = {
    "inactive_people": gettext_lazy("People with no activity (to anonymise)"),
    "import_files": gettext_lazy("Import files (to delete)"),
    "closed_erasure_requests": gettext_lazy("Decided erasure requests (to delete)"),
}


class Command(BaseCommand):
    help = _("Anonymise or delete what is past its retention period (--dry-run: only list it).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("only list what is due"))

    def handle(self, *, dry_run, **options):
        periods = retention.periods()
        for item in retention.due():
            first = ", ".join(str(pk) for pk in item.ids[: retention.FIRST_IDS])
            more = " …" if len(item.ids) > retention.FIRST_IDS else ""
            self.stdout.write(
                _("%(label)s: %(count)d%(first)s")
                % {
                    "label": LABELS[item.kind],
                    "count": len(item.ids),
                    "first": f" ({first}{more})" if item.ids else "",
                }
            )
        self.stdout.write(
            _("Periods in days: %(periods)s")
            % {"periods": ", ".join(f"{key}={value}" for key, value in periods.items())}
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing changed."))
            return

        def progress(kind, done, total):
            self.stderr.write(f"{kind}: {done}/{total}", style_func=lambda text: text)

        done = retention.apply(progress=progress)
        self.stdout.write(
            _("Done: %(done)s") % {"done": ", ".join(f"{key}={value}" for key, value in done.items())}
        )
