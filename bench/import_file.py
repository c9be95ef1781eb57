"""Write a CSV in the standard layout with N synthetic people, for the import benchmark.

    DATABASE_URL=... python bench/import_file.py OUT.csv N

The people come from the demo generator (names in their own scripts with Latin spellings,
households, phones, documents, returns at real crossings). A third of the dates are written in
the Solar Hijri calendar, some in Persian digits, as field teams write them.
"""

import csv
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
django.setup()

import jdatetime  # noqa: E402

from demo.generate import Generator  # noqa: E402
from demo.services import _reference  # noqa: E402
from exchange.layout import COLUMN_NAMES  # noqa: E402
from locations.models import AdminArea  # noqa: E402

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def written(day, rnd) -> str:
    roll = rnd.random()
    if roll < 0.2:
        return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")
    if roll < 0.33:
        return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d").translate(PERSIAN_DIGITS)
    return day.isoformat()


def main(out: str, people: int) -> None:
    reference, province_codes = _reference()
    pcodes = dict(AdminArea.objects.filter(level=2).values_list("id", "pcode"))
    generator = Generator(seed=7, reference=reference, province_codes=province_codes)
    rnd = generator.random
    written_people = 0
    household_number = 0
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMN_NAMES)
        while written_people < people:
            arrival, members = generator.household()
            household_number += 1
            province = rnd.choice(reference.provinces)
            districts = reference.districts.get(province) or [None]
            district = rnd.choice(districts)
            arrived = written(arrival["arrived_on"], rnd)
            for index, draft in enumerate(members):
                written_people += 1
                # Numbers from the home country or the country left are written locally; others in E.164.
                local = arrival["returned_from"] in ("IR", "PK")
                phone = ";".join(entered if local else e164 for entered, e164 in draft.phones)
                document = draft.documents[0] if draft.documents else ("", "", None)
                born = min(draft.birth_on, arrival["arrived_on"])  # a newborn is registered on arrival
                birth = written(born, rnd) if draft.birth_precision == "day" else str(born.year)
                writer.writerow(
                    [
                        f"R{written_people}",
                        draft.native[0],
                        draft.latin[0],
                        draft.native[1],
                        draft.latin[1],
                        draft.native[2],
                        draft.latin[2],
                        draft.native[3],
                        draft.latin[3],
                        draft.sex,
                        birth,
                        phone,
                        document[0],
                        document[1],
                        f"H{household_number}",
                        "head" if index == 0 else draft.relationship,
                        arrived,
                        arrival["crossing"],
                        arrival["returned_from"],
                        arrival["return_type"],
                        province_codes.get(province, ""),
                        pcodes.get(district, "") if district else "",
                    ]
                )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
