from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from accounts import services
from accounts.forms import PreferencesForm


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_preferences_update(actor=request.user, **form.cleaned_data)
        response = redirect("accounts:preferences")
        if form.cleaned_data["language"]:
            response.set_cookie("django_language", form.cleaned_data["language"], samesite="Lax")
        messages.success(request, _("Your preferences are saved."))
        return response
    return render(request, "accounts/preferences.html", {"form": form})


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """The language menu on every page: remembered in the profile of a signed-in user, in a
    cookie for a visitor."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_language_set(actor=request.user, language=language)
    return set_language(request)
