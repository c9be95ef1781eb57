import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from access import policy
from exchange import exporting

SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".hxl": "hxl"}


class Command(BaseCommand):
    help = (
        "Export people (the standard layout: one row per person with their latest return), "
        "households or return events as CSV, XLSX, JSON or HXL (docs/data-exchange.md). The command "
        "line sees every record. Writes to standard output unless --output is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=exporting.KINDS, help="what to export")
        parser.add_argument(
            "--format",
            choices=exporting.FORMATS,
            default=None,
            help="file format (default: from the --output file's suffix, else csv)",
        )
        parser.add_argument(
            "--output", "-o", default=None, metavar="FILE", help="write here (default: stdout)"
        )

    def handle(self, *, kind, format=None, output=None, **options):
        format = format or SUFFIX_FORMATS.get(Path(output).suffix.lower() if output else "", "csv")
        if output is None and format == "xlsx" and sys.stdout.isatty():
            raise CommandError(
                _("XLSX is a binary file: give --output FILE or redirect the output."), returncode=2
            )
        actor = policy.COMMAND_LINE
        progress = None
        if self.stderr.isatty():
            total = exporting.export_count(kind, actor)

            def progress(done: int) -> None:
                share = done / total if total else 1
                self.stderr.write(f"\r{done:,} / {total:,} ({share:.0%})", ending="")
                self.stderr.flush()

        if output is None:
            try:
                rows = exporting.export_to_file(
                    actor=actor, kind=kind, format=format, out=sys.stdout.buffer, progress=progress
                )
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                # The reader stopped early (`| head`): stop quietly, like other Unix tools.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise SystemExit(1) from None
            destination = _("standard output")
        else:
            rows = self._to_file(Path(output), actor=actor, kind=kind, format=format, progress=progress)
            destination = output
        if progress is not None:
            self.stderr.write("")
        self.stderr.write(
            _("Exported %(rows)s rows of %(kind)s as %(format)s to %(destination)s.")
            % {"rows": f"{rows:,}", "kind": kind, "format": format, "destination": destination}
        )

    def _to_file(self, path: Path, **arguments) -> int:
        # Written beside the target and renamed at the end: an interrupted export leaves no half file.
        directory = path.resolve().parent
        if not directory.is_dir():
            raise CommandError(_("Cannot write %(path)s: no such directory.") % {"path": path})
        handle, scratch = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                rows = exporting.export_to_file(out=out, **arguments)
            os.replace(scratch, path)
        finally:
            if os.path.exists(scratch):
                os.unlink(scratch)
        return rows
