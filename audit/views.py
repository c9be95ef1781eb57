import csv
import datetime
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from access import policy
from audit import selectors
from audit import services as audit
from audit.forms import EventFilterForm
from exchange.escaping import escape_cell


def _form(request: HttpRequest) -> EventFilterForm:
    if not policy.may(request.user, "audit.view"):
        # The page itself, not a record: a role that may not read the trail is told so.
        raise PermissionDenied
    return EventFilterForm(request.GET or None)


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    page = None
    if not form.is_bound:
        page = selectors.audit_event_search(actor=request.user, wanted=selectors.EventFilter())
    elif form.is_valid():
        page = selectors.audit_event_search(
            actor=request.user, wanted=form.wanted(), before_id=form.cleaned_data.get("before")
        )
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page": page,
            "query": form.query_without_page() if form.is_bound else "",
            "paged": bool(form.is_bound and form.is_valid() and form.cleaned_data.get("before")),
        },
    )


class _Echo:
    def write(self, value):
        return value


def _csv_lines(events):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel reads UTF-8 only with the mark
    yield writer.writerow(
        [
            _("Event"),
            _("At (UTC)"),
            _("Username"),
            _("Organisation"),
            _("Address"),
            _("Action"),
            _("Record type"),
            _("Record id"),
            _("Person"),
            _("Details"),
        ]
    )
    for event in events:
        cells = [
            event.pk,
            event.at.astimezone(datetime.UTC).isoformat(),
            event.actor_name,
            str(event.organisation) if event.organisation_id else "",
            event.ip_address or "",
            event.action,
            event.target_type,
            event.target_id if event.target_id is not None else "",
            event.person_id if event.person_id is not None else "",
            json.dumps(event.details, ensure_ascii=False, sort_keys=True) if event.details else "",
        ]
        yield writer.writerow([escape_cell(str(cell)) for cell in cells])


@login_required
@require_GET
def event_export(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/event_list.html", {"form": form, "page": None, "query": ""}, status=400)
    wanted = form.wanted() if form.is_bound else selectors.EventFilter()
    events = selectors.audit_event_rows(actor=request.user, wanted=wanted)
    with transaction.atomic():
        audit.record(
            actor=request.user,
            action="audit.exported",
            target_type="audit.auditevent",
            details={"filter": {key: value for key, value in audit.jsonable(vars(wanted)).items() if value}},
        )
    response = StreamingHttpResponse(_csv_lines(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="homeward-audit-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    before = request.GET.get("before", "")
    history = selectors.person_history_get(
        actor=request.user, person_id=person_id, before_id=int(before) if before.isdigit() else None
    )
    return render(request, "audit/person_history.html", {"history": history})
