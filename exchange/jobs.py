"""Imports in the browser: upload → column mapping → check → commit, the last two run as
background tasks (exchange/tasks.py). Services write (``import_job_*``), selectors read, starting
from the access policy.

Files. An upload is stored under ``HOMEWARD_IMPORT_DIR`` (outside static and media; nothing
serves that directory) with a random name, readable only by the server's user. Beside it the
worker writes ``<name>.errors.csv`` (every rejected row's reasons, downloadable as an attachment)
and ``<name>.progress`` (how far the running task has got). The upload itself is deleted as soon
as it has been imported or found unreadable; everything else, and uploads nobody imported, go
after ``FILES_KEPT`` (``homeward import_cleanup``): personal data does not linger.

Progress. ``table_import`` runs the whole file in one transaction, so a progress figure written
to the job's row from inside it stays invisible to the page polling it until the very end — and
on SQLite a second connection cannot write at all while the import holds the write lock. So the
running task writes its progress to the small ``.progress`` file beside the upload (written to a
temporary name and renamed, so a reader never sees half of it), and the page reads that while the
job is running. It works the same on SQLite and PostgreSQL, and the web and the worker must share
``HOMEWARD_IMPORT_DIR`` anyway (the worker reads the upload from it). The job's row gets its final
counts, status and ``progress`` = 1 when the task ends.
"""

import contextlib
import csv
import json
import os
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from access import policy
from accounts.models import User
from audit import services as audit
from exchange.escaping import escape_cell
from exchange.importing.columns import column_key, columns_map, is_hxl_row, mapping_check
from exchange.importing.files import FileError, open_table
from exchange.layout import COLUMN_NAMES, STANDARD_COLUMNS
from exchange.models import ImportJob
from exchange.services import ImportReport, file_import

UPLOAD_SUFFIXES = (".csv", ".xlsx", ".json")
FILES_KEPT = timedelta(days=7)
SAMPLE_ROWS = 3
STALLED_SECONDS = 15 * 60
SAMPLE_CHARACTERS = 60
ERROR_COLUMNS = ("row", "column", "value", "reason")
RUNNING = (ImportJob.Status.VALIDATING, ImportJob.Status.IMPORTING)
_CHECKABLE = (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED)
_BY_TAG = {column.hxl: column.name for column in STANDARD_COLUMNS}


# --- where a job's files are --------------------------------------------------------------------


def _directory() -> Path:
    return Path(settings.HOMEWARD_IMPORT_DIR)


def upload_path(job: ImportJob) -> Path | None:
    return _directory() / job.stored_file if job.stored_file else None


def errors_path(job: ImportJob) -> Path | None:
    return _directory() / f"{job.stored_file}.errors.csv" if job.stored_file else None


def _progress_path(job: ImportJob) -> Path | None:
    return _directory() / f"{job.stored_file}.progress" if job.stored_file else None


def _files_delete(job: ImportJob, *, keep_errors: bool = False) -> None:
    paths = [upload_path(job), _progress_path(job)] + ([] if keep_errors else [errors_path(job)])
    for path in paths:
        if path is not None:
            path.unlink(missing_ok=True)


def _write_replacing(path: Path, text: str) -> None:
    """Write ``text`` so that a reader sees the old content or the new, never half of it."""
    scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)


# --- reading an upload's columns ------------------------------------------------------------------


@dataclass
class FileColumns:
    header: list[str]
    hxl_row: list[str] | None
    sample: list[list[str]]
    default_source: str


def _file_columns(path: Path) -> FileColumns:
    """The header, the HXL hashtag row if there is one, and the first rows (to help mapping).
    Raises FileError when the file cannot be read."""
    table = open_table(path)
    hxl_row = None
    sample: list[list[str]] = []
    for _label, cells in table.rows:
        texts = [str(cell)[:SAMPLE_CHARACTERS] for cell in cells[: len(table.header)]]
        if hxl_row is None and not sample and is_hxl_row(cells):
            hxl_row = texts
            continue
        sample.append(texts)
        if len(sample) >= SAMPLE_ROWS:
            break
    return FileColumns(table.header, hxl_row, sample, table.default_source)


