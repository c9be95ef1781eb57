"""Downloads: exports of the records the user may see, and the registration form as an XLSForm."""

import io
import tempfile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from access import policy
from exchange import exporting, xlsform


def _private(response: HttpResponse) -> HttpResponse:
    # Personal data: never cached on the way, never sniffed into something a browser would run.
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def export(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    if kind not in exporting.KINDS or format not in exporting.FORMATS:
        raise Http404
    if not policy.can_export(request.user):
        raise PermissionDenied
    filename = f"homeward-{kind}-{timezone.localdate():%Y-%m-%d}{exporting.FILE_SUFFIXES[format]}"
    if format == "xlsx":
        scratch = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 -- FileResponse closes it
        exporting.export_to_file(actor=request.user, kind=kind, format=format, out=scratch, via="web")
        scratch.seek(0)
        response = FileResponse(
            scratch, as_attachment=True, filename=filename, content_type=exporting.CONTENT_TYPES[format]
        )
    else:
        response = StreamingHttpResponse(
            exporting.export_stream(actor=request.user, kind=kind, format=format, via="web"),
            content_type=exporting.CONTENT_TYPES[format],
        )
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return _private(response)


@login_required
@require_GET
def xlsform_download(request: HttpRequest) -> HttpResponse:
    return _private(
        FileResponse(
            io.BytesIO(xlsform.xlsform_bytes()),
            as_attachment=True,
            filename=xlsform.FILE_NAME,
            content_type=exporting.CONTENT_TYPES["xlsx"],
        )
    )
