"""Importing people, households and returns from files: what lands, what is refused and why."""

import datetime
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from access import policy
from exchange.importing.files import FileError
from exchange.models import ImportJob
from exchange.services import file_import
from locations.models import AdminArea
from people import selectors
from people.models import Household, HouseholdMembership, IdentityDocument, Person, ReturnEvent
from people.tests.factories import DocumentFactory, PersonFactory
from vocabularies.models import DocumentType

HEADER = (
    "record_id,given_name,given_name_latin,family_name,family_name_latin,sex,birth_date,phone,"
    "document_type,document_number,household_id,relationship,arrival_date,border_crossing,"
    "returned_from,return_type,province,district"
)
FAMILY = [
    "A1,محمد,Mohammad,احمدی,Ahmadi,M,1360/5/3,0700123456,tazkira,12345,H1,head,1402/7/15,islam-qala,IR,deported,AF-HER,",
    "A2,فاطمه,Fatima,احمدی,Ahmadi,زن,1985,,,,H1,spouse,۱۴۰۲/۰۷/۱۵,islam-qala,Iran,deported,هرات,",
    "A3,علی,Ali,احمدی,Ahmadi,M,2015-03-01,,,,H1,son,2023-10-07,islam-qala,IR,deported,AF-HER,",
]


def write(tmp_path, lines, name="people.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def run(path, officer, **options):
    return file_import(path, actor=officer, organisation=officer.organisation, **options)


def test_a_household_arrives_whole(tmp_path, officer):
    report = run(write(tmp_path, [HEADER, *FAMILY]), officer, commit=True)

    assert (report.created, report.rejected) == (3, 0)
    household = Household.objects.get()
    assert sorted(Person.objects.values_list("given_name_latin", flat=True)) == ["Ali", "Fatima", "Mohammad"]
    assert set(Person.objects.values_list("household_id", flat=True)) == {household.pk}
    event = ReturnEvent.objects.get()  # one return for the family, written in three ways
    assert event.arrived_on == datetime.date(2023, 10, 7)
    assert event.destination_province.iso_code == "AF-HER"
    assert event.returnees.count() == 3
    father = Person.objects.get(given_name_latin="Mohammad")
    assert father.birth_on == datetime.date(1981, 7, 25)
    assert father.phones.get().e164 == "+93700123456"
    assert father.documents.get().number == "12345"
    assert Person.objects.get(given_name_latin="Fatima").sex == "F"
    assert HouseholdMembership.objects.filter(relationship__is_head=True).count() == 1


def test_imported_people_are_found_by_search(tmp_path, officer):
    run(write(tmp_path, [HEADER, *FAMILY]), officer, commit=True)

    found = selectors.person_search(actor=officer, query="Muhammad").people

    assert [person.given_name for person in found] == ["محمد"]


def test_each_imported_person_is_in_the_audit_trail(tmp_path, officer):
    from audit.models import AuditEvent

    run(write(tmp_path, [HEADER, *FAMILY]), officer, commit=True)

    events = AuditEvent.objects.filter(action="person.imported")
    assert sorted(events.values_list("person_id", flat=True)) == sorted(
        Person.objects.values_list("pk", flat=True)
    )
    assert {(event.actor_id, event.organisation_id) for event in events} == {
        (officer.pk, officer.organisation_id)
    }


def test_without_commit_nothing_is_written(tmp_path, officer):
    report = run(write(tmp_path, [HEADER, *FAMILY]), officer)

    assert report.created == 3
    assert not Person.objects.exists()
    assert not Household.objects.exists()


def test_importing_the_same_file_again_changes_nothing(tmp_path, officer):
    path = write(tmp_path, [HEADER, *FAMILY])
    run(path, officer, commit=True)

    again = run(path, officer, commit=True)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Person.objects.count() == 3
    assert ReturnEvent.objects.count() == 1
    assert HouseholdMembership.objects.count() == 3


def test_a_changed_row_updates_the_person(tmp_path, officer):
    run(write(tmp_path, [HEADER, *FAMILY]), officer, commit=True)
    changed = FAMILY[0].replace("Mohammad", "Muhammad").replace("0700123456", "0700123456;0799123456")

    report = run(
        write(tmp_path, [HEADER, changed], name="again.csv"), officer, commit=True, source="people.csv"
    )

    assert (report.created, report.updated) == (0, 1)
    father = Person.objects.get(given_name="محمد")
    assert father.given_name_latin == "Muhammad"
    assert father.phones.count() == 2


def test_another_source_with_the_same_keys_is_other_people(tmp_path, officer):
    path = write(tmp_path, [HEADER, *FAMILY])
    run(path, officer, commit=True, source="herat-office")

    report = run(path, officer, commit=True, source="kandahar-office")

    # The document number of A1 is now held by the first import's person: refused, not duplicated.
    assert (report.created, report.rejected) == (2, 1)
    assert report.errors[0].column == "document_number"


def test_a_uuid_record_id_becomes_the_global_identifier(tmp_path, officer):
    key = "6f1c1f6e-4f0e-4b8e-9f7a-0c2b1d3e4f50"
    run(write(tmp_path, [HEADER, FAMILY[0].replace("A1,", f"{key},", 1)]), officer, commit=True)

    assert str(Person.objects.get().uid) == key


def test_a_uuid_of_someone_the_user_may_not_see_is_refused(tmp_path, officer, caseworker_elsewhere):
    stranger = PersonFactory(organisation=caseworker_elsewhere.organisation)

    report = run(
        write(tmp_path, [HEADER, FAMILY[0].replace("A1,", f"{stranger.uid},", 1)]), officer, commit=True
    )

    assert report.rejected == 1
    assert "may not change" in report.errors[0].reason
    stranger.refresh_from_db()
    assert stranger.given_name_latin != "Mohammad" or stranger.organisation != officer.organisation


@pytest.mark.parametrize(
    ("cell", "column", "says"),
    [
        ("1402/12/30", "birth_date", "no day 30"),  # 1402 is a common year
        ("31.04.1990", "birth_date", "no day 31"),
        ("yesterday", "birth_date", "Accepted:"),
    ],
)
def test_a_date_the_parser_refuses_rejects_the_row_with_its_reason(tmp_path, officer, cell, column, says):
    row = FAMILY[0].replace("1360/5/3", cell)

    report = run(write(tmp_path, [HEADER, row]), officer, commit=True)

    assert report.rejected == 1
    error = report.errors[0]
    assert (error.row, error.column, error.value) == ("2", column, cell)
    assert says in error.reason
    assert not Person.objects.exists()


def test_rows_are_checked_one_by_one_and_the_good_ones_imported(tmp_path, officer):
    bad = [
        "B1,,,,,M,,,,,,,,,,,,",  # no name
        "B2,Ali,,,,X,,,,,,,,,,,,",  # unknown sex
        "B3,Ali,,,,M,,+93 12,,,,,,,,,,",  # impossible phone
        "B4,Ali,,,,M,,,,,,,2023-10-07,nowhere,IR,deported,,",  # unknown crossing
        "B5,Ali,,,,M,,,,,,,2023-10-07,islam-qala,IR,deported,AF-KAB,AF2001",  # district elsewhere
        "B6,Ali,,,,M,,,,,H9,,,,,,,",  # household without a relationship
        "B7,Ali,,,,M,,,,,,,2999-01-01,islam-qala,IR,deported,,",  # arrival in the future
    ]
    AdminArea.objects.create(
        country_id="AF",
        level=2,
        parent=AdminArea.objects.get(iso_code="AF-HER"),
        name="Injil",
        pcode="AF2001",
    )

    report = run(write(tmp_path, [HEADER, *FAMILY[:1], *bad]), officer, commit=True)

    assert (report.created, report.rejected) == (1, len(bad))
    assert [(error.row, error.column) for error in report.errors] == [
        ("3", "given_name"),
        ("4", "sex"),
        ("5", "phone"),
        ("6", "border_crossing"),
        ("7", "district"),
        ("8", "relationship"),
        ("9", "arrival_date"),
    ]


def test_a_record_id_twice_in_one_file_is_refused_the_second_time(tmp_path, officer):
    report = run(
        write(tmp_path, [HEADER, FAMILY[1], FAMILY[1].replace("فاطمه", "زهرا")]), officer, commit=True
    )

    assert (report.created, report.rejected) == (1, 1)
    assert "row 2" in report.errors[0].reason


def test_a_document_held_by_someone_else_is_refused(tmp_path, officer):
    DocumentFactory(
        number="12-345",
        document_type=DocumentType.objects.get(code="tazkira"),
        person=PersonFactory(organisation=officer.organisation),
    )

    report = run(write(tmp_path, [HEADER, FAMILY[0]]), officer, commit=True)

    assert report.rejected == 1
    assert IdentityDocument.objects.count() == 1


def test_unknown_columns_are_reported_and_the_rest_imported(tmp_path, officer):
    report = run(write(tmp_path, [HEADER + ",notes", FAMILY[0] + ",met at the gate"]), officer, commit=True)

    assert report.unknown_columns == ["notes"]
    assert report.created == 1


def test_a_mapping_names_the_columns_of_another_layout(tmp_path, officer):
    path = write(tmp_path, ["ID,First name,Last name,Gender", "77,Zahra,Rezaei,female"])
    mapping = {
        "ID": "record_id",
        "First name": "given_name_latin",
        "Last name": "family_name_latin",
        "Gender": "sex",
    }

    report = run(path, officer, commit=True, mapping=mapping)

    assert report.created == 1
    assert Person.objects.get().sex == "F"


def test_export_escaping_is_undone(tmp_path, officer):
    run(write(tmp_path, ["record_id,given_name_latin", "E1,'=Ali"]), officer, commit=True)

    assert Person.objects.get().given_name_latin == "=Ali"


@pytest.mark.parametrize(
    ("names", "encoding"),
    [("علی,کریمی", "utf-8-sig"), ("علی,کریمی", "utf-16"), ("علي,كريمي", "cp1256")],
)
def test_arabic_script_files_in_the_usual_encodings(tmp_path, officer, names, encoding):
    path = write(tmp_path, ["record_id,given_name,family_name", f"E1,{names}"], encoding=encoding)

    run(path, officer, commit=True)

    # Windows-1256 has Arabic ي/ك only; Afghan names are stored with Persian ی/ک.
    assert Person.objects.values_list("given_name", "family_name").get() == ("علی", "کریمی")


def test_cyrillic_in_windows_1251(tmp_path, officer):
    path = write(tmp_path, ["record_id,given_name,family_name", "R1,Гусейн,Алиев"], encoding="cp1251")

    run(path, officer, commit=True)

    assert Person.objects.get().family_name == "Алиев"


def test_xlsx_with_date_cells_and_numbers(tmp_path, officer):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["record_id", "given_name_latin", "birth_date", "document_type", "document_number"])
    sheet.append([101, "Ali", datetime.datetime(1990, 6, 15), "passport", 123456789])  # noqa: DTZ001 -- as Excel stores it
    path = tmp_path / "people.xlsx"
    workbook.save(path)

    run(path, officer, commit=True)

    person = Person.objects.get()
    assert person.birth_on == datetime.date(1990, 6, 15)
    assert person.documents.get().number == "123456789"


