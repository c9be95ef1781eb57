"""Adding a sensitive note. The notes are listed on the person's page (people.views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access import policy
from consent.selectors import person_for_action
from consent.views import add_errors
from protection import services
from protection.forms import SensitiveNoteForm


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for_action(actor=request.user, person_id=person_id)
    if not services.can_write(request.user, person):
        raise PermissionDenied
    form = SensitiveNoteForm(request.POST or None, categories=policy.sensitive_categories_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.sensitive_note_create(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Note added."))
            return redirect(person)
    status = 422 if request.method == "POST" else 200
    return render(request, "protection/note_add.html", {"person": person, "form": form}, status=status)
