"""The registration form as an XLSForm: pyxform converts it, and its fields are the standard layout's."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from pyxform.xls2xform import convert

from exchange import xlsform
from exchange.layout import COLUMN_NAMES
from locations.models import AdminArea

MEMBER_FIELDS = {
    "given_name",
    "given_name_latin",
    "father_name",
    "father_name_latin",
    "grandfather_name",
    "grandfather_name_latin",
    "family_name",
    "family_name_latin",
    "sex",
    "birth_date",
    "phone",
    "document_type",
    "document_number",
    "relationship",
}
HOUSEHOLD_FIELDS = {
    "household_id",
    "arrival_date",
    "border_crossing",
    "returned_from",
    "return_type",
    "province",
}


@pytest.fixture
def district(db):
    herat = AdminArea.objects.get(iso_code="AF-HER")
    return AdminArea.objects.create(
        country_id="AF",
        level=AdminArea.Level.DISTRICT,
        parent=herat,
        name="Injil",
        pcode="AF3202",
        translations={"fa-af": "انجیل"},
    )


@pytest.fixture
def form(district) -> bytes:
    return xlsform.xlsform_bytes()


def sheet(data: bytes, name: str) -> list[dict]:
    rows = list(openpyxl.load_workbook(io.BytesIO(data))[name].values)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_pyxform_converts_the_form_without_warnings(form):
    warnings = []

    xform = convert(xlsform=form, warnings=warnings).xform

    assert warnings == []
    assert '<repeat nodeset="/data/members">' in xform


def test_odk_validate_accepts_the_form(form, tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(form)

    convert(xlsform=str(path), warnings=[], validate=True)


def test_every_field_is_named_after_a_standard_column(form):
    names = {
        row["name"] for row in sheet(form, "survey") if row["type"] not in ("start", "end", "end_repeat")
    }

    assert names - {"members"} == MEMBER_FIELDS | HOUSEHOLD_FIELDS | {"district"}
    assert names - {"members"} <= set(COLUMN_NAMES)


def test_members_are_a_repeat_group(form):
    rows = sheet(form, "survey")
    types = [row["type"] for row in rows]
    inside = {row["name"] for row in rows[types.index("begin_repeat") + 1 : types.index("end_repeat")]}

    assert inside == MEMBER_FIELDS


def test_household_id_is_a_uuid_kept_when_the_submission_is_edited(form):
    [row] = [row for row in sheet(form, "survey") if row["name"] == "household_id"]

    assert (row["type"], row["calculation"]) == ("calculate", "once(uuid())")


def test_choices_are_the_codes_the_standard_layout_writes(form, district):
    choices = {(row["list_name"], row["name"]) for row in sheet(form, "choices")}

    assert {
        ("border_crossing", "islam-qala"),
        ("country", "IR"),
        ("return_type", "deported"),
        ("province", "AF-HER"),
        ("district", "AF3202"),
        ("document_type", "e-tazkira"),
        ("relationship", "head"),
        ("sex", "M"),
        ("sex", "F"),
    } <= choices


def test_districts_are_filtered_by_their_province(form, district):
    [district_choice] = [row for row in sheet(form, "choices") if row["name"] == "AF3202"]
    [question] = [row for row in sheet(form, "survey") if row["name"] == "district"]

    assert district_choice["province"] == "AF-HER"
    assert question["choice_filter"] == "province=${province}"


def test_labels_come_in_every_language_from_the_stored_translations(form):
    [choice] = [row for row in sheet(form, "choices") if row["name"] == "islam-qala"]

    assert choice["label::English (en)"] == "Islam Qala"
    assert choice["label::Dari (prs)"] == "اسلام قلعه"
    assert set(xlsform.CHOICES_COLUMNS) >= {f"label::{name}" for _code, name in xlsform.LANGUAGES}


def test_a_district_without_its_own_translation_falls_back_like_the_pages(form):
    [choice] = [row for row in sheet(form, "choices") if row["name"] == "AF3202"]

    assert (choice["label::Dari (prs)"], choice["label::Persian (fa)"]) == ("انجیل", "انجیل")


def test_same_data_gives_the_same_form_version(form):
    assert sheet(form, "settings")[0]["version"] == sheet(xlsform.xlsform_bytes(), "settings")[0]["version"]


def test_new_reference_data_gives_a_new_form_version(form, district):
    AdminArea.objects.create(
        country_id="AF", level=AdminArea.Level.DISTRICT, parent=district.parent, name="Guzara", pcode="AF3203"
    )

    assert sheet(form, "settings")[0]["version"] != sheet(xlsform.xlsform_bytes(), "settings")[0]["version"]


def test_command_writes_the_form(district, tmp_path):
    output = tmp_path / "form.xlsx"

    call_command("xlsform", "--output", str(output))

    assert convert(xlsform=str(output), warnings=[]).xform.startswith("<?xml")


def test_before_any_district_is_imported_the_form_asks_for_none(db):
    form = xlsform.xlsform_bytes()

    assert "district" not in {row["name"] for row in sheet(form, "survey")}
    assert convert(xlsform=form, warnings=[]).xform.startswith("<?xml")


def test_signed_in_user_downloads_the_form(client, partner_user):
    client.force_login(partner_user)

    response = client.get(reverse("exchange:xlsform"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{xlsform.FILE_NAME}"'
    assert sheet(b"".join(response.streaming_content), "settings")[0]["form_id"] == xlsform.FORM_ID


def test_registration_page_links_to_the_form(client, officer):
    client.force_login(officer)

    page = client.get(reverse("people:arrival-register")).content.decode()

    assert reverse("exchange:xlsform") in page