def test_kobo_submissions_import_one_row_per_member(tmp_path, officer):
    submissions = [
        {
            "_uuid": "0a7c3f2e-1111-4222-8333-444455556666",
            "_xform_id_string": "homeward_registration",
            "start": "2023-10-07T08:00:00",
            "group_arrival/arrival_date": "2023-10-07",
            "group_arrival/border_crossing": "islam-qala",
            "group_arrival/returned_from": "IR",
            "group_arrival/return_type": "deported",
            "members": [
                {"members/given_name": "محمد", "members/sex": "M", "members/relationship": "head"},
                {"members/given_name": "فاطمه", "members/sex": "F", "members/relationship": "spouse"},
            ],
        }
    ]
    path = tmp_path / "kobo.json"
    path.write_text(json.dumps(submissions, ensure_ascii=False), encoding="utf-8")

    report = run(path, officer, commit=True)
    again = run(path, officer, commit=True)

    assert report.source == "kobo:homeward_registration"
    assert (report.created, again.created, again.unchanged) == (2, 0, 2)
    assert ReturnEvent.objects.get().returnees.count() == 2
    assert str(Household.objects.get().uid) == "0a7c3f2e-1111-4222-8333-444455556666"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (b"record_id,given_name,record_id\n1,Ali,2\n", "appears twice"),
        (b"given_name\nAli\n", "no record_id column"),
        (b'record_id,given_name\n1,"Ali\n', "truncated"),
        (b"record_id,given_name\n1," + b"a" * 20_000 + b"\n", "longer than"),
        (",".join(f"c{i}" for i in range(1000)).encode() + b"\n", "columns"),
        (b"\x00\x01\x02\x03binary\x00\x00", "not a text file"),
        (b"record_id,given_name\n1,caf\xe9 \x98\n", "encoding"),
        (b"PK\x03\x04truncated zip", "XLSX"),
        (b'[{"_uuid": "x", ', "JSON"),
    ],
)
def test_an_unreadable_file_changes_nothing(tmp_path, officer, content, says):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(FileError, match=says):
        run(path, officer, commit=True)

    assert not Person.objects.exists()


