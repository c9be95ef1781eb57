from rest_framework.authentication import TokenAuthentication


class HashedTokenAuthentication(TokenAuthentication):
    """Placeholder until the API's own hashed token model lands; authenticates nobody."""

    def authenticate(self, request):
        return None
