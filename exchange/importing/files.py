"""Reading import files as a header and a stream of rows: CSV (any of the region's encodings),
XLSX, and KoBoToolbox/ODK submission JSON. Nothing here knows what the columns mean.

Files are streamed: a million-row CSV is never held in memory. Anything that makes a file
unreadable as a whole (empty, truncated, an unknown encoding, duplicate headers, thousands of
columns, huge cells, formulas) raises FileError with a message for people; the caller imports
nothing.
"""

import codecs
import csv
import datetime
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

MAX_COLUMNS = 300
MAX_CELL_CHARACTERS = 10_000
_SAMPLE_BYTES = 256 * 1024
# KoBo/ODK metadata that every submission carries and that is not data about the person.
_KOBO_META = re.compile(
    r"^(_|meta/|formhub/)|^(start|end|today|deviceid|subscriberid|simserial|phonenumber)$"
)


class FileError(Exception):
    """The file cannot be read at all; nothing is imported."""


@dataclass
class Table:
    """An open file: its header, its rows as (row label, cells), and how far reading has got."""

    kind: str  # "csv", "xlsx" or "kobo"
    header: list[str]
    rows: Iterator[tuple[str, list]]
    progress: Callable[[], float] = lambda: 0.0
    encoding: str = ""
    default_source: str = ""
    size: int = 0  # bytes


def check_header(header: list[str]) -> list[str]:
    """Refuse headers that cannot be read unambiguously; returns the header cleaned of blanks."""
    cleaned = [str(name if name is not None else "").strip().lstrip("\ufeff") for name in header]
    while cleaned and not cleaned[-1]:
        cleaned.pop()  # spreadsheets often carry empty trailing columns
    if not any(cleaned):
        raise FileError(_("The first row is empty: it must hold the column names."))
    if len(cleaned) > MAX_COLUMNS:
        raise FileError(
            _("The file has %(count)d columns; at most %(limit)d can be imported.")
            % {"count": len(cleaned), "limit": MAX_COLUMNS}
        )
    seen: dict[str, int] = {}
    for index, name in enumerate(cleaned, start=1):
        if not name:
            continue
        folded = name.casefold()
        if folded in seen:
            raise FileError(
                _("Column %(name)s appears twice (columns %(first)d and %(second)d); rename one.")
                % {"name": name, "first": seen[folded], "second": index}
            )
        seen[folded] = index
    return cleaned


# --- CSV ---------------------------------------------------------------------------------------


def _looks_like_utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def _decodes(sample: bytes, encoding: str) -> str | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        return decoder.decode(sample, final=False)  # the sample may end inside a character
    except UnicodeDecodeError:
        return None


def _arabic_or_cyrillic(sample: bytes) -> str | None:
    """Windows-1256 (Persian/Arabic) or Windows-1251 (Cyrillic): their letters share the same
    bytes, so decide by what the text looks like. Russian read as 1256 turns into accented Latin
    letters (à, â, î, é) between Arabic ones; real 1256 text has hardly any of those."""
    as_arabic = _decodes(sample, "cp1256")
    if as_arabic is not None:
        arabic = sum(1 for char in as_arabic if "\u0600" <= char <= "\u06ff")
        accented = sum(1 for char in as_arabic if "\u00c0" <= char <= "\u00ff")
        if arabic and accented * 4 < arabic:
            return "cp1256"
    as_cyrillic = _decodes(sample, "cp1251")
    if as_cyrillic is not None and any("\u0400" <= char <= "\u04ff" for char in as_cyrillic):
        return "cp1251"
    return None


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if encoding := _looks_like_utf16_without_bom(sample):
        return encoding
    if b"\x00" in sample:
        raise FileError(_("This is not a text file. Save it as CSV (UTF-8) or XLSX and try again."))
    if _decodes(sample, "utf-8") is not None:
        return "utf-8"
    if encoding := _arabic_or_cyrillic(sample):
        return encoding
    raise FileError(
        _(
            "The file's encoding is not one Homeward reads. Save it as CSV UTF-8; UTF-16, "
            "Windows-1256 (Arabic script) and Windows-1251 (Cyrillic) are read too."
        )
    )


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(reader, first_row_number: int) -> Iterator[tuple[str, list]]:
    number = first_row_number
    try:
        for cells in reader:
            number += 1
            if any(cell.strip() for cell in cells):
                yield str(number), cells
    except csv.Error as error:
        text = str(error)
        if "field larger than field limit" in text:
            raise FileError(
                _("Row %(row)d has a cell longer than %(limit)d characters; is it the right file?")
                % {"row": number + 1, "limit": MAX_CELL_CHARACTERS}
            ) from error
        if "unexpected end of data" in text or "EOF" in text:
            raise FileError(
                _("The file ends inside a quoted cell after row %(row)d: it may be truncated.")
                % {"row": number}
            ) from error
        raise FileError(
            _("Row %(row)d cannot be read: %(error)s") % {"row": number + 1, "error": text}
        ) from error
    except UnicodeDecodeError as error:
        raise FileError(
            _("After row %(row)d the file is not valid %(encoding)s text: it may be damaged or mixed.")
            % {"row": number, "encoding": error.encoding}
        ) from error