def test_a_formula_in_a_spreadsheet_is_refused(tmp_path, officer):
    workbook = Workbook()
    workbook.active.append(["record_id", "given_name_latin"])
    workbook.active.append(["1", '=HYPERLINK("http://example.com")'])
    path = tmp_path / "formula.xlsx"
    workbook.save(path)

    with pytest.raises(FileError, match="formula"):
        run(path, officer, commit=True)


def test_command_exit_status_and_errors_file(tmp_path, officer):
    path = write(
        tmp_path, [HEADER, FAMILY[0], FAMILY[0].replace("A1", "A9").replace("1360/5/3", "1402/12/30")]
    )
    errors = tmp_path / "errors.csv"
    out = io.StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command(
            "import", str(path), "--commit", "--errors", str(errors), stdout=out, stderr=io.StringIO()
        )

    assert exited.value.code == 3
    assert "row 3, birth_date (1402/12/30)" in out.getvalue()
    assert errors.read_text(encoding="utf-8-sig").splitlines()[1].startswith("3,birth_date,1402/12/30,")
    assert ImportJob.objects.get().rows_created == 1
    assert policy.people_visible_to(officer).count() == 1


def test_command_exits_2_when_the_file_cannot_be_read(tmp_path, officer):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    err = io.StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command("import", str(path), "--commit", stdout=io.StringIO(), stderr=err)

    assert exited.value.code == 2
    assert "Nothing was imported" in err.getvalue()


