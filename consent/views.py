"""Pages to record consent, share with partners and handle erasure requests. Thin: parse, call
one service or selector, render. Someone who may not see the person gets 404; someone who sees
them but may not do this gets 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access import policy
from consent import selectors, services
from consent.forms import (
    FIELD_GROUPS,
    ConsentForm,
    ErasureDecisionForm,
    ErasureRequestForm,
    ShareForm,
    WithdrawForm,
)
from consent.models import Purpose


def add_errors(form, error: ValidationError) -> None:
    """Put a service's errors next to the form's fields, the rest above the form."""
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            for item in errors:
                form.add_error(key if key in form.fields else None, item)
    else:
        form.add_error(None, error)


def _render(request, template, context, form):
    status = 422 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def consent_record(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for_action(actor=request.user, person_id=person_id)
    if not selectors.can_record_consent(request.user, person):
        raise PermissionDenied
    form = ConsentForm(request.POST or None, partners=selectors.partner_choices(person=person))
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect(person)
    return _render(request, "consent/consent_record.html", {"person": person}, form)


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Asks to confirm (showing which shares will end), then records the withdrawal."""
    consent = selectors.consent_get(actor=request.user, consent_id=consent_id)
    if not selectors.can_record_consent(request.user, consent.person):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shares = services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Consent withdrawn; sharings stopped: %(count)d.") % {"count": len(shares)},
            )
            return redirect(consent.person)
    context = {
        "person": consent.person,
        "consent": consent,
        "active_shares": consent.shares.filter(revoked_at__isnull=True).select_related("partner"),
    }
    return _render(request, "consent/consent_withdraw.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def share_create(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for_action(actor=request.user, person_id=person_id)
    if not policy.can_manage_sharing(request.user, person):
        raise PermissionDenied
    form = ShareForm(request.POST or None, partners=selectors.partner_choices(person=person))
    if request.method == "POST" and form.is_valid():
        try:
            services.share_create(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Shared with %(partner)s.") % {"partner": form.cleaned_data["partner"]}
            )
            return redirect(person)
    context = {"person": person, "purpose_fields": _purpose_fields()}
    return _render(request, "consent/share_create.html", context, form)


def _purpose_fields():
    """What each purpose shows the partner, for the sharing form."""
    return [
        (Purpose(purpose).label, [str(label) for group, label in FIELD_GROUPS if group in fields])
        for purpose, fields in policy.PURPOSE_FIELDS.items()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def share_revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    share = selectors.share_get(actor=request.user, share_id=share_id)
    if not policy.can_manage_sharing(request.user, share.person):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.share_revoke(actor=request.user, share=share)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Sharing with %(partner)s stopped.") % {"partner": share.partner})
        return redirect(share.person)
    return render(request, "consent/share_revoke.html", {"person": share.person, "share": share})


@login_required
@require_http_methods(["GET", "POST"])
def erasure_request(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for_action(actor=request.user, person_id=person_id)
    if not selectors.can_request_erasure(request.user, person):
        raise PermissionDenied
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erasure_request(actor=request.user, person=person, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Erasure requested: a supervisor will decide."))
            return redirect(person)
    return _render(request, "consent/erasure_request.html", {"person": person}, form)


@login_required
@require_GET
def erasure_list(request: HttpRequest) -> HttpResponse:
    if not policy.may(request.user, "erasure.approve"):
        raise PermissionDenied
    pending = selectors.erasure_requests_to_decide(actor=request.user)[:200]
    return render(request, "consent/erasure_list.html", {"pending": pending})


@login_required
@require_http_methods(["GET", "POST"])
def erasure_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    erasure = selectors.erasure_request_get(actor=request.user, request_id=request_id)
    if not selectors.can_decide_erasure(request.user, erasure):
        raise PermissionDenied
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.erasure_decide(
                actor=request.user, request=erasure, approve=approve, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if approve:
                messages.success(request, _("Erasure approved: the record is anonymised."))
            else:
                messages.success(request, _("Erasure refused."))
            return redirect("consent:erasure-list")
    own = erasure.requested_by_id == request.user.pk
    return _render(request, "consent/erasure_decide.html", {"erasure": erasure, "own": own}, form)
