"""OpenAPI details drf-spectacular cannot guess: the error responses every operation may give."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from api.exceptions import ErrorSerializer


class ApiAutoSchema(AutoSchema):
    """Adds 401 to every operation, 400 to lists (bad filter values, cursors) and 404 to single
    records (absent, or not visible to the caller — the two are not told apart)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {"401": _("Not signed in, or the token is missing, wrong or revoked.")}
        if self._is_list_view():
            errors["400"] = _("A query parameter is not valid; `fields` names it.")
        else:
            errors["404"] = _("No such record, or not one the caller may see.")
        for code, description in errors.items():
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                ),
            )
        return responses
