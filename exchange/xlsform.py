"""The household registration form as an XLSForm, for offline collection in KoBoCollect or ODK
Collect (docs/data-exchange.md, "XLSForm / KoBoToolbox").

Field names are the standard layout's column names (exchange/layout.py), so a KoBo JSON export of
the submissions imports with ``homeward import``: the importer takes the last segment of each key
("members/given_name" → given_name). Choice lists come from the database — border crossings,
countries, return types, provinces and districts (districts filtered by the chosen province),
document types and relationships — as the codes the standard layout uses, labelled in every
language Homeward speaks.
"""

import hashlib
import io
from collections.abc import Callable

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook

from locations.models import AdminArea, BorderCrossing, Country
from people.models import Sex
from vocabularies.models import DocumentType, Relationship, ReturnType

FILE_NAME = "homeward-household-registration.xlsx"
FORM_ID = "homeward_household_registration"
# XLSForm translation columns are "label::<name> (<IANA language subtag>)". Dari's subtag is prs:
# fa-AF is not an IANA language subtag, and pyxform warns about it.
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English (en)"),
    ("fa-af", "Dari (prs)"),
    ("ps", "Pashto (ps)"),
    ("fa", "Persian (fa)"),
    ("ar", "Arabic (ar)"),
    ("ru", "Russian (ru)"),
    ("az", "Azerbaijani (az)"),
)
_TEXTS = ("label", "hint", "constraint_message", "required_message")
SURVEY_COLUMNS = (
    "type",
    "name",
    *(f"{text}::{name}" for text in _TEXTS for _code, name in LANGUAGES),
    "required",
    "relevant",
    "constraint",
    "calculation",
    "choice_filter",
    "appearance",
)
CHOICES_COLUMNS = ("list_name", "name", *(f"label::{name}" for _code, name in LANGUAGES), "province")

Text = Callable[[], str]  # evaluated once per language, under translation.override


def _in_every_language(text: Text | None) -> list[str]:
    values = []
    for code, _name in LANGUAGES:
        with translation.override(code):
            values.append(text() if text is not None else "")
    return values


def _question(
    type: str,
    name: str,
    label: Text | None = None,
    *,
    hint: Text | None = None,
    constraint_message: Text | None = None,
    required_message: Text | None = None,
    required: str = "",
    relevant: str = "",
    constraint: str = "",
    calculation: str = "",
    choice_filter: str = "",
    appearance: str = "",
) -> list[str]:
    texts = [
        value
        for text in (label, hint, constraint_message, required_message)
        for value in _in_every_language(text)
    ]
    return [type, name, *texts, required, relevant, constraint, calculation, choice_filter, appearance]


def _survey() -> list[list[str]]:
    name_required = lambda: _("Write the given name, in the original script or in Latin letters.")  # noqa: E731
    not_future = lambda: _("The date cannot be in the future.")  # noqa: E731
    rows = [
        _question("start", "start"),
        _question("end", "end"),
        # once(): keep the same identifier when the submission is opened again to be corrected.
        _question("calculate", "household_id", calculation="once(uuid())"),
        _question(
            "date",
            "arrival_date",
            lambda: _("Arrival date"),
            required="yes",
            constraint=". <= today()",
            constraint_message=not_future,
        ),
        _question(
            "select_one border_crossing",
            "border_crossing",
            lambda: _("Border crossing or airport"),
            required="yes",
        ),
        _question(
            "select_one country",
            "returned_from",
            lambda: _("Returned from"),
            required="yes",
            appearance="minimal",
        ),
        _question("select_one return_type", "return_type", lambda: _("Return type"), required="yes"),
        _question("select_one province", "province", lambda: _("Intended province"), appearance="minimal"),
        _question(
            "select_one district",
            "district",
            lambda: _("Intended district"),
            choice_filter="province=${province}",
            relevant="${province} != ''",
            appearance="minimal",
        ),
        _question(
            "begin_repeat",
            "members",
            lambda: _("Members"),
            hint=lambda: _("The first member is usually the head."),
        ),
        _question(
            "select_one relationship", "relationship", lambda: _("Relationship to the head"), required="yes"
        ),
        _question("text", "given_name", lambda: _("Given name")),
        # Either spelling of the given name will do; the Latin one is asked for when the other is
        # empty (only one direction: two conditions on each other would be a cycle for ODK).
        _question(
            "text",
            "given_name_latin",
            lambda: _("Given name (Latin)"),
            required="${given_name} = ''",
            required_message=name_required,
        ),
        _question("text", "father_name", lambda: _("Father's name")),
        _question("text", "father_name_latin", lambda: _("Father's name (Latin)")),
        _question("text", "grandfather_name", lambda: _("Grandfather's name")),
        _question("text", "grandfather_name_latin", lambda: _("Grandfather's name (Latin)")),
        _question("text", "family_name", lambda: _("Family name")),
        _question("text", "family_name_latin", lambda: _("Family name (Latin)")),
        _question("select_one sex", "sex", lambda: _("Sex")),
        _question(
            "date",
            "birth_date",
            lambda: _("Date of birth"),
            constraint=". <= today()",
            constraint_message=not_future,
        ),
        _question(
            "text",
            "phone",
            lambda: _("Phone numbers"),
            hint=lambda: _("With the country code, e.g. +93 70 123 4567. Separate several numbers with ;"),
        ),
        _question("select_one document_type", "document_type", lambda: _("Document type")),
        _question(
            "text",
            "document_number",
            lambda: _("Document number"),
            relevant="${document_type} != ''",
            required="yes",
        ),
        _question("end_repeat", "members"),
    ]
    return rows