def automatic_mapping(header: list[str], hxl_row: list[str] | None) -> dict[str, str]:
    """What the importer would match by itself: a standard column's name, or its HXL hashtag.
    A file column matched to nothing maps to ""."""
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        tag = ""
        if hxl_row and index < len(hxl_row) and hxl_row[index].strip():
            tag = hxl_row[index].strip().split()[0].casefold()
        folded = column_key(name)
        standard = folded if folded in COLUMN_NAMES else _BY_TAG.get(tag, "")
        if standard in taken:
            standard = ""
        taken.add(standard)
        mapping[name] = standard
    return mapping


# --- services -------------------------------------------------------------------------------------


def import_job_upload(*, actor, uploaded_file, source: str = "") -> ImportJob:
    """Store an uploaded file and read its columns. Raises PermissionDenied when the actor may not
    import, FileError (with a message for people) when the file cannot be read — then nothing is
    stored."""
    if not policy.can_import(actor):
        raise PermissionDenied
    file_name = Path(uploaded_file.name or "").name[:255]
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise FileError(_("Only CSV, XLSX and JSON files can be imported."))
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored = f"{secrets.token_hex(16)}{suffix}"
    path = directory / stored
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            for chunk in uploaded_file.chunks():
                out.write(chunk)
        columns = _file_columns(path)
        with transaction.atomic():
            job = ImportJob.objects.create(
                created_by=actor,
                organisation_id=actor.organisation_id,
                # A KoBo export names its form; other files are named after the user's file.
                source=(source.strip() or columns.default_source.replace(stored, file_name))[:100],
                file_name=file_name,
                stored_file=stored,
                status=ImportJob.Status.UPLOADED,
                report={"header": columns.header, "hxl_row": columns.hxl_row, "sample": columns.sample},
            )
            audit.record(
                actor=actor,
                action="import.uploaded",
                target=job,
                details={"file_name": file_name, "columns": len(columns.header)},
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return job


def _mapping_valid(job: ImportJob, mapping: dict) -> dict[str, str]:
    mapping = mapping_check(mapping)
    columns_map(job.report.get("header", []), mapping, job.report.get("hxl_row"))
    return mapping


@transaction.atomic
def import_job_check(*, actor, job: ImportJob, mapping: dict) -> ImportJob:
    """Save the column mapping and check the whole file in the background (``import_validate``).

    Raises PermissionDenied; FileError when the mapping is unusable (no record_id, no name, two
    columns filling one); ValidationError(code="import_state") when the job is running or done.
    """
    if not policy.can_change_import_job(actor, job):
        raise PermissionDenied
    mapping = _mapping_valid(job, mapping)
    path = upload_path(job)
    if path is None or not path.is_file():
        raise ValidationError(_("The uploaded file is no longer kept; upload it again."), code="import_state")
    changed = ImportJob.objects.filter(pk=job.pk, status__in=_CHECKABLE).update(
        status=ImportJob.Status.VALIDATING, mapping=mapping, progress=0.0
    )
    if not changed:
        raise ValidationError(_("This import is already running or finished."), code="import_state")
    job.refresh_from_db()
    for stale in (_progress_path(job), errors_path(job)):  # of an earlier check; the upload stays
        stale.unlink(missing_ok=True)
    _enqueue("import_validate", job=job, actor=actor)
    return job


@transaction.atomic
def import_job_commit(*, actor, job: ImportJob) -> ImportJob:
    """Import the checked file's valid rows in the background (``import_commit``).

    Raises PermissionDenied; ValidationError(code="import_state") unless the job was checked and
    has rows to import, or when it was committed already (a second click does nothing twice).
    """
    if not policy.can_change_import_job(actor, job):
        raise PermissionDenied
    path = upload_path(job)
    if path is None or not path.is_file():
        raise ValidationError(_("The uploaded file is no longer kept; upload it again."), code="import_state")
    if not import_job_summary(job).importable:
        raise ValidationError(_("No row of this file can be imported."), code="import_state")
    changed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALIDATED).update(
        status=ImportJob.Status.IMPORTING, progress=0.0
    )
    if not changed:
        raise ValidationError(_("This import is already running or finished."), code="import_state")
    job.refresh_from_db()
    _enqueue("import_commit", job=job, actor=actor)
    return job


def _enqueue(task_name: str, *, job: ImportJob, actor) -> None:
    from exchange import tasks  # tasks import this module

    task = getattr(tasks, task_name)
    language = translation.get_language() or settings.LANGUAGE_CODE
    # After the status change is committed, so the worker finds the job in its running state.
    transaction.on_commit(lambda: task.enqueue(job_id=job.pk, actor_id=actor.pk, language=language))


