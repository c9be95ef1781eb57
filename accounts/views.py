from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language
from django_otp import login as otp_login

from accounts import second_factor, services
from accounts.forms import CodeForm, PreferencesForm, RecoveryCodeForm

# The session key under which freshly made recovery codes wait to be shown once.
RECOVERY_CODES_TO_SHOW = "homeward_recovery_codes"


class SignInView(auth_views.LoginView):
    """Username and password (django-axes counts failures and locks out); then, for users who
    need it, accounts.middleware asks for the second factor before anything else."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ended = self.request.GET.get("ended")
        if ended == "idle":
            context["ended_message"] = _(
                "You were signed out after %(minutes)s minutes without activity. Sign in again to continue."
            ) % {"minutes": settings.HOMEWARD_IDLE_TIMEOUT_MINUTES}
        elif ended == "expired":
            context["ended_message"] = _(
                "You were signed out %(hours)s hours after signing in. Sign in again to continue."
            ) % {"hours": settings.HOMEWARD_SESSION_MAX_HOURS}
        return context


class SignOutView(auth_views.LogoutView):
    pass


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
    return render(
        request,
        "accounts/preferences.html",
        {
            "form": form,
            "second_factor_on": second_factor.has_device(request.user),
            "second_factor_required": second_factor.is_required(request.user),
        },
    )


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """The language menu on every page: remembered in the profile of a signed-in user, in a
    cookie for a visitor."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_language_set(actor=request.user, language=language)
    return set_language(request)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _onward(request: HttpRequest) -> dict:
    """Where the sign-in steps go on to: ``next`` for the forms, ``next_query`` for links between steps."""
    return {
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "next_query": urlencode({"next": _next_url(request)}),
    }


def _with_next(view_name: str, next_url: str) -> str:
    return f"{resolve_url(view_name)}?{urlencode({'next': next_url})}"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Two-step sign-in: turn it on (scan a QR code, type the first code), see it is on, or turn
    it off (only where it is optional)."""
    user = request.user
    has_device = second_factor.has_device(user)
    if has_device and not user.is_verified():
        # Re-enrolling must not be a way around the authenticator one already has.
        return redirect(_with_next("accounts:second-factor-verify", _next_url(request)))
    required = second_factor.is_required(user)
    form = CodeForm(request.POST or None)
    # A verified user may set up a new phone in place of the old one (lost, or replaced): the old
    # authenticator works until the new one's first code is typed.
    replacing = has_device and bool(request.GET.get("replace") or request.POST.get("replace"))
    if has_device and not replacing:
        if request.method == "POST" and form.is_valid():
            if services.second_factor_remove(actor=user, code=form.cleaned_data["code"]):
                messages.success(request, _("Two-step sign-in is off."))
                return redirect("accounts:preferences")
            form.add_error("code", _("That code is not right, or two-step sign-in is required for you."))
        return render(
            request,
            "accounts/second_factor.html",
            {
                "form": form,
                "enabled": True,
                "required": required,
                "recovery_codes_left": second_factor.recovery_codes_left(user),
            },
        )
    device = second_factor.pending_device(user)
    if device is None or request.method == "GET":
        device = services.second_factor_begin(actor=user) if device is None else device
    if request.method == "POST" and form.is_valid():
        if services.second_factor_confirm(actor=user, device=device, code=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is on: each sign-in now asks for a code."))
            request.session[RECOVERY_CODES_TO_SHOW] = services.recovery_codes_make(actor=user)
            return redirect(_with_next("accounts:recovery-codes", _next_url(request)))
        form.add_error(
            "code",
            _("That code is not right. Check the time on your phone is correct and type the newest code."),
        )
    return render(
        request,
        "accounts/second_factor.html",
        {
            "form": form,
            "enabled": False,
            "required": required,
            "secret": second_factor.secret_for_typing(device),
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "replacing": replacing,
        },
    )


@never_cache
@login_required
@require_GET
def second_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the authenticator being enrolled (a secret: never cached, never shown to
    someone who has not yet given their existing second factor)."""
    if second_factor.has_device(request.user) and not request.user.is_verified():
        raise Http404
    device = second_factor.pending_device(request.user) or services.second_factor_begin(actor=request.user)
    response = HttpResponse(second_factor.qr_svg(device), content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'none'; script-src 'none'"
    response["Content-Disposition"] = 'inline; filename="two-step-sign-in.svg"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code from the user's authenticator app."""
    user = request.user
    device = second_factor.confirmed_device(user)
    if device is None:
        return redirect(_with_next("accounts:second-factor", _next_url(request)))
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then type the newest code."))
        elif device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            form.add_error("code", _("That code is not right. Type the newest code your app shows."))
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "can_recover": second_factor.recovery_codes_left(user) > 0, **_onward(request)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_recover(request: HttpRequest) -> HttpResponse:
    """The second step of signing in with a recovery code, for a user without their phone."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if second_factor.recovery_device(user) is None:
        return redirect(_with_next("accounts:second-factor-verify", _next_url(request)))
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.recovery_device(user)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        elif (device := services.recovery_code_use(actor=user, code=form.cleaned_data["code"])) is not None:
            otp_login(request, device)
            left = second_factor.recovery_codes_left(user)
            messages.warning(
                request,
                ngettext(
                    "You signed in with a recovery code; %(left)s code is left. If your phone is lost, "
                    "set up a new one and make new codes under Two-step sign-in.",
                    "You signed in with a recovery code; %(left)s codes are left. If your phone is lost, "
                    "set up a new one and make new codes under Two-step sign-in.",
                    left,
                )
                % {"left": left},
            )
            return redirect(_next_url(request))
        else:
            form.add_error("code", _("That recovery code is not right, or it was used before."))
    return render(
        request,
        "accounts/second_factor_recover.html",
        {"form": form, **_onward(request)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Recovery codes: shown once right after they are made; otherwise how many are left, and a
    button to make new ones (the old ones then stop working)."""
    user = request.user
    if not second_factor.has_device(user):
        return redirect("accounts:second-factor")
    if request.method == "POST":
        request.session[RECOVERY_CODES_TO_SHOW] = services.recovery_codes_make(actor=user)
        return redirect("accounts:recovery-codes")
    codes = request.session.pop(RECOVERY_CODES_TO_SHOW, None)
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "left": second_factor.recovery_codes_left(user),
            "next": _next_url(request) if codes else "",
        },
    )


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out username and address (AXES_LOCKOUT_CALLABLE): 429."""
    return render(
        request,
        "accounts/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
