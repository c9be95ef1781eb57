"""Each signed-in user's language, calendar and digits, for the whole request."""

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
