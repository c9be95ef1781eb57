"""A synthetic returnee population that looks and behaves like the real thing.

Households of plausible size and composition; names after Afghan (Dari and Pashto), Iranian,
Egyptian and Azerbaijani conventions, written in their own script, with the Latin spellings field
staff really produce; returns spread over 2023–2025 across real crossings; and about 5% of people
registered again under another spelling or script, with the truth kept in SyntheticIdentity.

Everything is drawn from one seeded random generator, so the same seed gives the same people.
Rows go to the database through core.bulk (executemany on SQLite, COPY on PostgreSQL): Django's
``bulk_create`` is an order of magnitude too slow for a million people.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from names import namebank as bank
from people import search_index

START = datetime.date(2023, 1, 1)
END = datetime.date(2025, 12, 31)
REREGISTRATION_SHARE = 0.05
ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})


@dataclass
class Reference:
    """Ids of the reference rows the generator points at, looked up once."""

    organisation_ids: dict[str, int]  # "af" (MoRR) and "iom"
    office_ids: dict[str, int]  # border crossing code -> office id
    crossing_ids: dict[str, int]
    return_type_ids: dict[str, int]
    document_type_ids: dict[str, int]
    relationship_ids: dict[str, int]
    transport_ids: dict[str, int]
    provinces: list[int]  # AF provinces
    districts: dict[int, list[int]]  # province id -> district ids
    user_id: int | None


@dataclass
class Draft:
    """A person as generated, before it becomes rows."""

    culture: str
    sex: str
    birth_on: datetime.date
    birth_precision: str
    native: list[str]  # given, father, grandfather, family
    latin: list[str]
    phones: list[tuple[str, str]] = field(default_factory=list)  # (as entered, E.164)
    documents: list[tuple[str, str, str | None]] = field(default_factory=list)  # (type code, number, country)
    relationship: str = "head"
    identity: int = 0
    parts: list = field(
        default_factory=list
    )  # the name-bank entries, reused by children and re-registrations


# Where people come back from, and through which crossing, with the return types seen there.
ROUTES = [
    # weight, culture, returned from, crossings (code, weight), return types (code, weight), transport
    (
        50,
        "af",
        "IR",
        [("islam-qala", 70), ("milak", 20), ("abu-nasr-farahi", 10)],
        [("deported", 60), ("spontaneous", 35), ("assisted", 5)],
        ["bus", "bus", "truck", "on-foot", "car"],
    ),
    (
        12,
        "ir",
        "IR",
        [("islam-qala", 75), ("milak", 25)],
        [("spontaneous", 55), ("deported", 40), ("assisted", 5)],
        ["bus", "car"],
    ),
    (
        23,
        "af",
        "PK",
        [("torkham", 55), ("spin-boldak", 30), ("ghulam-khan", 6), ("angur-ada", 5), ("dand-e-patan", 4)],
        [("spontaneous", 70), ("deported", 25), ("assisted", 5)],
        ["truck", "truck", "bus", "car"],
    ),
    (
        3,
        "af",
        "TR",
        [("kabul-airport", 80), ("herat-airport", 20)],
        [("deported", 70), ("assisted", 30)],
        ["plane"],
    ),
    (2, "af", "DE", [("kabul-airport", 100)], [("assisted", 70), ("readmitted", 30)], ["plane"]),
    (
        5,
        "eg",
        "LY",
        [("cairo-airport", 100)],
        [("spontaneous", 40), ("assisted", 40), ("deported", 20)],
        ["plane"],
    ),
    (5, "az", "DE", [("baku-airport", 100)], [("readmitted", 60), ("assisted", 40)], ["plane"]),
]
# Return peaks: Pakistan's expulsion plan (Oct–Nov 2023) and Iran's deadline (June–July 2025).
PEAKS = [(datetime.date(2023, 10, 15), 45, 0.25), (datetime.date(2025, 6, 20), 40, 0.30)]
PROVINCE_WEIGHTS = {
    "AF-KAB": 18,
    "AF-HER": 14,
    "AF-NAN": 12,
    "AF-KAN": 9,
    "AF-BAL": 8,
    "AF-NIM": 4,
    "AF-FRA": 3,
}


class Generator:
    def __init__(self, *, seed: int, reference: Reference, province_codes: dict[int, str]):
        self.random = random.Random(seed)
        self.reference = reference
        self.routes = ROUTES
        self.route_weights = [route[0] for route in ROUTES]
        self.province_ids = reference.provinces
        self.province_weights = [
            PROVINCE_WEIGHTS.get(province_codes.get(pid, ""), 1) for pid in self.province_ids
        ]
        self.document_serial = 0
        self.phone_serial = 0
        self.registered: list[Draft] = []  # pool to draw re-registrations from

    # -- dates -------------------------------------------------------------------------------
    def arrival_date(self) -> datetime.date:
        rnd = self.random
        for centre, spread, share in PEAKS:
            if rnd.random() < share:
                day = centre + datetime.timedelta(days=int(rnd.gauss(0, spread)))
                return min(max(day, START), END)
        return START + datetime.timedelta(days=rnd.randrange((END - START).days + 1))

    def birth(self, age: int, arrived_on: datetime.date) -> tuple[datetime.date, str]:
        rnd = self.random
        year = arrived_on.year - age
        roll = rnd.random()
        # A baby of the arrival's year was born before the arrival, not on a random day of that year.
        if age < 18 and roll < 0.7 or roll < 0.3:
            return min(datetime.date(year, rnd.randint(1, 12), rnd.randint(1, 28)), arrived_on), "day"
        if roll < 0.45:
            return min(datetime.date(year, rnd.randint(1, 12), 1), arrived_on.replace(day=1)), "month"
        if roll < 0.8:
            return datetime.date(year, 1, 1), "year"
        return datetime.date(year, 1, 1), "estimated"

    # -- names -------------------------------------------------------------------------------
    def pick(self, entries: tuple[bank.NameEntry, ...]) -> bank.NameEntry:
        # Common names are common: a skewed draw makes the first entries of each list frequent.
        index = int(len(entries) * self.random.random() ** 2.2)
        return entries[index]

    def latin(self, entry: bank.NameEntry) -> str:
        variants = entry[1]
        if self.random.random() < 0.6:
            return variants[0]
        return self.random.choice(variants)

    def given_names(self, culture: str, sex: str):
        male = sex == "M"
        return {
            "af": bank.AFGHAN_MALE_GIVEN if male else bank.AFGHAN_FEMALE_GIVEN,
            "ir": bank.IRANIAN_MALE_GIVEN if male else bank.IRANIAN_FEMALE_GIVEN,
            "eg": bank.EGYPTIAN_MALE_GIVEN if male else bank.EGYPTIAN_FEMALE_GIVEN,
            "az": bank.AZERBAIJANI_MALE_GIVEN if male else bank.AZERBAIJANI_FEMALE_GIVEN,
        }[culture]

    def male_names(self, culture: str):
        return self.given_names(culture, "M")

    def family_entry(self, culture: str, sex: str) -> bank.NameEntry | None:
        rnd = self.random
        if culture == "af":
            return self.pick(bank.AFGHAN_FAMILY) if rnd.random() < 0.4 else None
        if culture == "ir":
            return self.pick(bank.IRANIAN_FAMILY)
        if culture == "eg":
            return self.pick(bank.EGYPTIAN_FAMILY) if rnd.random() < 0.3 else None
        return bank.azerbaijani_surname(self.pick(bank.AZERBAIJANI_SURNAME_STEMS), sex)

    def person(
        self,
        *,
        culture: str,
        sex: str,
        age: int,
        arrived_on: datetime.date,
        father: bank.NameEntry | None = None,
        grandfather: bank.NameEntry | None = None,
        family: bank.NameEntry | None = None,
        relationship: str = "head",
    ) -> Draft:
        rnd = self.random
        given = self.pick(self.given_names(culture, sex))
        father = father or self.pick(self.male_names(culture))
        grandfather = grandfather or self.pick(self.male_names(culture))
        if family is None and relationship in ("head", "spouse", "brother", "sister", "father", "mother"):
            family = self.family_entry(culture, sex)
        if culture == "az" and family is not None and sex == "F" and family[0].endswith(("ov", "yev")):
            # A daughter carries the feminine form of her father's surname: Hüseynov -> Hüseynova.
            family = (
                family[0] + "a",
                tuple(variant + ("a" if variant.isascii() else "а") for variant in family[1]),
            )
        parts: list[bank.NameEntry | None] = [
            given,
            father,
            grandfather if culture in ("af", "eg") else None,
            family,
        ]
        native = [entry[0] if entry else "" for entry in parts]
        has_latin = culture == "az" or rnd.random() < 0.8
        latin = [self.latin(entry) if entry and has_latin else "" for entry in parts]
        if culture == "az":
            # Azerbaijani is written in Latin letters; its "Latin" column holds the ASCII spelling.
            latin = [self._ascii_variant(entry) if entry else "" for entry in parts]
        birth_on, precision = self.birth(age, arrived_on)
        draft = Draft(
            culture, sex, birth_on, precision, native, latin, relationship=relationship, parts=parts
        )
        if age >= 16:
            self.add_contacts(draft)
        return draft

    def _ascii_variant(self, entry: bank.NameEntry) -> str:
        ascii_variants = [variant for variant in entry[1] if variant.isascii()]
        return self.random.choice(ascii_variants) if ascii_variants else entry[0]

    def add_contacts(self, draft: Draft) -> None:
        rnd = self.random
        if rnd.random() < 0.55:
            self.phone_serial += 1
            draft.phones.append(self.phone(draft.culture))
        if rnd.random() < 0.6:
            draft.documents.append(self.document(draft.culture))

    def phone(self, culture: str) -> tuple[str, str]:
        rnd = self.random
        subscriber = f"{rnd.randrange(10_000_000):07d}"
        if culture in ("af",):
            prefix = rnd.choice(("70", "72", "77", "78", "79", "73"))
            local = f"0{prefix}{subscriber}"
            if rnd.random() < 0.25:
                local = local.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
            return local, f"+93{prefix}{subscriber}"
        if culture == "ir":
            prefix = rnd.choice(("912", "915", "935", "901", "919"))
            return f"0{prefix}{subscriber}", f"+98{prefix}{subscriber}"
        if culture == "eg":
            prefix = rnd.choice(("10", "11", "12", "15"))
            number = f"{subscriber}{rnd.randrange(10)}"
            return f"0{prefix}{number}", f"+20{prefix}{number}"
        prefix = rnd.choice(("50", "51", "55", "70", "77"))
        return f"0{prefix} {subscriber[:3]} {subscriber[3:5]} {subscriber[5:]}", f"+994{prefix}{subscriber}"

    def document(self, culture: str) -> tuple[str, str, str | None]:
        rnd = self.random
        self.document_serial += 1
        serial = self.document_serial
        if culture in ("af", "ir"):
            kind = rnd.choices(
                ("tazkira", "e-tazkira", "passport", "amayesh", "por-card"), (35, 30, 10, 15, 10)
            )[0]
            if kind == "e-tazkira":
                return kind, f"{1395 + serial % 10}-{serial % 10_000:04d}-{serial // 10_000:05d}", "AF"
            if kind == "tazkira":
                return kind, f"{serial:08d}", "AF"
            if kind == "passport":
                return kind, f"P{serial:08d}", "AF"
            if kind == "amayesh":
                return kind, f"{rnd.randrange(10, 99)}{serial:09d}", "IR"
            return kind, f"PK{serial:09d}", "PK"
        if culture == "eg":
            return "national-id", f"2{rnd.randrange(60, 99)}{serial:011d}"[:14], "EG"
        alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        fin = "".join(alphabet[(serial // 34**i) % 34] for i in range(7))
        return "national-id", fin, "AZ"

    # -- households --------------------------------------------------------------------------
    def household(self) -> tuple[dict, list[Draft]]:
        """One household arrival: the route and date, and its members."""
        rnd = self.random
        route = rnd.choices(self.routes, self.route_weights)[0]
        _weight, culture, returned_from, crossings, return_types, transports = route
        arrived_on = self.arrival_date()
        crossing = rnd.choices([code for code, _ in crossings], [w for _, w in crossings])[0]
        return_type = rnd.choices([code for code, _ in return_types], [w for _, w in return_types])[0]
        arrival = {
            "arrived_on": arrived_on,
            "crossing": crossing,
            "returned_from": returned_from,
            "return_type": return_type,
            "transport": rnd.choice(transports),
        }
        if return_type == "deported" and rnd.random() < 0.6 or rnd.random() < 0.12:
            # Single men deported or returning alone are the largest group at the border.
            return arrival, [
                self.person(culture=culture, sex="M", age=rnd.randint(17, 45), arrived_on=arrived_on)
            ]
        return arrival, self.family(culture, arrived_on)

    def family(self, culture: str, arrived_on: datetime.date) -> list[Draft]:
        rnd = self.random
        head_sex = "F" if rnd.random() < 0.08 else "M"
        head_age = rnd.randint(22, 65)
        head = self.person(culture=culture, sex=head_sex, age=head_age, arrived_on=arrived_on)
        members = [head]
        if head_sex == "M" and rnd.random() < 0.9:
            members.append(
                self.person(
                    culture=culture,
                    sex="F",
                    age=max(17, head_age - rnd.randint(0, 10)),
                    arrived_on=arrived_on,
                    relationship="spouse",
                )
            )
        children = min(max(0, int(rnd.gauss(3.2, 1.8))), 9)
        youngest_parent = min(head_age, 45)
        for _ in range(children):
            sex = rnd.choice("MF")
            age = rnd.randint(0, max(0, youngest_parent - 17))
            father_entry = head.parts[0] if head_sex == "M" else None
            grandfather_entry = head.parts[1] if head_sex == "M" else None
            members.append(
                self.person(
                    culture=culture,
                    sex=sex,
                    age=age,
                    arrived_on=arrived_on,
                    father=father_entry,
                    grandfather=grandfather_entry,
                    family=head.parts[3],
                    relationship="son" if sex == "M" else "daughter",
                )
            )
        if rnd.random() < 0.12:
            sex = rnd.choice("MF")
            members.append(
                self.person(
                    culture=culture,
                    sex=sex,
                    age=min(95, head_age + rnd.randint(18, 30)),
                    arrived_on=arrived_on,
                    father=head.parts[2] if sex == "M" else None,
                    relationship="father" if sex == "M" else "mother",
                )
            )
        return members

    def reregistration(self, arrived_on: datetime.date) -> Draft | None:
        """Someone registered before, registered again under another spelling or script."""
        if not self.registered:
            return None
        rnd = self.random
        original = rnd.choice(self.registered)
        parts = original.parts
        native, latin = list(original.native), list(original.latin)
        change = rnd.random()
        if original.culture == "az":
            if change < 0.5:  # an old Soviet-era document: Cyrillic
                native = [entry[1][0] if entry else "" for entry in parts]
            latin = [self._ascii_variant(entry) if entry else "" for entry in parts]
        elif change < 0.4:  # another romanisation
            latin = [self.latin(entry) if entry else "" for entry in parts]
        elif change < 0.6:  # typed on an Arabic keyboard
            native = [text.translate(ARABIC_LETTERS) for text in native]
            latin = [self.latin(entry) if entry else "" for entry in parts]
        elif change < 0.8:  # only the Latin spelling was taken down
            native = ["", "", "", ""]
            latin = [self.latin(entry) if entry else "" for entry in parts]
        else:  # grandfather's name left out, family name dropped or added
            native[2], latin[2] = "", ""
            latin = [
                self.latin(entry) if entry and text else "" for entry, text in zip(parts, latin, strict=True)
            ]
        age = max(0, arrived_on.year - original.birth_on.year)
        birth_on, precision = original.birth_on, original.birth_precision
        if rnd.random() < 0.5 or birth_on > arrived_on:
            birth_on, precision = self.birth(age, arrived_on)
        draft = Draft(original.culture, original.sex, birth_on, precision, native, latin, parts=parts)
        draft.identity = original.identity
        if age >= 16 and rnd.random() < 0.4:
            self.phone_serial += 1
            draft.phones.append(self.phone(original.culture))
        return draft


def search_text(draft: Draft, other_latin: list[str] | None = None) -> str:
    """The person's search keys, made exactly as the registration service makes them, with the
    other recorded Latin spelling if there is one."""
    spellings = [[*draft.native, *draft.latin]]
    if other_latin:
        spellings.append(["", "", "", "", *other_latin])
    return search_index.search_text_for(
        spellings=spellings,
        phones=draft.phones,
        document_numbers=[number for _code, number, _country in draft.documents],
    )


ProgressCallback = Callable[[int], None]
