"""Which of a file's columns holds which standard column: by name, by HXL hashtag, or by the
mapping a user gives (``--mapping MAP.json`` or the browser's mapping step)."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from exchange.importing.files import FileError
from exchange.layout import COLUMN_NAMES, NAME_ANY_OF, STANDARD_COLUMNS

_BY_TAG = {column.hxl: column.name for column in STANDARD_COLUMNS}


def column_key(name: str) -> str:
    """A column name as compared: case, spaces and '-' ignored; a KoBo group path by its last part."""
    return re.sub(r"[\s\-]+", "_", name.strip().rsplit("/", 1)[-1].casefold())


@dataclass
class ColumnMap:
    """Standard column name → the file's column index; and the file's columns nobody maps."""

    index_of: dict[str, int]
    unknown: list[str] = field(default_factory=list)

    def arrange(self, cells: list) -> dict[str, object]:
        arranged = {}
        for name, index in self.index_of.items():
            arranged[name] = cells[index] if index < len(cells) else ""
        return arranged


def mapping_load(path: Path) -> dict[str, str]:
    """A mapping file: ``{"their column": "standard column"}``; null or "" skips a column."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FileError(_("The mapping file cannot be read: %(error)s") % {"error": error}) from error
    data = data.get("columns", data) if isinstance(data, dict) else data
    if not isinstance(data, dict):
        raise FileError(_('The mapping file must be a JSON object: {"their column": "standard column"}.'))
    return mapping_check(data)


def mapping_check(mapping: dict) -> dict[str, str]:
    for theirs, ours in mapping.items():
        if ours and ours not in COLUMN_NAMES:
            raise FileError(
                _("The mapping sends %(theirs)s to %(ours)s, which is not a standard column (%(columns)s).")
                % {"theirs": theirs, "ours": ours, "columns": ", ".join(COLUMN_NAMES)}
            )
    return {str(theirs): str(ours or "") for theirs, ours in mapping.items()}


def is_hxl_row(cells: list) -> bool:
    filled = [str(cell).strip() for cell in cells if str(cell).strip()]
    return bool(filled) and all(cell.startswith("#") for cell in filled)


def columns_map(
    header: list[str], mapping: dict[str, str] | None = None, hxl_row: list | None = None
) -> ColumnMap:
    mapping = {column_key(theirs): ours for theirs, ours in (mapping or {}).items()}
    index_of: dict[str, int] = {}
    unknown: list[str] = []
    tags = [str(cell).strip().split()[0].casefold() if str(cell).strip() else "" for cell in (hxl_row or [])]
    for index, name in enumerate(header):
        if not name:
            continue
        folded = column_key(name)
        if folded in mapping:
            standard = mapping[folded]
        elif folded in COLUMN_NAMES:
            standard = folded
        else:
            standard = _BY_TAG.get(tags[index], "") if index < len(tags) else ""
            if not standard:
                unknown.append(name)
                continue
        if not standard:
            continue  # deliberately skipped in the mapping
        if standard in index_of:
            raise FileError(
                _("Two columns would both fill %(column)s: %(first)s and %(second)s.")
                % {"column": standard, "first": header[index_of[standard]], "second": name}
            )
        index_of[standard] = index
    if "record_id" not in index_of:
        raise FileError(
            _(
                "There is no record_id column (each record's key in your system). Name a column "
                "record_id, or map one to it."
            )
        )
    if not any(name in index_of for name in NAME_ANY_OF):
        raise FileError(
            _("There is no name column: at least one of %(columns)s is needed.")
            % {"columns": ", ".join(NAME_ANY_OF)}
        )
    return ColumnMap(index_of=index_of, unknown=unknown)