def test_command_exits_0_when_every_row_is_valid(tmp_path, officer):
    out = io.StringIO()

    call_command("import", str(write(tmp_path, [HEADER, *FAMILY])), stdout=out)

    assert "3 would be created" in out.getvalue()
    assert not Person.objects.exists()


class _KoboServer(BaseHTTPRequestHandler):
    pages = {}

    def do_GET(self):  # noqa: N802 -- the http.server API
        if self.headers.get("Authorization") != "Token secret":
            self.send_response(401)
            self.end_headers()
            return
        body = json.dumps(self.pages[self.path]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def kobo_server():
    server = HTTPServer(("127.0.0.1", 0), _KoboServer)
    base = f"http://127.0.0.1:{server.server_port}"
    member = {"members/given_name_latin": "Ali", "members/relationship": "head"}
    _KoboServer.pages = {
        "/data.json": {"next": f"{base}/data.json?page=2", "results": [{"_uuid": "u1", "members": [member]}]},
        "/data.json?page=2": {"next": None, "results": [{"_uuid": "u2", "members": [member]}]},
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_submissions_are_pulled_from_a_kobo_server(officer, kobo_server):
    call_command("import", f"{kobo_server}/data.json", "--token", "secret", "--commit", stdout=io.StringIO())

    assert Person.objects.count() == 2


def test_a_wrong_kobo_token_changes_nothing(officer, kobo_server):
    err = io.StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command(
            "import", f"{kobo_server}/data.json", "--token", "wrong", stdout=io.StringIO(), stderr=err
        )

    assert exited.value.code == 2
    assert "refused the token" in err.getvalue()


@pytest.mark.parametrize("format", ["csv", "hxl", "json", "xlsx"])
def test_an_export_imported_into_an_empty_database_exports_the_same(tmp_path, officer, format):
    from exchange import exporting
    from exchange.models import SourceKey
    from people.models import Phone, ReturnEventPerson

    run(write(tmp_path, [HEADER, *FAMILY, "Z9,'=cmd,,,,F,1990-06,,,,,,,,,,,"]), officer, commit=True)
    if format != "xlsx":
        first = b"".join(exporting.export_stream(actor=officer, kind="people", format=format))
    else:
        first = tmp_path / "first.xlsx"
        with first.open("wb") as out:
            exporting.export_to_file(actor=officer, kind="people", format="xlsx", out=out)
    for model in (ReturnEventPerson, Phone, IdentityDocument, HouseholdMembership, SourceKey):
        model.objects.all().delete()
    Person.objects.all().delete()
    ReturnEvent.objects.all().delete()
    Household.objects.all().delete()
    exported = first if format == "xlsx" else tmp_path / f"export.{'json' if format == 'json' else 'csv'}"
    if format != "xlsx":
        exported.write_bytes(first)

    report = run(exported, officer, commit=True)

    assert (report.created, report.rejected) == (4, 0)
    if format == "xlsx":
        again = tmp_path / "second.xlsx"
        with again.open("wb") as out:
            exporting.export_to_file(actor=officer, kind="people", format="xlsx", out=out)
        from openpyxl import load_workbook

        def cells(path):
            return [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]

        assert cells(again) == cells(first)
    else:
        assert b"".join(exporting.export_stream(actor=officer, kind="people", format=format)) == first


def test_rows_checked_in_a_second_process_import_the_same(tmp_path, officer):
    path = write(tmp_path, [HEADER, *FAMILY, FAMILY[0].replace("A1", "A8").replace("1360/5/3", "soon")])

    report = run(path, officer, commit=True, parallel=True)

    assert (report.rows_read, report.created, report.rejected) == (4, 3, 1)
    assert selectors.person_search(actor=officer, query="Muhammad").people


def test_a_file_found_unreadable_in_the_second_process_changes_nothing(tmp_path, officer):
    path = write(tmp_path, [HEADER, *FAMILY, 'A9,"unterminated'])

    with pytest.raises(FileError, match="truncated"):
        run(path, officer, commit=True, parallel=True)

    assert not Person.objects.exists()
