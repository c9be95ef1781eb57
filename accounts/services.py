from django.db import transaction

from accounts.models import User


@transaction.atomic
def user_preferences_update(*, actor: User, language: str, calendar: str, digits: str) -> User:
    """Save how the user reads Homeward: language, calendar and digits ("" = the usual)."""
    actor.language, actor.calendar, actor.digits = language, calendar, digits
    actor.save(update_fields=["language", "calendar", "digits"])
    return actor


@transaction.atomic
def user_language_set(*, actor: User, language: str) -> User:
    actor.language = language
    actor.save(update_fields=["language"])
    return actor
