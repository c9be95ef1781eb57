"""Every write the API app makes: creating, revoking and marking API tokens as used."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from audit import services as audit

# Keys start with "hw_" so that secret scanners and people can tell what a leaked string is.
KEY_START = "hw_"
PREFIX_LENGTH = 10
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
# last_used_at is a hint for the owner, not an audit trail: write it at most once a minute.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def key_hash(key: str) -> str:
    """The stored form of a key. Keys carry 256 random bits, so an unsalted SHA-256 is enough."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``actor`` and return it with its key — the only time the key exists
    outside the caller's request. Raises ValidationError (field ``name``) for an empty or too
    long name."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the program that will use it.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("A token name has at most %(limit)d characters.") % {"limit": NAME_MAX_LENGTH}}
        )
    key = KEY_START + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, prefix=key[:PREFIX_LENGTH], key_hash=key_hash(key))
    audit.record(actor=actor, action="api_token.created", target=token, details={"prefix": token.prefix})
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Stop ``token`` working from now on. Revoking a revoked token changes nothing. Raises Http404
    when the token is not the actor's own (another user's token is not theirs to know about)."""
    if token.user_id != actor.pk:
        raise Http404
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="api_token.revoked", target=token, details={"prefix": token.prefix})
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Note when the token was last presented (to the minute; one UPDATE, no transaction needed)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