def import_job_run(*, job_id: int, actor_id: int, commit: bool, language: str = "") -> dict:
    """The background task's work: check (``commit`` False) or import the job's file with its
    mapping, as ``actor``, writing progress beside the upload and every error to the errors CSV.

    Ends with the job checked/imported, or failed with a message (the file became unreadable, the
    actor may no longer import); on a bug in Homeward the job fails and the exception propagates
    so the task result records it. A job not in the expected running state is left alone (a task
    run twice). Returns the counts.
    """
    job = ImportJob.objects.select_related("organisation").get(pk=job_id)
    expected = ImportJob.Status.IMPORTING if commit else ImportJob.Status.VALIDATING
    if job.status != expected:
        return {"skipped": job.status}
    actor = User.objects.filter(pk=actor_id).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        if actor is None or not policy.can_change_import_job(actor, job):
            _job_fail(job, actor, _("You may no longer import into this organisation."))
            return {"failed": True}
        try:
            report, problems = _file_run(job, actor, commit=commit)
        except FileError as error:
            _job_fail(job, actor, str(error))
            return {"failed": True}
        except BaseException:
            _job_fail(job, actor, _("The import stopped on an error in Homeward; nothing was imported."))
            raise
        _job_finish(job, actor, report, problems, commit=commit)
    return {key: value for key, value in report.as_dict().items() if key != "errors"}


def _file_run(job: ImportJob, actor, *, commit: bool) -> tuple[ImportReport, dict[str, int]]:
    """The import's report, and how many problems each column had (all of them, where the report
    keeps the first ERRORS_KEPT)."""
    path = upload_path(job)
    if path is None or not path.is_file():
        raise FileError(_("The uploaded file is no longer kept; upload it again."))
    progress_file = _progress_path(job)
    errors_file = errors_path(job)
    scratch = errors_file.with_name(f"{errors_file.name}.tmp")
    problems: Counter[str] = Counter()

    def problem(error) -> None:
        problems[error.column] += 1
        # A spreadsheet must not run a value from the file as a formula.
        writer.writerow([escape_cell(str(getattr(error, name))) for name in ERROR_COLUMNS])

    def progress(fraction: float, rows: int) -> None:
        _write_replacing(progress_file, json.dumps({"fraction": round(fraction, 4), "rows": rows}))

    progress(0.0, 0)
    try:
        with scratch.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(ERROR_COLUMNS)
            report = file_import(
                path,
                actor=actor,
                organisation=job.organisation,
                source=job.source,
                mapping=job.mapping or None,
                commit=commit,
                on_error=problem,
                on_progress=progress,
            )
        os.replace(scratch, errors_file)
    finally:
        scratch.unlink(missing_ok=True)
    return report, dict(problems.most_common())


def _kept_file_facts(job: ImportJob, *, with_sample: bool) -> dict:
    keys = ("header", "hxl_row", "sample") if with_sample else ("header", "hxl_row")
    return {key: job.report[key] for key in keys if key in job.report}


@transaction.atomic
def _job_finish(job: ImportJob, actor, report: ImportReport, problems: dict, *, commit: bool) -> None:
    job.status = ImportJob.Status.IMPORTED if commit else ImportJob.Status.VALIDATED
    job.progress = 1.0
    job.rows_read = report.rows_read
    job.rows_created = report.created
    job.rows_updated = report.updated
    job.rows_rejected = report.rejected
    # After the import the first rows' values are not needed to map columns any more.
    job.report = {
        **_kept_file_facts(job, with_sample=not commit),
        **report.as_dict(),
        "problems_by_column": problems,
    }
    job.finished_at = timezone.now() if commit else None
    job.save(
        update_fields=[
            "status",
            "progress",
            "rows_read",
            "rows_created",
            "rows_updated",
            "rows_rejected",
            "report",
            "finished_at",
        ]
    )
    audit.record(
        actor=actor,
        action="import.committed" if commit else "import.validated",
        target=job,
        details={key: value for key, value in report.as_dict().items() if key != "errors"},
    )
    # The upload goes once imported; the errors CSV stays (for fixing the rejected rows) until
    # import_cleanup.
    transaction.on_commit(lambda: _files_delete(job, keep_errors=True) if commit else _progress_delete(job))


def _progress_delete(job: ImportJob) -> None:
    if path := _progress_path(job):
        path.unlink(missing_ok=True)


