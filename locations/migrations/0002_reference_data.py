"""Countries and first-level subdivisions from ISO 3166 (pycountry), Afghan province names in
Dari and Pashto, and the border crossings and airports named in shared/DOMAIN.md §1.4."""

import pycountry
from django.db import migrations

# Dari, Pashto and Arabic names of Afghanistan's 34 provinces (ISO 3166-2:AF).
AFGHAN_PROVINCES = {
    "AF-BAL": ("بلخ", "بلخ", "بلخ"),
    "AF-BAM": ("بامیان", "بامیان", "باميان"),
    "AF-BDG": ("بادغیس", "بادغیس", "بادغيس"),
    "AF-BDS": ("بدخشان", "بدخشان", "بدخشان"),
    "AF-BGL": ("بغلان", "بغلان", "بغلان"),
    "AF-DAY": ("دایکندی", "دایکنډي", "دايكندي"),
    "AF-FRA": ("فراه", "فراه", "فراه"),
    "AF-FYB": ("فاریاب", "فاریاب", "فارياب"),
    "AF-GHA": ("غزنی", "غزني", "غزني"),
    "AF-GHO": ("غور", "غور", "غور"),
    "AF-HEL": ("هلمند", "هلمند", "هلمند"),
    "AF-HER": ("هرات", "هرات", "هرات"),
    "AF-JOW": ("جوزجان", "جوزجان", "جوزجان"),
    "AF-KAB": ("کابل", "کابل", "كابل"),
    "AF-KAN": ("کندهار", "کندهار", "قندهار"),
    "AF-KAP": ("کاپیسا", "کاپیسا", "كابيسا"),
    "AF-KDZ": ("کندز", "کندز", "قندوز"),
    "AF-KHO": ("خوست", "خوست", "خوست"),
    "AF-KNR": ("کنر", "کونړ", "كونار"),
    "AF-LAG": ("لغمان", "لغمان", "لغمان"),
    "AF-LOG": ("لوگر", "لوګر", "لوغر"),
    "AF-NAN": ("ننگرهار", "ننګرهار", "ننكرهار"),
    "AF-NIM": ("نیمروز", "نیمروز", "نيمروز"),
    "AF-NUR": ("نورستان", "نورستان", "نورستان"),
    "AF-PAN": ("پنجشیر", "پنجشیر", "بنجشير"),
    "AF-PAR": ("پروان", "پروان", "بروان"),
    "AF-PIA": ("پکتیا", "پکتیا", "بكتيا"),
    "AF-PKA": ("پکتیکا", "پکتیکا", "بكتيكا"),
    "AF-SAM": ("سمنگان", "سمنګان", "سمنكان"),
    "AF-SAR": ("سرپل", "سرپل", "سربل"),
    "AF-TAK": ("تخار", "تخار", "تخار"),
    "AF-URU": ("ارزگان", "ارزګان", "أروزكان"),
    "AF-WAR": ("میدان وردک", "میدان وردګ", "ميدان وردك"),
    "AF-ZAB": ("زابل", "زابل", "زابل"),
}

# (code, English name, kind, country, province ISO code, neighbour country, name on the other side,
#  Dari/Persian name)
CROSSINGS = [
    ("islam-qala", "Islam Qala", "land", "AF", "AF-HER", "IR", "Dogharoun", "اسلام قلعه"),
    ("milak", "Milak", "land", "AF", "AF-NIM", "IR", "Milak", "میلک"),
    ("abu-nasr-farahi", "Abu Nasr Farahi", "land", "AF", "AF-FRA", "IR", "Mahirud", "ابونصر فراهی"),
    ("torkham", "Torkham", "land", "AF", "AF-NAN", "PK", "Torkham", "تورخم"),
    ("spin-boldak", "Spin Boldak", "land", "AF", "AF-KAN", "PK", "Chaman", "سپین بولدک"),
    ("ghulam-khan", "Ghulam Khan", "land", "AF", "AF-KHO", "PK", "Ghulam Khan", "غلام خان"),
    ("angur-ada", "Angur Ada", "land", "AF", "AF-PKA", "PK", "Angoor Adda", "انگور اده"),
    ("dand-e-patan", "Dand-e-Patan", "land", "AF", "AF-PIA", "PK", "Kharlachi", "دند پټان"),
    ("kabul-airport", "Kabul International Airport", "airport", "AF", "AF-KAB", None, "", "میدان هوایی بین‌المللی کابل"),
    ("herat-airport", "Herat International Airport", "airport", "AF", "AF-HER", None, "", "میدان هوایی بین‌المللی هرات"),
    ("baku-airport", "Heydar Aliyev International Airport", "airport", "AZ", "AZ-BA", None, "", ""),
    ("cairo-airport", "Cairo International Airport", "airport", "EG", "EG-C", None, "", ""),
]


def load(apps, schema_editor):
    Country = apps.get_model("locations", "Country")
    AdminArea = apps.get_model("locations", "AdminArea")
    BorderCrossing = apps.get_model("locations", "BorderCrossing")
    Country.objects.bulk_create(
        [
            Country(code=c.alpha_2, alpha3=c.alpha_3, name=c.name, common_name=getattr(c, "common_name", ""))
            for c in pycountry.countries
        ],
        ignore_conflicts=True,
    )
    areas = []
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        translations = {}
        if subdivision.code in AFGHAN_PROVINCES:
            dari, pashto, arabic = AFGHAN_PROVINCES[subdivision.code]
            translations = {"fa-af": dari, "fa": dari, "ps": pashto, "ar": arabic}
        areas.append(
            AdminArea(
                country_id=subdivision.country_code,
                level=1,
                iso_code=subdivision.code,
                name=subdivision.name,
                translations=translations,
            )
        )
    AdminArea.objects.bulk_create(areas, ignore_conflicts=True, batch_size=500)
    for order, (code, name, kind, country, area, neighbour, neighbour_name, dari) in enumerate(CROSSINGS, 1):
        translations = {"fa-af": dari, "fa": dari} if dari else {}
        BorderCrossing.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "country_id": country,
                "area": AdminArea.objects.filter(iso_code=area).first(),
                "neighbour_country_id": neighbour,
                "neighbour_name": neighbour_name,
                "translations": translations,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("locations", "0001_initial")]

    # Reversing keeps the rows: the tables themselves go when 0001 is reversed.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
