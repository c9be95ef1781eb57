"""Importing a file in a real browser: upload a CSV, match a column the importer does not know,
check it, read the preview, confirm, and find the people. Tasks run inline in tests
(ImmediateBackend), so each background step is done when its page loads."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# A partner's list: "نام" (name) is not a standard column, "notes" is left out, and the son's date
# of birth is after his arrival, so his row is rejected.
HEADER = (
    "record_id,نام,given_name_latin,family_name,family_name_latin,sex,birth_date,phone,"
    "household_id,relationship,arrival_date,border_crossing,returned_from,return_type,province,notes"
)
RETURN = "2023-10-07,islam-qala,IR,deported,AF-HER"
ROWS = (
    f"P-101,کریم,Karim,نوری,Nouri,M,1360/5/3,0700123456,F-1,head,{RETURN},arrived by bus",
    f"P-102,زهرا,Zahra,نوری,Nouri,F,1988,,F-1,spouse,{RETURN},",
    f"P-103,احمد,Ahmad,نوری,Nouri,M,2026-01-01,,F-1,son,{RETURN},born later?",
    f"P-104,مریم,Maryam,نوری,Nouri,F,2016,,F-1,daughter,{RETURN},",
)
CSV = "\n".join((HEADER, *ROWS)) + "\n"


def test_import_a_csv_file_and_find_the_people(signed_in_page: Page, tmp_path, settings):
    settings.HOMEWARD_IMPORT_DIR = tmp_path / "imports"
    page = signed_in_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    file = tmp_path / "partner-list.csv"
    file.write_text(CSV, encoding="utf-8")

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Imports")).to_be_visible()
    expect(page.get_by_text("No file has been imported yet.")).to_be_visible()
    page.get_by_role("link", name="New import").click()

    page.get_by_label("File").set_input_files(file)
    page.get_by_label("Source").fill("Partner list Herat")
    page.get_by_role("button", name="Upload and match the columns").click()

    # Known columns come matched; the unknown ones are marked and left out until matched.
    expect(page.get_by_role("heading", name="Match the columns")).to_be_visible()
    columns = page.get_by_role("table", name="Columns of the file")
    expect(page.get_by_label("record_id", exact=True).locator("option:checked")).to_contain_text("record_id")
    name_column = page.get_by_label("نام", exact=True)
    expect(name_column.locator("option:checked")).to_have_text("— do not import —")
    expect(columns.get_by_role("row").filter(has_text="not recognised")).to_have_count(2)  # نام, notes
    name_column.select_option("given_name")
    name_column.focus()
    page.screenshot(path=SCREENSHOTS / "import-mapping.png", full_page=True)
    page.get_by_role("button", name="Check the file").click()

    # The preview: nothing saved yet, what would happen, and every problem.
    expect(page.get_by_role("heading", name="What the import would do")).to_be_visible()
    counts = page.locator(".import-counts")
    expect(counts.get_by_text("Would be created")).to_be_visible()
    expect(counts).to_contain_text(re.compile(r"Would be created\s*3"))
    expect(counts).to_contain_text(re.compile(r"Rows rejected\s*1"))
    problems = page.get_by_role("table", name="Problems found")
    expect(problems.get_by_role("row").filter(has_text="2026-01-01")).to_contain_text("birth_date")
    expect(page.get_by_role("link", name="Download every problem (CSV)")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "import-preview.png", full_page=True)

    page.get_by_role("link", name="Import 3 rows…").click()
    expect(page.get_by_role("heading", name="Confirm the import")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("1 rejected row is left out")
    page.get_by_role("button", name="Import 3 rows").click()

    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
    page.get_by_role("link", name="See the people").click()
    people = page.get_by_role("table", name="People")
    for name in ("کریم", "زهرا", "مریم"):
        expect(people.get_by_role("link", name=name)).to_be_visible()
    expect(people.get_by_role("link", name="احمد")).to_have_count(0)