@transaction.atomic
def _job_fail(job: ImportJob, actor, message: str) -> None:
    job.status = ImportJob.Status.FAILED
    job.progress = 0.0
    job.report = {**_kept_file_facts(job, with_sample=False), "message": message}
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "report", "finished_at"])
    audit.record(actor=actor, action="import.failed", target=job, details={"message": message})
    transaction.on_commit(lambda: _files_delete(job))


@transaction.atomic
def import_files_expire(*, older_than: timedelta = FILES_KEPT, commit: bool = False) -> list[ImportJob]:
    """Delete the files of imports started more than ``older_than`` ago: uploads nobody imported
    and errors CSVs. Jobs not imported fail with a message — also jobs still "running" by then,
    whose worker died (their transaction was rolled back with it). Returns those jobs; with
    ``commit`` False only lists them."""
    cutoff = timezone.now() - older_than
    jobs = list(ImportJob.objects.filter(created_at__lt=cutoff).exclude(stored_file=""))
    if not commit:
        return jobs
    for job in jobs:
        _files_delete(job)
        if job.status in (*_CHECKABLE, *RUNNING):
            job.status = ImportJob.Status.FAILED
            job.report = {
                **_kept_file_facts(job, with_sample=False),
                "message": _("The file was not imported within %(days)d days and has been deleted.")
                % {"days": older_than.days},
            }
        job.stored_file = ""
        job.save(update_fields=["status", "report", "stored_file"])
    return jobs


# --- selectors ------------------------------------------------------------------------------------


def import_job_list(*, actor) -> QuerySet[ImportJob]:
    """The imports the actor may see, newest first."""
    return policy.import_jobs_visible_to(actor).select_related("created_by").order_by("-created_at", "-pk")


def import_job_get(*, actor, job_id: int, record: bool = True) -> ImportJob:
    """One import the actor may see (Http404 otherwise). Its report holds personal data, so the
    read is recorded — except for the progress polls of a page already opened (``record`` False)
    and while the job runs: it shows no report then, and on SQLite a write would wait for the
    import's write lock."""
    job = get_object_or_404(policy.import_jobs_visible_to(actor).select_related("created_by"), pk=job_id)
    if record and job.status not in RUNNING:
        audit.record_read(actor=actor, target=job)
    return job


def import_job_errors_file(*, actor, job_id: int) -> tuple[ImportJob, Path]:
    """The job and its errors CSV, if the actor may see the job and the file is still kept
    (Http404 otherwise). Records the download."""
    job = import_job_get(actor=actor, job_id=job_id, record=False)
    path = errors_path(job)
    if path is None or not path.is_file() or job.status in RUNNING:
        raise Http404
    audit.record(actor=actor, action="import.errors_downloaded", target=job)
    return job, path


@dataclass
class Progress:
    fraction: float
    rows: int | None
    stalled: bool = False

    @property
    def percent(self) -> int:
        return int(self.fraction * 100)


def import_job_progress(job: ImportJob) -> Progress:
    """How far a running job has got (from the file the task writes; see the module docstring)."""
    if job.status not in RUNNING:
        return Progress(job.progress, job.rows_read)
    path = _progress_path(job)
    with contextlib.suppress(OSError, ValueError, TypeError):
        data = json.loads(path.read_text(encoding="utf-8"))
        # A batch takes seconds; minutes without one mean the worker has stopped.
        quiet = timezone.now().timestamp() - path.stat().st_mtime
        return Progress(
            min(max(float(data["fraction"]), 0.0), 1.0), int(data["rows"]), stalled=quiet > STALLED_SECONDS
        )
    return Progress(0.0, None)  # queued: the worker has not started it yet


@dataclass
class Summary:
    rows_read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[dict]
    ignored_columns: list[str]
    message: str
    problems_by_column: dict[str, int]

    @property
    def importable(self) -> int:
        return self.created + self.updated + self.unchanged


def import_job_summary(job: ImportJob) -> Summary:
    """The job's report as the pages show it (the same for checks and for committed imports)."""
    report = job.report or {}
    ignored = [name for name, standard in (job.mapping or {}).items() if not standard]
    return Summary(
        rows_read=report.get("rows_read", 0),
        created=report.get("created", 0),
        updated=report.get("updated", 0),
        unchanged=report.get("unchanged", 0),
        rejected=report.get("rejected", 0),
        errors=report.get("errors", []),
        ignored_columns=ignored or report.get("unknown_columns", []),
        message=report.get("message", ""),
        problems_by_column=report.get("problems_by_column", {}),
    )
