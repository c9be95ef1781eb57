from collections.abc import Callable, Sequence

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response

from core.query_params import parse_id


class IdCursorPagination(CursorPagination):
    """Newest first by id: stable under inserts and never a COUNT over a million rows.

    ``?ordering=id`` turns the order round (oldest first). A cursor is opaque to clients; one that
    was not made here is refused with 400, not 404: the list exists, the cursor is wrong.
    """

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_description = _("Where the page starts: the `next` or `previous` link of the page before.")
    page_size_query_description = _("How many results a page holds (1–500, default 50).")
    invalid_cursor_message = _("This cursor was not made by this list; follow the next or previous link.")

    def decode_cursor(self, request) -> Cursor | None:
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
        if cursor is not None and cursor.position is not None and parse_id(cursor.position) is None:
            # Every ordering we allow is by id, so a position is always one.
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})
        return cursor

    def paginate_keyset(
        self, request, fetch: Callable[[int | None, int], tuple[Sequence, int | None]]
    ) -> Sequence:
        """One page from ``fetch(before_id, page_size)`` → (items newest first, next before_id or
        None), for lists that find their rows themselves (the people search). Same cursors and
        response shape as the other lists; such a list only goes forward (``previous`` is null)."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        cursor = self.decode_cursor(request)
        if cursor is not None and (cursor.reverse or cursor.offset):
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})
        before_id = int(cursor.position) if cursor is not None and cursor.position is not None else None
        items, next_before = fetch(before_id, self.page_size)
        self.keyset_next = (
            self.encode_cursor(Cursor(offset=0, reverse=False, position=str(next_before)))
            if next_before is not None
            else None
        )
        return items

    def get_keyset_response(self, data) -> Response:
        return Response({"next": self.keyset_next, "previous": None, "results": data})
