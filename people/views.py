"""Pages for people, households and registering arrivals. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access import policy
from consent import selectors as consent_selectors
from core.query_params import parse_id
from people import selectors, services
from people.forms import (
    ArrivalForm,
    JoiningMemberForm,
    LeaveForm,
    MemberForm,
    MemberFormSet,
    ReturnAgainForm,
    SpellingForm,
)
from protection import selectors as protection_selectors
from protection import services as protection_services
from vocabularies.models import Relationship

MEMBERS_PREFIX = "members"


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    if not policy.may(request.user, "person.view"):  # analysts and auditors: no personal data
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:200]
    before = parse_id(request.GET.get("before"))
    if query:
        page = selectors.person_search(actor=request.user, query=query, before_id=before)
    else:
        page = selectors.person_list_recent(actor=request.user, before_id=before)
    policy.mark_visible_fields(request.user, page.people)
    context = {"page": page, "query": query, "before": before}
    template = "people/person_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@login_required
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(actor=request.user, person_id=person_id)
    user = request.user
    holder = consent_selectors.holds_record(user, person)
    context = {
        "person": person,
        # A partner sees only the parts its sharing's purposes need (names, phones, ...).
        "fields": policy.person_fields_visible_to(user, person),
        "holder": holder,
        "anonymised": consent_selectors.is_anonymised(person),
        "consents": consent_selectors.person_consents(actor=user, person=person),
        "shares": consent_selectors.person_shares(actor=user, person=person),
        "erasure_requests": consent_selectors.person_erasure_requests(actor=user, person=person),
        "can_record_consent": consent_selectors.can_record_consent(user, person),
        "can_share": policy.can_manage_sharing(user, person),
        "can_request_erasure": consent_selectors.can_request_erasure(user, person),
        "can_add_spelling": holder and policy.can_register_arrival(user),
        "sensitive_categories": policy.sensitive_categories_for(user) if holder else frozenset(),
        "sensitive_notes": protection_selectors.person_sensitive_notes(actor=user, person=person)
        if holder
        else [],
        "can_write_sensitive": holder and protection_services.can_write(user, person),
    }
    return render(request, "people/person_detail.html", context)


@login_required
@require_GET
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    household = selectors.household_get(actor=request.user, household_id=household_id)
    return render(request, "people/household_detail.html", {"household": household})


def _readable(actor, error: ValidationError):
    """The message of one error; a duplicate document links to its holder when the actor may see them."""
    text = " ".join(error.messages)
    if error.code != "duplicate_document":
        return text
    holder_id = error.params["person_id"]
    if selectors.person_id_is_visible(actor=actor, person_id=holder_id):
        return format_html(
            '{} <a href="{}">{}</a>',
            text,
            reverse("people:person-detail", args=[holder_id]),
            _("Open their file."),
        )
    hidden = _("That file belongs to another organisation; ask a supervisor.")
    return f"{text} {hidden}"


@login_required
@require_http_methods(["GET", "POST"])
def household_return_add(request: HttpRequest, household_id: int) -> HttpResponse:
    """Record another return of a registered household (some or all of its current members)."""
    household = selectors.household_get(actor=request.user, household_id=household_id)
    if not policy.can_register_arrival(request.user):
        raise PermissionDenied
    members = selectors.household_current_members(household=household)
    form = ReturnAgainForm(request.POST or None, office=request.user.office, household_members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_event_record(
                actor=request.user,
                household=household,
                arrival=form.to_input(),
                people=list(form.cleaned_data["people"]),
            )
        except ValidationError as error:
            for key, errors in error.error_dict.items():
                for item in errors:
                    form.add_error(key if key in form.fields else None, item)
        else:
            messages.success(
                request,
                _("Return recorded for household %(reference)s.") % {"reference": household.reference},
            )
            return redirect(household)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "people/household_return.html", {"household": household, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_member_add(request: HttpRequest, household_id: int) -> HttpResponse:
    """A new member joins a registered household (a baby born, a relative who moved in)."""
    household = selectors.household_get(actor=request.user, household_id=household_id)
    if not policy.can_register_arrival(request.user):
        raise PermissionDenied
    form = JoiningMemberForm(request.POST or None, prefix="member")
    if request.method == "POST" and form.is_valid():
        try:
            services.household_member_add(
                actor=request.user,
                household=household,
                member=form.to_input(form.cleaned_data["joined_on"]),
                joined_on=form.cleaned_data["joined_on"],
            )
        except ValidationError as error:
            for key, errors in error.error_dict.items():
                field_name = key.removeprefix("member-0-")
                for item in errors:
                    form.add_error(
                        field_name if field_name in form.fields else None, _readable(request.user, item)
                    )
        else:
            messages.success(
                request, _("Member added to household %(reference)s.") % {"reference": household.reference}
            )
            return redirect(household)
    status = 422 if request.method == "POST" else 200
    context = {"household": household, "member": form, "index": 0, "single": True}
    return render(request, "people/household_member_add.html", context, status=status)


@login_required
@require_POST
def household_member_leave(request: HttpRequest, household_id: int, person_id: int) -> HttpResponse:
    household = selectors.household_get(actor=request.user, household_id=household_id)
    if not policy.can_register_arrival(request.user):
        raise PermissionDenied
    form = LeaveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["left_on"])
        services.household_member_leave(
            actor=request.user, household=household, person_id=person_id, left_on=form.cleaned_data["left_on"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The member's leaving was recorded."))
    return redirect(household)


@login_required
@require_http_methods(["GET", "POST"])
def person_spelling_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record another spelling of the person's name, e.g. as a partner wrote it."""
    person = selectors.person_get(actor=request.user, person_id=person_id)
    if not policy.can_register_arrival(request.user):
        raise PermissionDenied
    form = SpellingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        names = {name: value for name, value in form.cleaned_data.items() if name != "source"}
        try:
            services.name_spelling_add(
                actor=request.user, person=person, names=names, source=form.cleaned_data["source"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Spelling added: the person can now be found by it."))
            return redirect(person)
    status = 422 if request.method == "POST" else 200
    return render(request, "people/person_spelling_add.html", {"person": person, "form": form}, status=status)


def _place_errors(actor, error: ValidationError, arrival_form: ArrivalForm, formset, live_indexes) -> None:
    """Put the service's errors next to the fields they concern."""
    for key, errors in error.error_dict.items():
        messages_ = [_readable(actor, item) for item in errors]
        if key.startswith("member-"):
            _, index, field_name = key.split("-", 2)
            form = formset.forms[live_indexes[int(index)]]
            target = field_name if field_name in form.fields else None
            if field_name == "documents":
                target = None
            for message in messages_:
                form.add_error(target, message)
        elif key in arrival_form.fields:
            for message in messages_:
                arrival_form.add_error(key, message)
        else:
            for message in messages_:
                arrival_form.add_error(None, message)


def _with_member_added(data):
    data = data.copy()
    total = parse_id(data.get(f"{MEMBERS_PREFIX}-TOTAL_FORMS")) or 0
    data[f"{MEMBERS_PREFIX}-TOTAL_FORMS"] = str(total + 1)
    return data


def _with_member_removed(data, index: int):
    data = data.copy()
    data[f"{MEMBERS_PREFIX}-{index}-DELETE"] = "on"
    return data


@login_required
@require_http_methods(["GET", "POST"])
def arrival_register(request: HttpRequest) -> HttpResponse:
    if not policy.can_register_arrival(request.user):
        raise PermissionDenied
    template = "people/arrival_register.html"
    if request.method == "GET":
        arrival_form = ArrivalForm(office=request.user.office)
        head = Relationship.objects.filter(is_head=True, is_active=True).first()
        formset = MemberFormSet(prefix=MEMBERS_PREFIX, initial=[{"relationship": head}] if head else None)
        return render(request, template, {"arrival_form": arrival_form, "formset": formset})

    data = request.POST
    # Without JavaScript the add/remove buttons submit the whole form; re-show it changed.
    if "add_member" in data or "remove_member" in data:
        if "add_member" in data:
            data = _with_member_added(data)
        else:
            data = _with_member_removed(data, parse_id(data.get("remove_member")) or 0)
        formset = MemberFormSet(data, prefix=MEMBERS_PREFIX)
        return render(
            request, template, {"arrival_form": ArrivalForm(data), "formset": formset, "unbound": True}
        )

    arrival_form = ArrivalForm(data)
    formset = MemberFormSet(data, prefix=MEMBERS_PREFIX)
    if arrival_form.is_valid() and formset.is_valid():
        live = [index for index, form in enumerate(formset.forms) if not form.cleaned_data.get("DELETE")]
        arrived_on = arrival_form.cleaned_data["arrived_on"]
        members = [formset.forms[index].to_input(arrived_on) for index in live]
        try:
            household = services.household_arrival_register(
                actor=request.user, arrival=arrival_form.to_input(), members=members
            )
        except ValidationError as error:
            _place_errors(request.user, error, arrival_form, formset, live)
        else:
            messages.success(
                request,
                _("Household %(reference)s registered with %(count)d members.")
                % {"reference": household.reference, "count": len(members)},
            )
            return redirect(household)
    return render(request, template, {"arrival_form": arrival_form, "formset": formset}, status=422)


@login_required
@require_POST
def arrival_member_add(request: HttpRequest) -> HttpResponse:
    """htmx: one more empty member card, and the formset's new total (out of band)."""
    if not policy.can_register_arrival(request.user):
        raise PermissionDenied
    total = parse_id(request.POST.get(f"{MEMBERS_PREFIX}-TOTAL_FORMS")) or 0
    formset = MemberFormSet(prefix=MEMBERS_PREFIX)
    form = MemberForm(prefix=formset.add_prefix(total), empty_permitted=True, use_required_attribute=False)
    formset.add_fields(form, total)
    context = {"member": form, "index": total, "total": total + 1, "formset": formset}
    return render(request, "people/arrival_register.html#member-added", context)


@login_required
@require_POST
def arrival_member_remove(request: HttpRequest) -> HttpResponse:
    """htmx: the member's card is replaced by the formset's marker that it was removed."""
    if not policy.can_register_arrival(request.user):
        raise PermissionDenied
    index = parse_id(request.POST.get("remove_member")) or 0
    return render(
        request, "people/arrival_register.html#member-removed", {"index": index, "prefix": MEMBERS_PREFIX}
    )
