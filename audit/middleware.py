"""Remembers the client's address for the audit trail while a request is served.

``audit.services.record`` reads it through ``client_address()``; contextvars keep requests apart
in threads and in async tasks alike. Behind reverse proxies set ``HOMEWARD_TRUSTED_PROXIES`` to
their number: the address is then read from ``X-Forwarded-For`` (the one the outermost trusted
proxy saw), never otherwise, since a client can write that header itself.
"""

import ipaddress
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar

from django.conf import settings
from django.http import FileResponse

_address: ContextVar[str | None] = ContextVar("audit_client_address", default=None)


def client_address() -> str | None:
    """The address of the client of the request being served, or None (command line, tasks)."""
    return _address.get()


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def address_of(request) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or with ``HOMEWARD_TRUSTED_PROXIES`` = n proxies in
    front, the n-th address from the end of ``X-Forwarded-For`` (each proxy appends its peer)."""
    proxies = int(getattr(settings, "HOMEWARD_TRUSTED_PROXIES", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop for hop in forwarded.split(",") if hop.strip()]
        if hops:
            found = _valid(hops[max(len(hops) - proxies, 0)])
            if found:
                return found
    return _valid(request.META.get("REMOTE_ADDR", ""))


def _streamed_with(address: str | None, chunks: Iterable) -> Iterator:
    """A streamed response's chunks, each made with the address known: an export records its
    audit event when its stream ends, after the middleware has returned."""
    iterator = iter(chunks)
    while True:
        token = _address.set(address)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _address.reset(token)
        yield chunk


def _closing_with(address: str | None, close: Callable[[], None]) -> Callable[[], None]:
    """The response's ``close``, run with the address known (a stream closed early records then)."""

    def closing() -> None:
        token = _address.set(address)
        try:
            close()
        finally:
            _address.reset(token)

    return closing


class RequestContextMiddleware:
    """Put it first in ``MIDDLEWARE``, so everything after it (sign-in included) is attributed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = address_of(request)
        token = _address.set(address)
        try:
            response = self.get_response(request)
        finally:
            _address.reset(token)
        if response.streaming and not response.is_async and not isinstance(response, FileResponse):
            response.streaming_content = _streamed_with(address, response.streaming_content)
            response.close = _closing_with(address, response.close)
        return response
