from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from locations.services import LocationImportError, locations_import, read_table

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "afg_admin2_sample.csv"


class Command(BaseCommand):
    help = (
        "Manage locations. `locations import FILE.csv` loads districts from an OCHA P-coded admin "
        "boundary table (admin1Pcode, admin1Name_en, admin2Pcode, admin2Name_en, optional admin1Name_fa, "
        f"admin2Name_ps, …). The sample for a few Afghan provinces is {SAMPLE.name}."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="action", required=True, metavar="import")
        importer = subcommands.add_parser("import", help="import districts from a COD-AB CSV file")
        importer.add_argument("file", nargs="?", help=f"CSV file (default: the shipped sample {SAMPLE.name})")
        importer.add_argument(
            "--country", default=None, help="ISO 3166-1 alpha-2 code (default: the home country)"
        )
        importer.add_argument("--dataset", default=None, help="dataset name kept with each P-code")

    def handle(self, *, action, file=None, country=None, dataset=None, **options):
        path = Path(file) if file else SAMPLE
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        try:
            columns, rows = read_table(data)
            country_code = country or (
                rows[0].get("admin0Pcode") if rows and "admin0Pcode" in columns else None
            )
            result = locations_import(
                rows=rows,
                dataset=dataset or path.stem,
                country_code=country_code or settings.HOMEWARD_HOME_COUNTRY,
            )
        except LocationImportError as error:
            for problem in error.problems:
                self.stderr.write(f"{path.name}: {problem}")
            raise CommandError(f"nothing imported: {len(error.problems)} problem(s) in {path.name}") from None
        self.stdout.write(
            f"{path.name}: {result.districts_created} districts created, {result.districts_updated} updated, "
            f"in {result.provinces_matched} provinces."
        )