def open_csv(path: Path) -> Table:
    raw = path.open("rb")
    sample = raw.read(_SAMPLE_BYTES)
    if not sample.strip():
        raw.close()
        raise FileError(_("The file is empty."))
    encoding = detect_encoding(sample)
    raw.seek(0)
    size = max(path.stat().st_size, 1)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        first_line = text.readline()
    except UnicodeDecodeError as error:
        raise FileError(
            _("The first row is not valid %(encoding)s text: the file may be damaged.")
            % {"encoding": encoding}
        ) from error
    text.seek(0)
    csv.field_size_limit(MAX_CELL_CHARACTERS)
    reader = csv.reader(text, delimiter=_delimiter(first_line), strict=True)
    header = next(_csv_rows(reader, 0), None)
    if header is None:
        raise FileError(_("The file is empty."))
    return Table(
        kind="csv",
        header=check_header(header[1]),
        rows=_csv_rows(reader, int(header[0])),
        progress=lambda: min(raw.tell() / size, 1.0),
        encoding=encoding,
        default_source=path.name,
        size=size,
    )


# --- XLSX --------------------------------------------------------------------------------------


def _xlsx_cell(value):
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone and document numbers typed as numbers
    if value is None:
        return ""
    return value if isinstance(value, datetime.date) else str(value)


def _xlsx_rows(sheet_rows, header_length: int, total: list) -> Iterator[tuple[str, list]]:
    for number, row in enumerate(sheet_rows, start=2):
        total[0] = number
        for column, cell in enumerate(row[:header_length], start=1):
            # A formula cell, not text that begins with "=" (exports write those as text).
            if getattr(cell, "data_type", None) == "f":
                raise FileError(
                    _(
                        "Row %(row)d, column %(column)d holds a formula (%(formula)s). Save the sheet "
                        "with values only (copy, paste as values) and import it again."
                    )
                    % {"row": number, "column": column, "formula": str(cell.value)[:40]}
                )
        cells = [_xlsx_cell(getattr(cell, "value", None)) for cell in row]
        if any(cell != "" for cell in cells):
            yield str(number), cells


def open_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # A file object, not the path: openpyxl would refuse a workbook saved as .csv by name alone.
        workbook = load_workbook(path.open("rb"), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows()
        header_row = next(rows, None)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, IndexError) as error:
        raise FileError(
            _("This is not a readable XLSX workbook (it may be truncated or another format): %(error)s")
            % {"error": error}
        ) from error
    if header_row is None:
        raise FileError(_("The file is empty."))
    header = check_header([cell.value for cell in header_row])
    total_rows = max(sheet.max_row or 1, 1)
    position = [1]
    return Table(
        kind="xlsx",
        header=header,
        rows=_xlsx_rows(rows, len(header), position),
        progress=lambda: min(position[0] / total_rows, 1.0),
        default_source=path.name,
        size=path.stat().st_size,
    )


# --- KoBoToolbox / ODK submissions --------------------------------------------------------------


def _field_name(key: str) -> str:
    return key.rsplit("/", 1)[-1]


def _submission_rows(submission: dict) -> list[tuple[str, dict]]:
    """One row per member of the submission's repeat group (or one row for the submission)."""
    household: dict[str, object] = {}
    members: list[dict] = []
    for key, value in submission.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            members = members or value
        elif not _KOBO_META.search(key):
            household[_field_name(key)] = value
    uuid = str(submission.get("_uuid") or submission.get("meta/instanceID", "")).removeprefix("uuid:")
    household.setdefault("household_id", uuid)
    if not members:
        return [("", {**household, "record_id": household.get("record_id") or uuid})]
    rows = []
    for index, member in enumerate(members, start=1):
        fields = {_field_name(key): value for key, value in member.items() if not _KOBO_META.search(key)}
        rows.append(
            (f".{index}", {**household, **fields, "record_id": fields.get("record_id") or f"{uuid}/{index}"})
        )
    return rows


def kobo_table(submissions: list[dict], *, name: str) -> Table:
    if not submissions:
        raise FileError(_("The file holds no submissions."))
    if not all(isinstance(item, dict) for item in submissions):
        raise FileError(_("This is not a KoBoToolbox/ODK submission export: expected a list of submissions."))
    flattened = [
        (f"{number}{suffix}", row)
        for number, submission in enumerate(submissions, start=1)
        for suffix, row in _submission_rows(submission)
    ]
    header = check_header(list(dict.fromkeys(key for _label, row in flattened for key in row)))
    form_id = next((item.get("_xform_id_string") for item in submissions if item.get("_xform_id_string")), "")
    done = [0]

    def rows() -> Iterator[tuple[str, list]]:
        for label, row in flattened:
            done[0] += 1
            yield label, ["" if row.get(key) is None else str(row.get(key)) for key in header]

    return Table(
        kind="kobo",
        header=header,
        rows=rows(),
        progress=lambda: done[0] / len(flattened),
        default_source=f"kobo:{form_id}" if form_id else name,
    )


def open_kobo_json(path: Path) -> Table:
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FileError(
            _("This is not valid JSON (it may be truncated): %(error)s") % {"error": error}
        ) from error
    submissions = data.get("results") if isinstance(data, dict) else data
    if not isinstance(submissions, list):
        raise FileError(_("This is not a KoBoToolbox/ODK submission export: expected a list of submissions."))
    return kobo_table(submissions, name=path.name)


def open_table(path: Path) -> Table:
    """Open ``path`` by what it contains (the extension is only a hint)."""
    if not path.is_file():
        raise FileError(_("There is no file at %(path)s.") % {"path": path})
    if path.stat().st_size == 0:
        raise FileError(_("The file is empty."))
    with path.open("rb") as handle:
        start = handle.read(8).lstrip(codecs.BOM_UTF8)
    if start.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        return open_xlsx(path)
    if start.lstrip()[:1] in (b"[", b"{") or path.suffix.lower() == ".json":
        return open_kobo_json(path)
    return open_csv(path)
