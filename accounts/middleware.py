"""Each signed-in user's language, calendar and digits; session lifetime; the second factor."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from calendars.display import DatePreferences, activate


class UserPreferencesMiddleware:
    """After authentication: the user's chosen language wins over the browser's, and dates are
    shown in the user's calendar and digits. Visitors keep their browser's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            activate(DatePreferences(calendar=user.calendar, digits=user.digits))
        else:
            activate(DatePreferences())
        return self.get_response(request)


# --- session lifetime -----------------------------------------------------------------------------

SIGNED_IN_AT = "homeward_signed_in_at"
LAST_SEEN_AT = "homeward_last_seen_at"
# The last-seen time is written at most this often, so a busy user's session is not saved on every
# request; the idle timeout is therefore exact to within this many seconds.
LAST_SEEN_RESOLUTION = 60


def _to_sign_in(request, reason: str):
    url = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path(), 'ended': reason})}"
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


class SessionLifetimeMiddleware:
    """Signs a user out after ``HOMEWARD_IDLE_TIMEOUT_MINUTES`` without a request, and
    ``HOMEWARD_SESSION_MAX_HOURS`` after signing in however active they are (a shared computer at
    a border crossing must not stay signed in). API requests with a token carry no session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.get(SIGNED_IN_AT)
            last_seen_at = session.get(LAST_SEEN_AT)
            if signed_in_at is None or last_seen_at is None:
                session[SIGNED_IN_AT] = signed_in_at or now
                session[LAST_SEEN_AT] = now
            elif now - last_seen_at > settings.HOMEWARD_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                return _to_sign_in(request, "idle")
            elif now - signed_in_at > settings.HOMEWARD_SESSION_MAX_HOURS * 3600:
                logout(request)
                return _to_sign_in(request, "expired")
            elif now - last_seen_at >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


# --- second factor --------------------------------------------------------------------------------

# What a signed-in user who still owes a second factor may reach: the enrolment and verification
# pages, signing out, the language menu. Everything else sends them there.
SECOND_FACTOR_EXEMPT = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:language",
        "accounts:second-factor",
        "accounts:second-factor-qr",
        "accounts:second-factor-verify",
        "accounts:second-factor-recover",
        "core:health",
        "set_language",
    }
)


class SecondFactorMiddleware:
    """Until a user who needs a second factor has given one in this session, they can only enrol
    or verify (or sign out): administrators, supervisors and admin-site staff must; anyone who
    turned it on in their preferences does too. Needs django_otp's OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from accounts import second_factor

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_EXEMPT:
            return None
        if second_factor.has_device(user):
            target = "accounts:second-factor-verify"
        elif second_factor.is_required(user):
            target = "accounts:second-factor"
        else:
            return None
        url = f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
