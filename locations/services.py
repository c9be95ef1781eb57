"""Importing districts from OCHA's P-coded administrative boundary tables (COD-AB)."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from locations.models import AdminArea, Country
from names.normalise import name_key

REQUIRED_COLUMNS = ("admin1Pcode", "admin1Name_en", "admin2Pcode", "admin2Name_en")
# OCHA's local-language column suffixes → our language codes.
LANGUAGE_SUFFIXES = {
    "fa": ("fa-af", "fa"),
    "da": ("fa-af",),
    "prs": ("fa-af",),
    "ps": ("ps",),
    "pus": ("ps",),
    "ar": ("ar",),
    "ru": ("ru",),
    "az": ("az",),
}


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column} ({self.value!r}): {self.message}"


@dataclass
class ImportResult:
    provinces_matched: int = 0
    districts_created: int = 0
    districts_updated: int = 0
    problems: list[Problem] = field(default_factory=list)


class LocationImportError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _translations(row: dict[str, str], level: int) -> dict[str, str]:
    translations: dict[str, str] = {}
    for column, value in row.items():
        prefix = f"admin{level}Name_"
        if column and column.startswith(prefix) and value and value.strip():
            for language in LANGUAGE_SUFFIXES.get(column.removeprefix(prefix).lower(), ()):
                translations.setdefault(language, value.strip())
    return translations


def read_table(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """Columns and rows of a CSV file (UTF-8, with or without BOM). Raises LocationImportError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LocationImportError(
            [Problem(0, "-", "", f"the file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8")]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = [column.strip() for column in reader.fieldnames or []]
    if not columns:
        raise LocationImportError(
            [Problem(1, "-", "", "the file is empty: it needs a header row and districts")]
        )
    reader.fieldnames = columns
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise LocationImportError(
            [
                Problem(
                    1,
                    column,
                    "",
                    "required column is missing; the header must name " + ", ".join(REQUIRED_COLUMNS),
                )
                for column in missing
            ]
        )
    return columns, list(reader)


@transaction.atomic
def locations_import(*, rows: list[dict[str, str]], dataset: str, country_code: str) -> ImportResult:
    """Create or update districts (level 2) from COD-AB rows; match provinces by P-code or name.

    All or nothing: raises LocationImportError listing every problem (row, column, value, why).
    """
    country = Country.objects.filter(pk=country_code.upper()).first()
    if country is None:
        raise LocationImportError([Problem(0, "--country", country_code, "not an ISO 3166-1 alpha-2 code")])
    provinces = list(AdminArea.objects.filter(country=country, level=AdminArea.Level.PROVINCE))
    by_pcode = {province.pcode: province for province in provinces if province.pcode}
    by_name = {name_key(province.name): province for province in provinces}
    districts = {area.pcode: area for area in AdminArea.objects.filter(country=country, level=2)}
    result = ImportResult()
    matched: set[int] = set()
    for number, row in enumerate(rows, start=2):
        row = {key: (value or "").strip() for key, value in row.items() if key}
        province = by_pcode.get(row["admin1Pcode"]) or by_name.get(name_key(row["admin1Name_en"]))
        if province is None:
            result.problems.append(
                Problem(
                    number,
                    "admin1Name_en",
                    row["admin1Name_en"],
                    f"no province of {country.name} has this name or P-code",
                )
            )
            continue
        for column in ("admin2Pcode", "admin2Name_en"):
            if not row[column]:
                result.problems.append(Problem(number, column, "", "must not be empty"))
        if not row["admin2Pcode"] or not row["admin2Name_en"]:
            continue
        if not row["admin2Pcode"].startswith(row["admin1Pcode"]):
            result.problems.append(
                Problem(
                    number,
                    "admin2Pcode",
                    row["admin2Pcode"],
                    f"does not start with its province's P-code {row['admin1Pcode']}",
                )
            )
            continue
        if province.pk not in matched:
            matched.add(province.pk)
            province.pcode, province.pcode_dataset = row["admin1Pcode"], dataset
            province.translations = {**_translations(row, 1), **province.translations}
            province.save(update_fields=["pcode", "pcode_dataset", "translations"])
            by_pcode[province.pcode] = province
        district = districts.get(row["admin2Pcode"])
        values = {
            "name": row["admin2Name_en"],
            "translations": _translations(row, 2),
            "parent": province,
            "pcode_dataset": dataset,
        }
        if district is None:
            district = AdminArea(
                country=country, level=AdminArea.Level.DISTRICT, pcode=row["admin2Pcode"], **values
            )
            result.districts_created += 1
        else:
            for name, value in values.items():
                setattr(district, name, value)
            result.districts_updated += 1
        district.save()
        districts[district.pcode] = district
    if result.problems:
        raise LocationImportError(result.problems)
    result.provinces_matched = len(matched)
    return result
