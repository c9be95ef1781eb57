"""homeward import FILE [--commit] [--errors ERRORS.csv] [--mapping MAP.json] [--source NAME]

Exit status: 0 every row imported (or, without --commit, every row valid); 3 some rows rejected;
2 the file could not be read at all (nothing changed).
"""

import csv
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from access.policy import COMMAND_LINE
from accounts.models import Organisation
from exchange import kobo
from exchange.importing.columns import mapping_load
from exchange.importing.files import FileError
from exchange.services import file_import, import_job_record

EXIT_REJECTED = 3
EXIT_UNREADABLE = 2


class _Progress:
    """A one-line progress bar on a terminal; silent when output is redirected."""

    def __init__(self, stream):
        self.stream = stream  # the command's stderr wrapper
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.finished = False

    def __call__(self, fraction: float, rows: int) -> None:
        if not self.enabled or self.finished:
            return
        # The file may be read to its end before the last batch is written: end the line once.
        self.finished = fraction >= 1.0
        elapsed = max(time.monotonic() - self.started, 1e-6)
        filled = int(fraction * 30)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}  "
            f"{rows:,} rows  {rows / elapsed:,.0f} rows/s",
            style_func=str,  # stderr's wrapper would paint every line as an error
            ending="\n" if self.finished else "",
        )
        self.stream.flush()


class Command(BaseCommand):
    help = _("Import people, households and return events from CSV, XLSX or KoBoToolbox/ODK JSON.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV, XLSX or KoBo JSON file, or a KoBo server's data URL"))
        parser.add_argument(
            "--commit", action="store_true", help=_("import the valid rows (else only check)")
        )
        parser.add_argument(
            "--errors", metavar="ERRORS.csv", help=_("write every rejected row's reasons here")
        )
        parser.add_argument("--mapping", metavar="MAP.json", help=_('{"their column": "standard column"}'))
        parser.add_argument(
            "--source", help=_("name of the system the file comes from (default: the file name)")
        )
        parser.add_argument(
            "--organisation",
            help=_("acronym or name of the organisation that owns the records (default: the first)"),
        )
        parser.add_argument("--token", help=_("API token for a KoBo server URL"))

    def handle(self, *args, **options):
        organisation = self._organisation(options["organisation"])
        try:
            mapping = mapping_load(Path(options["mapping"])) if options["mapping"] else None
            with tempfile.TemporaryDirectory() as scratch:
                path = self._local_file(options["file"], options["token"], Path(scratch))
                report = self._run(path, organisation, mapping, options)
        except FileError as error:
            self.stderr.write(_("Nothing was imported: %(reason)s") % {"reason": error})
            sys.exit(EXIT_UNREADABLE)
        self._print(report)
        if report.committed:
            import_job_record(
                actor=COMMAND_LINE,
                organisation=organisation,
                file_name=Path(options["file"]).name,
                report=report,
            )
        if report.rejected:
            sys.exit(EXIT_REJECTED)

    def _organisation(self, wanted: str | None) -> Organisation:
        organisations = Organisation.objects.order_by("pk")
        if wanted:
            found = organisations.filter(acronym__iexact=wanted) or organisations.filter(name__iexact=wanted)
            if not found:
                known = ", ".join(o.acronym or o.name for o in organisations)
                raise CommandError(
                    _("No organisation %(wanted)s; known: %(known)s") % {"wanted": wanted, "known": known}
                )
            return found[0]
        first = organisations.first()
        if first is None:
            raise CommandError(_("There is no organisation yet to own imported records; create one first."))
        return first

    def _local_file(self, file: str, token: str | None, scratch: Path) -> Path:
        if file.startswith(("http://", "https://")):
            return kobo.submissions_download(file, token=token, into=scratch / "kobo.json")
        return Path(file)

    def _run(self, path: Path, organisation, mapping, options):
        with ExitStack() as stack:
            on_error = None
            if options["errors"]:
                errors_file = stack.enter_context(
                    open(options["errors"], "w", newline="", encoding="utf-8-sig")
                )
                writer = csv.writer(errors_file)
                writer.writerow(["row", "column", "value", "reason"])

                def on_error(error):
                    writer.writerow([error.row, error.column, error.value, error.reason])

            return file_import(
                path,
                actor=COMMAND_LINE,
                organisation=organisation,
                source=options["source"] or "",
                mapping=mapping,
                commit=options["commit"],
                on_error=on_error,
                on_progress=_Progress(self.stderr),
            )

    def _print(self, report) -> None:
        write = self.stdout.write
        if report.unknown_columns:
            write(
                _("Columns not imported (not in the standard layout; map them with --mapping): %(columns)s")
                % {"columns": ", ".join(report.unknown_columns)}
            )
        for error in report.errors[:50]:
            write(
                _("row %(row)s, %(column)s (%(value)s): %(reason)s")
                % {
                    "row": error.row,
                    "column": error.column or "-",
                    "value": error.value,
                    "reason": error.reason,
                }
            )
        if report.rejected > 50:
            write(_("… and more; --errors FILE writes every one."))
        summary = {
            "read": report.rows_read,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
            "source": report.source,
        }
        if report.committed:
            write(
                _(
                    "Imported from %(source)s: %(read)d rows read, %(created)d people created, "
                    "%(updated)d updated, %(unchanged)d unchanged, %(rejected)d rows rejected."
                )
                % summary
            )
        else:
            write(
                _(
                    "Checked %(source)s, nothing imported: %(read)d rows read, %(created)d would be "
                    "created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected. "
                    "Add --commit to import."
                )
                % summary
            )
