"""Importing a file in the browser: upload → columns → check → confirm → import, and every way a
file or a user is refused. The test settings run tasks inline (ImmediateBackend); the services
enqueue them on commit, so the posts that start one capture the on-commit callbacks."""

import csv
import io
import json
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from access import policy
from audit.models import AuditEvent
from exchange import jobs
from exchange.models import ImportJob
from people.models import Person

# "نام" is not a standard column name: the person matches it to given_name by hand. "notes" is
# left out. The third row is born in the future and is rejected.
CSV = (
    "record_id,نام,family_name_latin,sex,birth_date,notes\n"
    "A1,محمد,Ahmadi,M,1990,first\n"
    "A2,فاطمه,Ahmadi,F,1992-05,\n"
    'A3,علی,Ahmadi,M,2999,=HYPERLINK("x")\n'
)
MAPPING = {
    "column_0": "record_id",
    "column_1": "given_name",
    "column_2": "family_name_latin",
    "column_3": "sex",
    "column_4": "birth_date",
    "column_5": "",
}


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.HOMEWARD_IMPORT_DIR = tmp_path / "imports"
    return settings.HOMEWARD_IMPORT_DIR


def stored_files(import_dir) -> list[str]:
    return sorted(path.name for path in import_dir.iterdir()) if import_dir.exists() else []


def upload(client, name: str, content: bytes, source: str = ""):
    data = {"file": io.BytesIO(content), "source": source}
    data["file"].name = name
    return client.post(reverse("exchange:import-upload"), data)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def uploaded_job(client, officer):
    client.force_login(officer)
    upload(client, "returnees.csv", CSV.encode())
    return ImportJob.objects.get()


@pytest.fixture
def checked_job(client, uploaded_job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:import-mapping", args=[uploaded_job.pk]), MAPPING)
    uploaded_job.refresh_from_db()
    return uploaded_job


def test_upload_stores_the_file_and_asks_for_the_columns(client, officer, import_dir):
    client.force_login(officer)

    response = upload(client, "returnees.csv", CSV.encode())

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:import-mapping", args=[job.pk])
    assert (job.status, job.file_name, job.source) == ("uploaded", "returnees.csv", "returnees.csv")
    assert (job.created_by, job.organisation) == (officer, officer.organisation)
    # Stored under a random name, not the one the user gave.
    assert stored_files(import_dir) == [job.stored_file]
    assert job.stored_file != "returnees.csv"
    assert (import_dir / job.stored_file).read_bytes() == CSV.encode()
    assert AuditEvent.objects.filter(action="import.uploaded", target_id=job.pk).exists()


def test_the_source_name_can_be_given(client, officer):
    client.force_login(officer)

    upload(client, "returnees.csv", CSV.encode(), source="UNHCR Herat list")

    assert ImportJob.objects.get().source == "UNHCR Herat list"


def test_mapping_page_preselects_known_columns_and_marks_the_others(client, uploaded_job):
    response = client.get(reverse("exchange:import-mapping", args=[uploaded_job.pk]))

    form = response.context["form"]
    assert response.status_code == 200
    assert form["column_0"].initial == "record_id"
    assert form["column_2"].initial == "family_name_latin"
    assert form["column_1"].initial == ""  # نام: not recognised
    unknown = [row["field"].label for row in response.context["rows"] if not row["recognised"]]
    assert unknown == ["نام", "notes"]
    assert "محمد" in response.content.decode()  # first values help to choose


def test_hxl_hashtags_are_matched(client, officer):
    client.force_login(officer)
    upload(client, "hxl.csv", b"ID,Name\n#affected+id,#affected+name+given\nA1,Ahmad\n")
    job = ImportJob.objects.get()

    response = client.get(reverse("exchange:import-mapping", args=[job.pk]))

    assert response.context["form"]["column_0"].initial == "record_id"
    assert response.context["form"]["column_1"].initial == "given_name"


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({**MAPPING, "column_0": ""}, "There is no record_id column"),
        ({**MAPPING, "column_1": "", "column_2": ""}, "There is no name column"),
        ({**MAPPING, "column_2": "given_name"}, "Two columns would both fill given_name"),
        ({**MAPPING, "column_5": "shoe_size"}, "Select a valid choice"),
    ],
)
def test_mapping_without_a_key_or_a_name_is_refused(
    client, uploaded_job, django_capture_on_commit_callbacks, mapping, message
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("exchange:import-mapping", args=[uploaded_job.pk]), mapping)

    uploaded_job.refresh_from_db()
    assert response.status_code == 200
    assert message in response.content.decode()
    assert uploaded_job.status == "uploaded"
    assert callbacks == []


