import secrets

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
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
    replaced, _kinds = TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    action = "account.second_factor_replaced" if replaced else "account.second_factor_enabled"
    audit.record(actor=actor, action=action, target=actor)
    return True


@transaction.atomic
def second_factor_remove(*, actor: User, code: str) -> bool:
    """Turn the second factor off (only for users who are not required to have it), with a code."""
    from accounts import second_factor

    device = second_factor.confirmed_device(actor)
    if second_factor.is_required(actor) or device is None or not device.verify_token(_digits(code)):
        return False
    TOTPDevice.objects.filter(user=actor).delete()
    StaticDevice.objects.filter(user=actor).delete()
    audit.record(actor=actor, action="account.second_factor_disabled", target=actor)
    return True


@transaction.atomic
def recovery_codes_make(*, actor: User) -> list[str]:
    """New recovery codes for a user with an authenticator; the old ones stop working. Returns the
    codes as they are to be shown, once: only their keyed hashes are kept."""
    from accounts import second_factor

    StaticDevice.objects.filter(user=actor).delete()
    device = StaticDevice.objects.create(user=actor, name=str(_("Recovery codes")), confirmed=True)
    codes = [
        "".join(secrets.choice(second_factor.RECOVERY_ALPHABET) for _ in range(second_factor.RECOVERY_LENGTH))
        for _ in range(second_factor.RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=second_factor.recovery_hash(code)) for code in codes
    )
    audit.record(actor=actor, action="account.recovery_codes_made", target=actor)
    return [second_factor.recovery_code_shown(code) for code in codes]


@transaction.atomic
def recovery_code_use(*, actor: User, code: str) -> StaticDevice | None:
    """Sign in with a recovery code instead of the authenticator: the code is used up. Returns the
    device to log in with, or None when the code is wrong (wrong codes are throttled as with the
    authenticator)."""
    from accounts import second_factor

    device = second_factor.recovery_device(actor)
    if device is None or not second_factor.looks_like_recovery_code(code):
        return None
    if not device.verify_token(second_factor.recovery_hash(code)):
        return None
    audit.record(
        actor=actor,
        action="account.recovery_code_used",
        target=actor,
        details={"codes_left": device.token_set.count()},
    )
    return device


def _digits(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace())
