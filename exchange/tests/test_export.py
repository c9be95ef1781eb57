"""Exports: the standard layout, the formats, escaping, and who sees what."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from access import policy
from accounts.models import Role
from audit.models import AuditEvent
from exchange import exporting
from exchange.escaping import escape_cell, unescape_cell
from exchange.layout import COLUMN_NAMES, STANDARD_COLUMNS
from locations.models import AdminArea
from people.models import HouseholdMembership, Phone, ReturnEvent, ReturnEventPerson
from people.tests.factories import DocumentFactory, PersonFactory, return_event_for
from vocabularies.models import DocumentType, Relationship


def export(kind: str, format: str, actor=policy.COMMAND_LINE) -> bytes:
    out = io.BytesIO()
    exporting.export_to_file(actor=actor, kind=kind, format=format, out=out)
    return out.getvalue()


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def people_csv(actor=policy.COMMAND_LINE) -> dict[str, dict[str, str]]:
    return {row["record_id"]: row for row in csv_rows(export("people", "csv", actor))}


@pytest.fixture
def person(officer):
    return PersonFactory(organisation=officer.organisation)


# ------------------------------------------------------------------ the standard layout


def test_people_csv_has_exactly_the_standard_columns_after_a_byte_order_mark(person):
    data = export("people", "csv")

    assert data.startswith("\ufeff".encode())
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == list(COLUMN_NAMES)


def test_people_export_has_one_row_per_person(officer):
    people = [PersonFactory(organisation=officer.organisation) for _ in range(3)]
    return_event_for(people[0])
    return_event_for(people[0], arrived_on=datetime.date(2025, 1, 2))

    rows = csv_rows(export("people", "csv"))

    assert sorted(row["record_id"] for row in rows) == sorted(str(p.uid) for p in people)


def test_person_row_holds_names_sex_household_and_relationship(person):
    row = people_csv()[str(person.uid)]

    assert row["given_name"] == "محمد"
    assert row["given_name_latin"] == "Mohammad"
    assert row["father_name_latin"] == "Ahmad"
    assert row["family_name"] == ""
    assert row["sex"] == "M"
    assert row["household_id"] == str(person.household.uid)
    assert row["relationship"] == "head"


def test_relationship_is_the_current_membership_not_one_the_person_left(person):
    HouseholdMembership.objects.filter(person=person).update(left_on=datetime.date(2024, 6, 1))
    HouseholdMembership.objects.create(
        household=person.household,
        person=person,
        relationship=Relationship.objects.get(code="son"),
        joined_on=datetime.date(2024, 6, 1),
    )

    assert people_csv()[str(person.uid)]["relationship"] == "son"


def test_unrecorded_sex_is_written_empty(officer):
    person = PersonFactory(organisation=officer.organisation, sex="U")

    assert people_csv()[str(person.uid)]["sex"] == ""


@pytest.mark.parametrize(
    ("precision", "expected"),
    [("day", "1990-06-15"), ("month", "1990-06"), ("year", "1990"), ("estimated", "1990")],
)
def test_birth_date_is_written_as_precisely_as_it_is_known(officer, precision, expected):
    person = PersonFactory(
        organisation=officer.organisation, birth_on=datetime.date(1990, 6, 15), birth_precision=precision
    )

    assert people_csv()[str(person.uid)]["birth_date"] == expected


def test_unknown_birth_date_is_empty(officer):
    person = PersonFactory(organisation=officer.organisation, birth_on=None, birth_precision="")

    assert people_csv()[str(person.uid)]["birth_date"] == ""


def test_row_carries_the_latest_return_event(person):
    return_event_for(person, arrived_on=datetime.date(2025, 3, 1), return_type="assisted")
    return_event_for(person, arrived_on=datetime.date(2023, 1, 1), return_type="deported")

    row = people_csv()[str(person.uid)]

    assert (row["arrival_date"], row["return_type"]) == ("2025-03-01", "assisted")
    assert (row["border_crossing"], row["returned_from"]) == ("islam-qala", "IR")


def test_of_two_returns_on_the_same_day_the_later_registered_counts(person):
    return_event_for(person, arrived_on=datetime.date(2024, 5, 1), return_type="deported")
    return_event_for(person, arrived_on=datetime.date(2024, 5, 1), return_type="readmitted")

    assert people_csv()[str(person.uid)]["return_type"] == "readmitted"


def test_person_who_never_returned_has_empty_return_columns(person):
    row = people_csv()[str(person.uid)]

    assert [row[name] for name in exporting._RETURN_FIELDS] == [""] * 6


def test_destination_is_written_as_iso_province_and_district_p_code(person):
    herat = AdminArea.objects.get(iso_code="AF-HER")
    district = AdminArea.objects.create(
        country_id="AF", level=AdminArea.Level.DISTRICT, parent=herat, name="Injil", pcode="AF3202"
    )
    event = return_event_for(person)
    ReturnEvent.objects.filter(pk=event.pk).update(destination_province=herat, destination_district=district)

    row = people_csv()[str(person.uid)]

    assert (row["province"], row["district"]) == ("AF-HER", "AF3202")


def test_first_document_by_id_is_exported(person):
    DocumentFactory(person=person, number="1400-0101-00001")
    DocumentFactory(person=person, number="P1234567", document_type=DocumentType.objects.get(code="passport"))

    row = people_csv()[str(person.uid)]

    assert (row["document_type"], row["document_number"]) == ("e-tazkira", "1400-0101-00001")


def test_phones_are_joined_with_the_separator_and_escaped_in_csv(person):
    Phone.objects.create(person=person, number="0701234567", e164="+93701234567")
    Phone.objects.create(person=person, number="+98 912 123 4567", e164="+989121234567")

    row = people_csv()[str(person.uid)]

    assert row["phone"] == "'+93701234567;+989121234567"
    assert unescape_cell(row["phone"]) == "+93701234567;+989121234567"


def test_phone_libphonenumber_could_not_read_is_written_as_entered(person):
    Phone.objects.create(person=person, number="0799 12", e164="")

    assert people_csv()[str(person.uid)]["phone"] == "0799 12"


# ------------------------------------------------------------------ escaping


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ('=HYPERLINK("http://example.com","x")', '\'=HYPERLINK("http://example.com","x")'),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("'=1", "''=1"),
        ("'Ali", "'Ali"),
        ("Ali-Reza", "Ali-Reza"),
    ],
)
def test_cell_a_spreadsheet_would_run_is_exported_escaped(officer, name, written):
    person = PersonFactory(organisation=officer.organisation, family_name_latin=name)

    assert people_csv()[str(person.uid)]["family_name_latin"] == written


@given(st.text())
def test_unescaping_an_escaped_cell_gives_the_value_back(value):
    assert unescape_cell(escape_cell(value)) == value


@given(st.text())
def test_an_escaped_cell_never_starts_like_a_formula(value):
    assert not escape_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_json_and_xlsx_carry_values_unescaped(person):
    Phone.objects.create(person=person, number="0701234567", e164="+93701234567")
    person.family_name_latin = "=1+2"
    person.save(update_fields=["family_name_latin"])

    [record] = json.loads(export("people", "json"))
    sheet = openpyxl.load_workbook(io.BytesIO(export("people", "xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))

    assert (record["phone"], record["family_name_latin"]) == ("+93701234567", "=1+2")
    assert (cells["phone"].value, cells["family_name_latin"].value) == ("+93701234567", "=1+2")
    assert cells["family_name_latin"].data_type == "s"  # text, not a formula


# ------------------------------------------------------------------ formats


def test_hxl_export_has_the_hashtag_row_second(person):
    rows = list(csv.reader(io.StringIO(export("people", "hxl").decode("utf-8-sig"))))

    assert rows[0] == list(COLUMN_NAMES)
    assert rows[1] == [column.hxl for column in STANDARD_COLUMNS]
    assert {"#affected+name+given", "#date+arrival", "#adm1+code"} <= set(rows[1])
    assert rows[2][0] == str(person.uid)


def test_json_is_a_list_of_objects_with_the_standard_keys_in_plain_utf8(person):
    data = export("people", "json")

    records = json.loads(data)
    assert [list(record) for record in records] == [list(COLUMN_NAMES)]
    assert records[0]["given_name"] == "محمد"
    assert "محمد".encode() in data


def test_json_of_nothing_is_an_empty_list(db):
    assert json.loads(export("people", "json")) == []


def test_xlsx_opens_in_openpyxl_with_the_standard_header(person):
    workbook = openpyxl.load_workbook(io.BytesIO(export("people", "xlsx")))

    rows = list(workbook.active.values)
    assert workbook.active.title == "people"
    assert rows[0] == COLUMN_NAMES
    assert rows[1][0] == str(person.uid)


def test_xlsx_continues_on_another_sheet_past_the_row_limit(officer, monkeypatch):
    people = PersonFactory.create_batch(3, organisation=officer.organisation)
    monkeypatch.setattr(exporting, "XLSX_ROWS_PER_SHEET", 2)

    workbook = openpyxl.load_workbook(io.BytesIO(export("people", "xlsx")))

    assert workbook.sheetnames == ["people", "people 2"]
    assert [row[0] for row in workbook["people 2"].values] == ["record_id", str(people[2].uid)]


@pytest.mark.parametrize("kind", exporting.KINDS)
@pytest.mark.parametrize("format", ["csv", "hxl", "json"])
def test_exporting_again_gives_the_same_bytes(person, kind, format):
    return_event_for(person)

    assert export(kind, format) == export(kind, format)


def test_export_reads_in_chunks_without_a_query_per_person(officer, django_assert_max_num_queries):
    people = PersonFactory.create_batch(12, organisation=officer.organisation)
    Phone.objects.bulk_create(
        Phone(person=person, number="0701234567", e164="+93701234567") for person in people
    )
    [return_event_for(person) for person in people]

    # Reference codes (8), then per chunk of 5: people, phones, documents, memberships, returns.
    with django_assert_max_num_queries(8 + 3 * 5 + 1 + 1):
        rows = list(exporting.export_rows("people", officer, chunk_size=5))

    assert len(rows) == 12


# ------------------------------------------------------------------ households and returns


def test_households_export_counts_members_names_the_head_and_gives_the_latest_return(person):
    member = PersonFactory(organisation=person.organisation, household=person.household)
    HouseholdMembership.objects.filter(person=member).update(
        relationship=Relationship.objects.get(code="son")
    )
    return_event_for(person, arrived_on=datetime.date(2023, 1, 1), return_type="deported")
    return_event_for(member, arrived_on=datetime.date(2024, 2, 2), return_type="assisted")

    [row] = csv_rows(export("households", "csv"))

    assert row == {
        "household_id": str(person.household.uid),
        "head_record_id": str(person.uid),
        "member_count": "2",
        "return_count": "2",
        "arrival_date": "2024-02-02",
        "border_crossing": "islam-qala",
        "returned_from": "IR",
        "return_type": "assisted",
        "province": "",
        "district": "",
    }


def test_returns_export_has_one_row_per_event_with_its_returnees(person):
    member = PersonFactory(organisation=person.organisation, household=person.household)
    event = return_event_for(person, arrived_on=datetime.date(2024, 2, 2))
    ReturnEventPerson.objects.create(return_event=event, person=member)
    return_event_for(person, arrived_on=datetime.date(2025, 2, 2))

    rows = csv_rows(export("returns", "csv"))

    assert [row["arrival_date"] for row in rows] == ["2024-02-02", "2025-02-02"]
    assert rows[0]["household_id"] == str(person.household.uid)
    assert rows[0]["returnee_count"] == "2"
    assert rows[0]["record_ids"].split(";") == [str(person.uid), str(member.uid)]
    assert rows[1]["record_ids"] == str(person.uid)


@pytest.mark.parametrize(
    ("kind", "columns"), [("households", exporting.HOUSEHOLD_COLUMNS), ("returns", exporting.RETURN_COLUMNS)]
)
def test_json_of_households_and_returns_has_their_layout_keys(person, kind, columns):
    return_event_for(person)

    [record] = json.loads(export(kind, "json"))

    assert list(record) == [column.name for column in columns]


# ------------------------------------------------------------------ who sees what


@pytest.fixture
def someone_elsewhere(caseworker_elsewhere):
    other = PersonFactory(organisation=caseworker_elsewhere.organisation, given_name_latin="Elsewhere")
    return_event_for(other)
    return other


@pytest.mark.parametrize("kind", exporting.KINDS)
def test_user_exports_only_their_organisations_records(person, someone_elsewhere, officer, kind):
    return_event_for(person)

    rows = csv_rows(export(kind, "csv", actor=officer))

    assert len(rows) == 1
    assert str(someone_elsewhere.uid) not in json.dumps(rows)
    assert str(someone_elsewhere.household.uid) not in json.dumps(rows)


def test_user_of_no_organisation_exports_nobody(person, partner_user):
    assert csv_rows(export("people", "csv", actor=partner_user)) == []


def test_command_line_exports_every_organisations_people(person, someone_elsewhere, tmp_path):
    output = tmp_path / "people.csv"

    call_command("export", "people", "--output", str(output))

    assert set(people_csv_from(output)) == {str(person.uid), str(someone_elsewhere.uid)}


def people_csv_from(path) -> dict[str, dict[str, str]]:
    return {row["record_id"]: row for row in csv_rows(path.read_bytes())}


# ------------------------------------------------------------------ the command


@pytest.mark.parametrize(("suffix", "format"), [(".json", "json"), (".csv", "csv"), (".txt", "csv")])
def test_command_takes_the_format_from_the_file_suffix(person, tmp_path, suffix, format):
    output = tmp_path / f"people{suffix}"

    call_command("export", "people", "--output", str(output))

    assert output.read_bytes() == export("people", format)


def test_command_writes_xlsx_for_an_xlsx_file(person, tmp_path):
    output = tmp_path / "people.xlsx"

    call_command("export", "people", "--output", str(output))

    assert list(openpyxl.load_workbook(output).active.values)[1][0] == str(person.uid)


def test_command_leaves_the_file_readable_by_its_owner_only(person, tmp_path):
    output = tmp_path / "people.csv"

    call_command("export", "people", "--output", str(output))

    assert output.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("kind", "format", "message"), [("persons", "csv", "persons"), ("people", "xml", "xml")]
)
def test_export_refuses_an_unknown_kind_or_format_at_once(db, kind, format, message):
    with pytest.raises(exporting.ExportError, match=message):
        exporting.export_stream(actor=policy.COMMAND_LINE, kind=kind, format=format)

    assert not AuditEvent.objects.exists()


def test_command_refuses_an_unknown_kind(db):
    with pytest.raises(CommandError, match="invalid choice: 'persons'"):
        call_command("export", "persons")


def test_command_refuses_an_unknown_format(db):
    with pytest.raises(CommandError, match="invalid choice: 'xml'"):
        call_command("export", "people", "--format", "xml")


def test_command_refuses_a_missing_directory_and_writes_nothing(db, tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        call_command("export", "people", "--output", str(tmp_path / "missing" / "people.csv"))

    assert not (tmp_path / "missing").exists()


def test_command_records_an_audit_event(person, tmp_path):
    call_command("export", "households", "--format", "hxl", "--output", str(tmp_path / "households.csv"))

    event = AuditEvent.objects.get(action="exported")
    assert event.actor is None
    assert event.target_type == "people.household"
    assert event.details == {
        "kind": "households",
        "format": "hxl",
        "rows": 1,
        "complete": True,
        "via": "command line",
    }


# ------------------------------------------------------------------ the web


def download(client, kind: str, format: str):
    response = client.get(reverse("exchange:export", kwargs={"kind": kind, "format": format}))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@pytest.mark.parametrize("format", exporting.FORMATS)
def test_officer_downloads_an_attachment(client, supervising_officer, person, format):
    client.force_login(supervising_officer)

    response, _body = download(client, "people", format)

    assert response.status_code == 200
    assert response["Content-Type"] == exporting.CONTENT_TYPES[format]
    assert response["Content-Disposition"].startswith('attachment; filename="homeward-people-')
    assert response["Content-Disposition"].endswith(f'{exporting.FILE_SUFFIXES[format]}"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("format", ["csv", "hxl", "json"])
def test_officers_download_holds_their_people(client, supervising_officer, person, format):
    client.force_login(supervising_officer)

    _response, body = download(client, "people", format)

    assert body == export("people", format, actor=supervising_officer)


def test_officers_xlsx_download_holds_their_people(client, supervising_officer, person):
    client.force_login(supervising_officer)

    _response, body = download(client, "people", "xlsx")

    assert list(openpyxl.load_workbook(io.BytesIO(body)).active.values)[1][0] == str(person.uid)


def test_staff_of_another_organisation_downloads_a_file_without_the_officers_people(
    client, caseworker_elsewhere, person
):
    caseworker_elsewhere.roles.add(Role.objects.get_or_create(code=Role.Code.SUPERVISOR)[0])
    client.force_login(caseworker_elsewhere)

    response, body = download(client, "people", "csv")

    assert response.status_code == 200
    assert csv_rows(body) == []


def test_unknown_kind_or_format_is_not_found(client, officer):
    client.force_login(officer)

    assert download(client, "persons", "csv")[0].status_code == 404
    assert download(client, "people", "xml")[0].status_code == 404


def test_visitor_is_sent_to_sign_in(client, person):
    response = client.get(reverse("exchange:export", kwargs={"kind": "people", "format": "csv"}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_web_export_records_who_exported_what(client, supervising_officer, person):
    client.force_login(supervising_officer)

    download(client, "people", "json")

    event = AuditEvent.objects.get(action="exported")
    assert event.actor == supervising_officer
    assert event.details == {"kind": "people", "format": "json", "rows": 1, "complete": True, "via": "web"}


def test_a_download_stopped_early_is_recorded_as_incomplete(officer):
    PersonFactory.create_batch(3, organisation=officer.organisation)
    stream = exporting.export_stream(actor=officer, kind="people", format="csv")

    next(stream)  # the header
    next(stream)  # the first chunk
    stream.close()

    assert AuditEvent.objects.get(action="exported").details["complete"] is False


@pytest.mark.parametrize("kind", exporting.KINDS)
@pytest.mark.parametrize("format", exporting.FORMATS)
def test_people_list_offers_each_export(client, supervising_officer, kind, format):
    client.force_login(supervising_officer)

    page = client.get(reverse("people:person-list")).content.decode()

    assert reverse("exchange:export", kwargs={"kind": kind, "format": format}) in page
