"""Counts on the import pages: files of 100,000 rows need their digits grouped."""

from django import template
from django.utils.formats import number_format

from calendars import display

register = template.Library()


class _Count(int):
    """A count that still counts (plural forms choose by it), written grouped in the language's way
    (97,125 · 97 125) and in the reader's digits."""

    def __str__(self) -> str:
        return display.with_digits(number_format(int(self), force_grouping=True))


@register.filter
def import_count(value) -> int:
    return _Count(value or 0)