def _choice(list_name: str, name: str, label: Text, province: str = "") -> list[str]:
    return [list_name, name, *_in_every_language(label), province]


def _choices() -> list[list[str]]:
    home = settings.HOMEWARD_HOME_COUNTRY
    rows = [
        _choice("sex", code, lambda label=label: capfirst(str(label)))
        for code, label in Sex.choices
        if code != Sex.UNKNOWN
    ]

    def terms(list_name: str, queryset) -> None:
        rows.extend(_choice(list_name, term.code, lambda term=term: term.label) for term in queryset)

    terms("border_crossing", BorderCrossing.objects.filter(is_active=True, country_id=home))
    # The countries people come back from most (across the home country's borders) first.
    neighbours = set(
        BorderCrossing.objects.filter(country_id=home)
        .exclude(neighbour_country=None)
        .values_list("neighbour_country_id", flat=True)
    )
    countries = sorted(Country.objects.exclude(pk=home), key=lambda c: (c.pk not in neighbours, c.name))
    rows.extend(
        _choice("country", country.pk, lambda country=country: country.label) for country in countries
    )
    terms("return_type", ReturnType.objects.filter(is_active=True))
    provinces = list(
        AdminArea.objects.filter(country_id=home, level=AdminArea.Level.PROVINCE).order_by("name", "pk")
    )
    codes = {}
    for province in provinces:
        code = province.iso_code or province.pcode
        if code:
            codes[province.pk] = code
            rows.append(_choice("province", code, lambda province=province: province.label))
    districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT, parent__in=provinces).order_by(
        "parent__name", "name", "pk"
    )
    for district in districts:
        code = district.pcode or district.iso_code
        if code and district.parent_id in codes:
            rows.append(
                _choice("district", code, lambda district=district: district.label, codes[district.parent_id])
            )
    terms("document_type", DocumentType.objects.filter(is_active=True))
    terms("relationship", Relationship.objects.filter(is_active=True))
    return rows


def xlsform_workbook() -> Workbook:
    """The form as an openpyxl workbook: survey, choices and settings sheets."""
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(SURVEY_COLUMNS)
    choice_rows = _choices()
    # A list with no choices (no districts imported yet) is an error for pyxform: leave its question out.
    lists = {row[0] for row in choice_rows}
    survey_rows = [
        row for row in _survey() if not row[0].startswith("select_one ") or row[0].split()[1] in lists
    ]
    for row in survey_rows:
        survey.append(row)
    choices = workbook.create_sheet("choices")
    choices.append(CHOICES_COLUMNS)
    for row in choice_rows:
        choices.append(row)
    # The version changes when the questions, labels or choice lists do, so that KoBo and Collect
    # see a new form; the same data gives the same version.
    digest = hashlib.sha256(repr((survey_rows, choice_rows)).encode()).hexdigest()[:10]
    sheet = workbook.create_sheet("settings")
    sheet.append(("form_title", "form_id", "version", "default_language", "instance_name"))
    with translation.override("en"):
        title = _("Household arrival registration")
    sheet.append(
        (
            title,
            FORM_ID,
            digest,
            LANGUAGES[0][1],
            "concat(${arrival_date}, ' ', ${border_crossing}, ' ', count(${members}))",
        )
    )
    return workbook


def xlsform_bytes() -> bytes:
    """The XLSForm file's bytes."""
    buffer = io.BytesIO()
    xlsform_workbook().save(buffer)
    return buffer.getvalue()
