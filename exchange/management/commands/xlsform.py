import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange import xlsform


class Command(BaseCommand):
    help = (
        "Write the household registration form as an XLSForm (for KoBoToolbox, ODK Collect), with "
        "the choice lists of this database. Submissions import with `homeward import`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", default=None, metavar="FILE", help="write here (default: standard output)"
        )

    def handle(self, *, output=None, **options):
        if output is None and sys.stdout.isatty():
            raise CommandError(
                _("XLSX is a binary file: give --output FILE or redirect the output."), returncode=2
            )
        data = xlsform.xlsform_bytes()
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
            ) from None
        self.stderr.write(_("Wrote the registration form to %(path)s.") % {"path": os.fspath(path)})
