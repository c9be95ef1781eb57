"""A database that is busy is a wait, not a crash."""

from django.db import OperationalError
from django.shortcuts import render


class DatabaseBusyMiddleware:
    """On SQLite a large import holds the write lock until it commits; a save that waits longer
    than the busy timeout fails with "database is locked". Answer 503 with a page that says to
    try again, instead of a server error, and keep nothing half-saved (the request's transaction
    has already rolled back)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and "database is locked" in str(exception):
            response = render(request, "core/busy.html", status=503)
            response["Retry-After"] = "30"
            return response
        return None
