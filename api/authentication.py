"""`Authorization: Token <key>` (or `Bearer <key>`), checked against the hash of the key."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from api import selectors, services

KEYWORDS = (b"token", b"bearer")


class HashedTokenAuthentication(BaseAuthentication):
    """A request carrying a token is that token's user's request, or it is refused with 401.

    A request without an ``Authorization: Token|Bearer`` header is left to the next class
    (the browser's session). Being first in DEFAULT_AUTHENTICATION_CLASSES, this class's
    ``authenticate_header`` makes DRF answer 401 with ``WWW-Authenticate`` (not 403) to
    requests that are not signed in at all.
    """

    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the header as: Authorization: Token <key>."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(_("This token is not valid or has been revoked.")) from None
        token = selectors.api_token_find(key_hash=services.key_hash(key))
        if token is None:
            raise AuthenticationFailed(_("This token is not valid or has been revoked."))
        services.api_token_mark_used(token=token)
        return (token.user, token)

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A key made under Preferences → API tokens, sent as `Authorization: Bearer <key>` "
                    "or `Authorization: Token <key>`."
                )
            ),
        }
