import time

from accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT


def session_started(sender, request, user, **kwargs) -> None:
    """A sign-in starts the session's clocks (idle timeout and absolute lifetime)."""
    session = getattr(request, "session", None)
    if session is not None:
        now = int(time.time())
        session[SIGNED_IN_AT] = now
        session[LAST_SEEN_AT] = now
