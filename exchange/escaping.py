"""Spreadsheet formula injection ("CSV injection"): the one rule exports apply and imports undo.

Excel, LibreOffice and Google Sheets run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) as a formula, so a name typed as ``=HYPERLINK(…)`` would act
when a colleague opens the export. CSV and HXL exports therefore write such a value with one
``'`` in front — the spreadsheets' own "this is text" mark. A value that already begins with
quotes followed by one of those characters gets one more quote, so the rule can always be undone:

    export  if the value matches ``'*[=+\\-@\\t\\r]`` (any number of ``'``, then one of those six
            characters), write ``'`` + value;
    import  if the cell matches ``'+[=+\\-@\\t\\r]`` (at least one ``'``, then one of them), drop
            the first ``'``.

Phone numbers in E.164 begin with ``+``, so a CSV phone cell reads ``'+93701234567``: a
spreadsheet shows it as the text ``+93701234567`` instead of turning it into the number
93701234567 (or an error, for several numbers), and ``homeward import`` reads it back exactly.
Programs that want the values untouched read the JSON or XLSX export: JSON is not opened by
spreadsheets, and XLSX cells are typed as text (with Excel's own quote-prefix flag), so neither
carries the quote.
"""

import re

TRIGGERS = "=+-@\t\r"
_NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def needs_escape(value: str) -> bool:
    """Whether a spreadsheet would read ``value`` as a formula (or it looks like an escaped one)."""
    return bool(value) and _NEEDS_ESCAPE.match(value) is not None


def escape_cell(value: str) -> str:
    """``value`` as a CSV cell that no spreadsheet runs as a formula."""
    if value and value[0] in "'=+-@\t\r" and _NEEDS_ESCAPE.match(value):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The value ``escape_cell`` was given (for CSV and HXL cells; JSON and XLSX are not escaped)."""
    if value and value[0] == "'" and _ESCAPED.match(value):
        return value[1:]
    return value
