from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit import services as audit


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


@transaction.atomic
def second_factor_begin(*, actor: User) -> TOTPDevice:
    """Start enrolling an authenticator: a new unconfirmed key (any earlier unconfirmed one goes)."""
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name=str(_("Authenticator app")), confirmed=False)


@transaction.atomic
def second_factor_confirm(*, actor: User, device: TOTPDevice, code: str) -> bool:
    """Confirm the authenticator with its first code; from now on every sign-in asks for one."""
    if device.user_id != actor.pk or not device.verify_token(_digits(code)):
        return False
    TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor=actor, action="account.second_factor_enabled", target=actor)
    return True


@transaction.atomic
def second_factor_remove(*, actor: User, code: str) -> bool:
    """Turn the second factor off (only for users who are not required to have it), with a code."""
    from accounts import second_factor

    device = second_factor.confirmed_device(actor)
    if second_factor.is_required(actor) or device is None or not device.verify_token(_digits(code)):
        return False
    TOTPDevice.objects.filter(user=actor).delete()
    audit.record(actor=actor, action="account.second_factor_disabled", target=actor)
    return True


def _digits(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace())
