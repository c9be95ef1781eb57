"""Importing a file in the browser: upload → columns → check (background) → confirm → import
(background). Thin: parse, call one service or selector of exchange.jobs, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from access import policy
from exchange import jobs
from exchange.import_forms import ImportMappingForm, ImportUploadForm
from exchange.importing.files import FileError
from exchange.models import ImportJob

JOBS_PER_PAGE = 25
ERRORS_SHOWN = 50


class _SizeLimit(FileUploadHandler):
    """Stops taking an upload as soon as it is larger than allowed, before any of it is written."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    if not policy.may(request.user, "import"):
        raise PermissionDenied
    paginator = Paginator(jobs.import_job_list(actor=request.user), JOBS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/import_list.html",
        {"page": page, "can_import": policy.can_import(request.user)},
    )


# The size limit must be in place before the request body is read, and CSRF checking reads it:
# so CSRF is checked by the inner view (Django's "modifying upload handlers on the fly").
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    if not policy.can_import(request.user):
        raise PermissionDenied
    limit = _SizeLimit(request, settings.HOMEWARD_IMPORT_MAX_BYTES)
    request.upload_handlers.insert(0, limit)
    return _import_upload(request, limit)


@csrf_protect
def _import_upload(request: HttpRequest, limit: _SizeLimit) -> HttpResponse:
    form = ImportUploadForm()
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, too_large=limit.exceeded)
        if form.is_valid():
            try:
                job = jobs.import_job_upload(
                    actor=request.user,
                    uploaded_file=form.cleaned_data["file"],
                    source=form.cleaned_data["source"],
                )
            except FileError as error:
                form.add_error("file", _("This file cannot be imported: %(reason)s") % {"reason": error})
            else:
                return redirect("exchange:import-mapping", job_id=job.pk)
    return render(request, "exchange/import_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.import_job_get(actor=request.user, job_id=job_id, record=request.method == "GET")
    if not policy.can_change_import_job(request.user, job):
        raise PermissionDenied
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED):
        return redirect("exchange:import-detail", job_id=job.pk)
    header, hxl_row = job.report.get("header", []), job.report.get("hxl_row")
    automatic = jobs.automatic_mapping(header, hxl_row)
    form = ImportMappingForm(
        request.POST or None, header=header, hxl_row=hxl_row, initial_mapping=job.mapping or automatic
    )
    if form.is_valid():
        try:
            jobs.import_job_check(actor=request.user, job=job, mapping=form.mapping)
        except ValidationError as error:
            form.add_error(None, error)
        except FileError as error:
            form.add_error(None, str(error))
        else:
            return redirect("exchange:import-detail", job_id=job.pk)
    sample = job.report.get("sample", [])
    rows = [
        {
            "field": form[field_name],
            "recognised": bool(automatic.get(name)),
            "examples": [row[index] for row in sample if index < len(row) and row[index]],
        }
        for index, name, field_name in form.columns
    ]
    return render(request, "exchange/import_mapping.html", {"job": job, "form": form, "rows": rows})


def _detail_context(job: ImportJob, user) -> dict:
    summary = jobs.import_job_summary(job)
    error_file = jobs.errors_path(job)
    return {
        "job": job,
        "running": job.status in jobs.RUNNING,
        "progress": jobs.import_job_progress(job),
        "summary": summary,
        "errors_shown": summary.errors[:ERRORS_SHOWN],
        "has_errors_file": bool(error_file and error_file.is_file()),
        "can_change": policy.can_change_import_job(user, job),
    }


@login_required
@require_GET
def import_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job: its progress while it runs (the #status partial is polled), then its report."""
    job = jobs.import_job_get(actor=request.user, job_id=job_id, record=not request.htmx)
    template = "exchange/import_detail.html"
    return render(
        request, f"{template}#status" if request.htmx else template, _detail_context(job, request.user)
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_commit(request: HttpRequest, job_id: int) -> HttpResponse:
    """Confirm, then import the checked file's valid rows."""
    job = jobs.import_job_get(actor=request.user, job_id=job_id, record=False)
    if not policy.can_change_import_job(request.user, job):
        raise PermissionDenied
    if job.status != ImportJob.Status.VALIDATED:
        return redirect("exchange:import-detail", job_id=job.pk)
    if request.method == "POST":
        try:
            jobs.import_job_commit(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("exchange:import-detail", job_id=job.pk)
    return render(request, "exchange/import_commit.html", _detail_context(job, request.user))


@login_required
@require_GET
def import_errors(request: HttpRequest, job_id: int) -> HttpResponse:
    """Every rejected row's reasons, as a CSV attachment (never shown in the browser)."""
    job, path = jobs.import_job_errors_file(actor=request.user, job_id=job_id)
    stem = job.file_name.rsplit(".", 1)[0] or "import"
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{stem}-errors.csv",
        content_type="text/csv; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
