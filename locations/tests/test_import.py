from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from locations.models import AdminArea
from locations.services import LocationImportError, locations_import, read_table

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "afg_admin2_sample.csv"
HEADER = "admin1Pcode,admin1Name_en,admin2Pcode,admin2Name_en,admin2Name_fa,admin2Name_ps\n"


def import_text(text: str):
    _columns, rows = read_table(text.encode())
    return locations_import(rows=rows, dataset="test", country_code="AF")


def test_shipped_sample_imports_districts_under_their_provinces(db):
    call_command("locations", "import")

    herat = AdminArea.objects.get(iso_code="AF-HER")
    assert herat.children.filter(name="Injil").exists()
    assert herat.pcode == "AF32"
    assert AdminArea.objects.filter(level=2, parent__iso_code="AF-NIM").count() == 5


def test_district_names_in_dari_and_pashto_are_kept(db):
    import_text(HEADER + "AF32,Herāt,AF3213,Kohsan,کهسان,کهسان\n")

    district = AdminArea.objects.get(pcode="AF3213")
    assert district.translations == {"fa-af": "کهسان", "fa": "کهسان", "ps": "کهسان"}


def test_importing_again_updates_instead_of_duplicating(db):
    import_text(HEADER + "AF32,Herāt,AF3213,Kohsan,,\n")
    result = import_text(HEADER + "AF32,Herat,AF3213,Kohsan district,,\n")

    assert (result.districts_created, result.districts_updated) == (0, 1)
    assert AdminArea.objects.get(pcode="AF3213").name == "Kohsan district"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("admin1Pcode,admin1Name_en\nAF32,Herat\n", "required column is missing"),
        (HEADER + "AF99,Atlantis,AF9901,Nowhere,,\n", "row 2, column admin1Name_en ('Atlantis')"),
        (HEADER + "AF32,Herat,AF0101,Kabul,,\n", "row 2, column admin2Pcode ('AF0101')"),
        (HEADER + "AF32,Herat,,Injil,,\n", "row 2, column admin2Pcode (''): must not be empty"),
    ],
)
def test_bad_files_are_refused_naming_row_and_column_and_nothing_is_saved(db, text, expected):
    before = AdminArea.objects.count()

    with pytest.raises(LocationImportError) as error:
        import_text(text)

    assert expected in "; ".join(str(problem) for problem in error.value.problems)
    assert AdminArea.objects.count() == before


def test_command_reports_problems_on_stderr_and_fails(db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "AF99,Atlantis,AF9901,Nowhere,,\n", encoding="utf-8")

    with pytest.raises(CommandError, match="nothing imported"):
        call_command("locations", "import", str(bad))

    assert "row 2, column admin1Name_en" in capsys.readouterr().err


def test_command_refuses_a_file_that_is_not_utf8(db, tmp_path, capsys):
    bad = tmp_path / "cp1256.csv"
    bad.write_bytes(HEADER.encode() + "AF32,Herat,AF3213,کهسان,,\n".encode("cp1256"))

    with pytest.raises(CommandError):
        call_command("locations", "import", str(bad))

    assert "not UTF-8" in capsys.readouterr().err


def test_country_and_province_names_follow_the_language(db):
    from django.utils import translation

    from locations.models import Country

    herat, iran = AdminArea.objects.get(iso_code="AF-HER"), Country.objects.get(pk="IR")
    with translation.override("fa-af"):
        assert (herat.label, iran.label) == ("هرات", "ایران، جمهوری اسلامی")
    with translation.override("ps"):
        assert herat.label == "هرات"
    with translation.override("en"):
        assert (herat.label, iran.label) == ("Herāt", "Iran")
