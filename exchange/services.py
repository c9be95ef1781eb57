"""Importing a file of people, households and return events (docs/data-exchange.md, "Import").

``file_import`` reads the file as a stream, checks each row on its own, then a batch at a time
against the database, and — with ``commit`` — writes all valid rows in one transaction. Rows
that fail are reported with their row, column, value and reason and are not imported; a file that
cannot be read at all changes nothing.
"""

import gc
import os
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit import services as audit
from exchange.importing.columns import columns_map, is_hxl_row
from exchange.importing.files import FileError, Table, open_table
from exchange.importing.lookups import lookups_load
from exchange.importing.pipeline import checked_batches, in_child_process
from exchange.importing.rows import RowError, RowReader
from exchange.importing.run import BatchImporter
from exchange.models import ImportJob

BATCH_ROWS = 5_000
PARALLEL_FROM_BYTES = 8 * 1024 * 1024
ERRORS_KEPT = 1_000  # in the report and the job; every error still reaches ``on_error``
# Arabic-script names in Windows-1256 files are written with Arabic ي/ك; in these countries the
# names are Dari or Persian and take ی/ک.
_PERSIAN_LETTER_COUNTRIES = {"AF", "IR", "TJ"}


@dataclass
class ImportReport:
    committed: bool
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    encoding: str = ""
    source: str = ""

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def as_dict(self) -> dict:
        return {
            "committed": self.committed,
            "rows_read": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "unknown_columns": self.unknown_columns,
            "encoding": self.encoding,
            "source": self.source,
            "errors": [error.__dict__ for error in self.errors],
        }


def _first_row_hxl(table: Table) -> tuple[list | None, Table]:
    """An HXL file has a row of hashtags under its header: read it as column names, not data."""
    first = next(table.rows, None)
    if first is None:
        return None, table
    if is_hxl_row(first[1]):
        return first[1], table
    rows = table.rows

    def again():
        yield first
        yield from rows

    table.rows = again()
    return None, table


@contextmanager
def _collector_paused():
    """An import makes millions of small tuples and holds large dictionaries, none of them in
    reference cycles: Python's cycle collector would walk them again and again (a third of the
    time it takes to pass the rows between the processes). Paused meanwhile, in both processes;
    what little cyclic garbage the import makes is collected when it is resumed."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def table_import(
    table: Table,
    *,
    actor,
    organisation,
    source: str = "",
    mapping: dict[str, str] | None = None,
    commit: bool = False,
    on_error: Callable[[RowError], None] | None = None,
    on_progress: Callable[[float, int], None] | None = None,
    parallel: bool | None = None,
    name: str = "",
) -> ImportReport:
    """Import ``table``'s rows; ``parallel`` checks rows in a second process (by default for
    files of PARALLEL_FROM_BYTES and more, on a machine with more than one core). ``name`` says
    which import it was in the audit trail (default: the source)."""
    hxl_row, table = _first_row_hxl(table)
    columns = columns_map(table.header, mapping, hxl_row)
    report = ImportReport(
        committed=commit,
        unknown_columns=columns.unknown,
        encoding=table.encoding,
        source=source or table.default_source,
    )

    def reject(*errors: RowError) -> None:
        """One rejected row, with everything wrong in it."""
        report.rejected += 1
        for error in errors:
            if len(report.errors) < ERRORS_KEPT:
                report.errors.append(error)
            if on_error:
                on_error(error)

    persian = table.encoding == "cp1256" and settings.HOMEWARD_HOME_COUNTRY in _PERSIAN_LETTER_COUNTRIES
    reader = RowReader(lookups_load(), persian_letters=persian)
    importer = BatchImporter(
        actor=actor,
        organisation=organisation,
        source=report.source,
        commit=commit,
        reject=reject,
        name=name or report.source,
    )

    def batches():
        return checked_batches(table, columns, reader, BATCH_ROWS)

    if parallel is None:
        parallel = table.size >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1
    # Only a commit writes, in one transaction; a check reads without one, so that on SQLite it
    # does not hold the write lock (everyone else's saves would wait for it).
    with _collector_paused(), transaction.atomic() if commit else nullcontext():
        try:
            for batch in in_child_process(batches) if parallel else batches():
                for errors in batch.rejected:
                    reject(*errors)
                if batch.people:
                    # The first batch tells how many rows the file holds: (rows so far) / (share read).
                    expected = int(batch.rows_read / batch.progress) if batch.progress else batch.rows_read
                    importer.feed(batch.people, expected_rows=expected)
                report.rows_read = batch.rows_read
                if on_progress:
                    on_progress(batch.progress, batch.rows_read)
            importer.close()
        except BaseException:
            importer.abandon()
            raise
    counts = importer.counts
    report.created, report.updated, report.unchanged = counts.created, counts.updated, counts.unchanged
    return report


def file_import(path: Path, *, actor, organisation, source: str = "", **options) -> ImportReport:
    """Import the file at ``path``; raises FileError when it cannot be read (nothing changed)."""
    table = open_table(Path(path))
    return table_import(table, actor=actor, organisation=organisation, source=source, **options)


def import_job_record(*, actor, organisation, file_name: str, report: ImportReport) -> ImportJob:
    """Keep the import's report, and audit it, when it was committed."""
    job = ImportJob.objects.create(
        created_by=actor if getattr(actor, "pk", None) else None,
        organisation=organisation,
        source=report.source,
        file_name=file_name[:255],
        status=ImportJob.Status.IMPORTED,
        progress=1.0,
        rows_read=report.rows_read,
        rows_created=report.created,
        rows_updated=report.updated,
        rows_rejected=report.rejected,
        report=report.as_dict(),
        finished_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="import.committed",
        target=job,
        details={key: value for key, value in report.as_dict().items() if key != "errors"},
    )
    return job


__all__ = ["FileError", "ImportReport", "file_import", "import_job_record", "table_import"]
