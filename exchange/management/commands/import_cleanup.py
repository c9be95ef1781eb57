"""homeward import_cleanup [--days N] [--commit]

Deletes the files of browser imports started more than N days ago (default 7): uploads nobody
imported and the lists of problems. Run it daily (cron, a systemd timer). A dry run unless --commit.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from exchange.jobs import FILES_KEPT, import_files_expire


class Command(BaseCommand):
    help = _("Delete the files of imports started more than --days days ago (uploads, lists of problems).")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=FILES_KEPT.days, help=_("age in days (default: 7)"))
        parser.add_argument("--commit", action="store_true", help=_("delete (else only list)"))

    def handle(self, *, days, commit, **options):
        jobs = import_files_expire(older_than=timedelta(days=days), commit=commit)
        for job in jobs:
            self.stdout.write(f"{job.pk}\t{job.created_at:%Y-%m-%d}\t{job.file_name}")
        message = (
            _("Imports whose files were deleted: %(n)d")
            if commit
            else _("Imports whose files would be deleted: %(n)d (dry run; add --commit)")
        )
        self.stdout.write(message % {"n": len(jobs)})
