"""The API's one error shape: ``{"message": "...", "fields": {"parameter": ["...", ...]}}``."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorSerializer(serializers.Serializer):
    """What every refused request gets: one readable sentence, and per field (or query parameter)
    what is wrong with it. ``fields`` is empty when the error concerns the request as a whole."""

    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}: {text}" for key, item in value.items() for text in _messages(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _messages(item)]
    return [str(value)]


def api_exception_handler(exc, context):
    """DRF's handler, then its body reshaped. A 404 says no more than "not found": whether the
    record exists at all is not for someone who may not see it to learn."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = response.data
        fields = (
            {str(key): _messages(value) for key, value in detail.items()} if isinstance(detail, dict) else {}
        )
        problems = _messages(detail)
        message = "; ".join(problems) if problems else _("The request is not valid.")
    elif isinstance(exc, Http404 | exceptions.NotFound):
        fields, message = {}, _("Not found.")
    else:
        detail = response.data.get("detail") if isinstance(response.data, dict) else response.data
        fields, message = {}, str(detail)
    response.data = {"message": message, "fields": fields}
    return response