def test_check_reports_what_would_happen_and_saves_nothing(client, checked_job):
    assert checked_job.status == "validated"
    assert checked_job.mapping == {
        "record_id": "record_id",
        "نام": "given_name",
        "family_name_latin": "family_name_latin",
        "sex": "sex",
        "birth_date": "birth_date",
        "notes": "",
    }
    assert (checked_job.rows_read, checked_job.rows_created, checked_job.rows_rejected) == (3, 2, 1)
    assert checked_job.report["problems_by_column"] == {"birth_date": 1}
    assert Person.objects.count() == 0
    assert AuditEvent.objects.filter(action="import.validated", target_id=checked_job.pk).exists()

    response = client.get(reverse("exchange:import-detail", args=[checked_job.pk]))

    page = response.content.decode()
    assert "Would be created" in page
    assert "Import 2 rows" in page
    assert "2999" in page  # the rejected row's value, in the problems table
    assert "notes" in page  # a column left out


def test_the_errors_download_is_a_csv_attachment(client, checked_job):
    response = client.get(reverse("exchange:import-errors", args=[checked_job.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="returnees-errors.csv"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["row", "column", "value", "reason"]
    assert [row[:3] for row in rows[1:]] == [["4", "birth_date", "2999"]]
    assert AuditEvent.objects.filter(action="import.errors_downloaded", target_id=checked_job.pk).exists()


def test_confirming_imports_the_valid_rows(
    client, officer, checked_job, import_dir, django_capture_on_commit_callbacks
):
    confirm = client.get(reverse("exchange:import-commit", args=[checked_job.pk]))
    assert "Import 2 rows" in confirm.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exchange:import-commit", args=[checked_job.pk]))

    checked_job.refresh_from_db()
    assert response["Location"] == reverse("exchange:import-detail", args=[checked_job.pk])
    assert (checked_job.status, checked_job.rows_created, checked_job.rows_rejected) == ("imported", 2, 1)
    assert checked_job.finished_at is not None
    people = policy.people_visible_to(officer)
    assert sorted(people.values_list("given_name", flat=True)) == ["فاطمه", "محمد"]
    assert AuditEvent.objects.filter(action="import.committed", target_id=checked_job.pk).exists()
    # The upload is gone; the list of problems stays for fixing the rejected rows.
    assert stored_files(import_dir) == [f"{checked_job.stored_file}.errors.csv"]
    assert "sample" not in checked_job.report
    # The people are there for whoever may see them.
    listed = client.get(reverse("people:person-list")).content.decode()
    assert "فاطمه" in listed
    result = client.get(reverse("exchange:import-detail", args=[checked_job.pk])).content.decode()
    assert "See the people" in result


def test_confirming_twice_imports_once(client, checked_job, django_capture_on_commit_callbacks):
    url = reverse("exchange:import-commit", args=[checked_job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)

    assert Person.objects.count() == 2
    assert AuditEvent.objects.filter(action="import.committed").count() == 1


def test_an_escaped_formula_in_the_errors_file(client, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    upload(client, "formula.csv", b"record_id,given_name,birth_date\nA1,Ahmad,=1+2\n")
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("exchange:import-mapping", args=[job.pk]),
            {"column_0": "record_id", "column_1": "given_name", "column_2": "birth_date"},
        )

    response = client.get(reverse("exchange:import-errors", args=[job.pk]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=1+2" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "The submitted file is empty."),
        ("blank.csv", b"\n\n  \n", "The file is empty."),
        ("twice.csv", b"record_id,given_name,Given_Name\nA1,a,b\n", "Column Given_Name appears twice"),
        (
            "latin.csv",
            b"record_id,given_name\nA1,\xe0\xe2\xe7\xe8\xe9\x98\n",
            "encoding is not one Homeward reads",
        ),
        ("program.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "This is not a text file"),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "setup.exe is not a CSV, XLSX or JSON file"),
        ("page.html", b"<html><script>alert(1)</script></html>", "page.html is not a CSV, XLSX or JSON file"),
        ("wide.csv", ",".join(f"c{n}" for n in range(400)).encode() + b"\n", "The file has 400 columns"),
        ("huge-cell.csv", b"record_id,given_name\nA1," + b"x" * 20_000 + b"\n", "a cell longer than"),
        (
            "truncated.xlsx",
            xlsx_bytes([["record_id", "given_name"], ["A1", "Ahmad"]])[:300],
            "not a readable XLSX",
        ),
        ("formula.xlsx", xlsx_bytes([["record_id", "given_name"], ["A1", "=1+1"]]), "holds a formula"),
        ("broken.json", b'[{"record_id": "A1", "given_name": "Ah', "This is not valid JSON"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_kept(
    client, officer, import_dir, name, content, message
):
    client.force_login(officer)

    response = upload(client, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert stored_files(import_dir) == []
    assert Person.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_while_it_arrives(client, officer, settings, import_dir):
    settings.HOMEWARD_IMPORT_MAX_BYTES = 1_000
    client.force_login(officer)

    response = upload(client, "big.csv", CSV.encode() * 100)

    assert response.status_code == 200
    assert "The file is larger than 1000\xa0bytes" in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert stored_files(import_dir) == []


def test_a_file_unreadable_after_its_first_rows_fails_the_check_and_is_deleted(
    client, officer, import_dir, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    rows = "".join(f"A{n},Ahmad\n" for n in range(10))
    upload(client, "cut.csv", f'record_id,given_name\n{rows}A99,"Ahma'.encode())
    job = ImportJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("exchange:import-mapping", args=[job.pk]),
            {"column_0": "record_id", "column_1": "given_name"},
        )

    job.refresh_from_db()
    assert job.status == "failed"
    assert "it may be truncated" in job.report["message"]
    assert stored_files(import_dir) == []
    page = client.get(reverse("exchange:import-detail", args=[job.pk])).content.decode()
    assert "Nothing was imported" in page
    assert "it may be truncated" in page
    assert Person.objects.count() == 0


def test_a_running_job_is_polled_with_its_progress(client, uploaded_job, import_dir):
    ImportJob.objects.filter(pk=uploaded_job.pk).update(status="validating")
    (import_dir / f"{uploaded_job.stored_file}.progress").write_text(
        json.dumps({"fraction": 0.4, "rows": 40000})
    )

    response = client.get(
        reverse("exchange:import-detail", args=[uploaded_job.pk]), headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert '<progress class="import-progress" id="import-progress" max="100" value="40"' in page
    assert "40,000 rows read" in page
    assert "<html" not in page  # only the partial


def test_a_finished_job_stops_the_polling(client, checked_job):
    response = client.get(
        reverse("exchange:import-detail", args=[checked_job.pk]), headers={"HX-Request": "true"}
    )

    assert "hx-trigger" not in response.content.decode()
    assert "Would be created" in response.content.decode()


def test_a_queued_job_says_it_waits_for_the_worker(client, uploaded_job):
    ImportJob.objects.filter(pk=uploaded_job.pk).update(status="importing")

    response = client.get(reverse("exchange:import-detail", args=[uploaded_job.pk]))

    assert "Waiting for its turn" in response.content.decode()


@pytest.mark.parametrize("url_name", ["import-detail", "import-mapping", "import-commit", "import-errors"])
def test_another_organisations_job_is_not_found(client, checked_job, caseworker_elsewhere, url_name):
    client.force_login(caseworker_elsewhere)

    assert client.get(reverse(f"exchange:{url_name}", args=[checked_job.pk])).status_code == 404


@pytest.mark.parametrize("url_name", ["import-mapping", "import-commit"])
def test_another_organisation_cannot_check_or_import_a_job(
    client, checked_job, caseworker_elsewhere, django_capture_on_commit_callbacks, url_name
):
    client.force_login(caseworker_elsewhere)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(f"exchange:{url_name}", args=[checked_job.pk]), MAPPING)

    checked_job.refresh_from_db()
    assert response.status_code == 404
    assert checked_job.status == "validated"
    assert Person.objects.count() == 0


def test_the_list_shows_only_the_organisations_imports(client, checked_job, caseworker_elsewhere):
    client.force_login(caseworker_elsewhere)

    response = client.get(reverse("exchange:import-list"))

    assert "returnees.csv" not in response.content.decode()
    assert "No file has been imported yet." in response.content.decode()


def test_the_list_of_imports(client, officer, checked_job, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("exchange:import-list"))

    page = response.content.decode()
    assert "returnees.csv" in page
    assert "New import" in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_user_without_an_organisation_may_not_upload(client, partner_user, import_dir, method):
    client.force_login(partner_user)

    response = getattr(client, method)(reverse("exchange:import-upload"))

    assert response.status_code == 403
    assert stored_files(import_dir) == []


def test_the_upload_is_csrf_protected(officer, import_dir):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)

    response = upload(client, "returnees.csv", CSV.encode())

    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def test_abandoned_uploads_expire(uploaded_job, import_dir):
    ImportJob.objects.filter(pk=uploaded_job.pk).update(
        created_at=uploaded_job.created_at - jobs.FILES_KEPT * 2
    )

    expired = jobs.import_files_expire(commit=True)

    uploaded_job.refresh_from_db()
    assert [job.pk for job in expired] == [uploaded_job.pk]
    assert (uploaded_job.status, uploaded_job.stored_file) == ("failed", "")
    assert stored_files(import_dir) == []


def test_the_cleanup_command_is_a_dry_run_unless_told(uploaded_job, import_dir):
    ImportJob.objects.filter(pk=uploaded_job.pk).update(
        created_at=uploaded_job.created_at - jobs.FILES_KEPT * 2
    )
    out = io.StringIO()

    call_command("import_cleanup", stdout=out)

    assert "would be deleted: 1" in out.getvalue()
    assert stored_files(import_dir) == [uploaded_job.stored_file]


def test_a_job_without_progress_for_long_says_the_worker_may_have_stopped(client, uploaded_job, import_dir):
    ImportJob.objects.filter(pk=uploaded_job.pk).update(status="importing")
    progress = import_dir / f"{uploaded_job.stored_file}.progress"
    progress.write_text(json.dumps({"fraction": 0.4, "rows": 40000}))
    an_hour_ago = progress.stat().st_mtime - 3600
    os.utime(progress, (an_hour_ago, an_hour_ago))

    response = client.get(reverse("exchange:import-detail", args=[uploaded_job.pk]))

    assert "the background worker (homeward db_worker) may have stopped" in response.content.decode()


def test_a_job_whose_worker_died_fails_when_its_files_expire(uploaded_job, import_dir):
    ImportJob.objects.filter(pk=uploaded_job.pk).update(
        status="importing", created_at=uploaded_job.created_at - jobs.FILES_KEPT * 2
    )

    jobs.import_files_expire(commit=True)

    uploaded_job.refresh_from_db()
    assert (uploaded_job.status, uploaded_job.stored_file) == ("failed", "")
    assert stored_files(import_dir) == []


@pytest.mark.parametrize(
    ("name", "content", "source"),
    [
        ("people.xlsx", xlsx_bytes([["record_id", "given_name"], ["A1", "Ahmad"]]), "people.xlsx"),
        (
            "kobo.json",
            json.dumps(
                [{"record_id": "A1", "given_name": "Ahmad", "_xform_id_string": "returns2025"}]
            ).encode(),
            "kobo:returns2025",
        ),
    ],
)
def test_workbooks_and_kobo_exports_are_accepted(client, officer, name, content, source):
    client.force_login(officer)

    response = upload(client, name, content)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.source == source
    assert job.report["header"][:2] == ["record_id", "given_name"]
