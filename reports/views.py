import csv

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from access import policy
from audit import services as audit
from reports import selectors


def _allowed(request: HttpRequest) -> None:
    if not policy.may(request.user, "aggregates.view"):
        raise PermissionDenied


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    return render(
        request,
        "reports/figures.html",
        {
            "figures": selectors.figures_kept_for(actor=request.user),
            "small_count": policy.SMALL_COUNT,
            "kept_minutes": settings.HOMEWARD_FIGURES_MINUTES,
        },
    )


@login_required
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    figures = selectors.figures_kept_for(actor=request.user)
    rows = selectors.figures_rows(figures)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="homeward-figures-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response.write("\ufeff")  # Excel reads UTF-8 (Dari, Pashto labels) only with the mark
    writer = csv.writer(response)
    writer.writerow([_("Figure"), _("Category"), _("Count")])
    writer.writerows(rows)
    with transaction.atomic():
        audit.record(
            actor=request.user,
            action="figures.exported",
            target_type="reports",
            details={"rows": len(rows), "registered": figures.registered.shown},
        )
    return response
