"""Loading the demonstration organisations, accounts and population."""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import connection, transaction

from accounts.models import Office, Organisation, Role, User
from core import bulk
from demo.generate import REREGISTRATION_SHARE, Draft, Generator, Reference, search_text
from locations.models import AdminArea, BorderCrossing
from names.normalise import document_number_key
from people import search_index
from people.models import Person
from people.tables import COLUMNS
from vocabularies.models import DocumentType, Relationship, ReturnType, TransportMeans

FLUSH_EVERY = 20_000
LATEST_CHANGE = datetime.date(
    2026, 6, 30
)  # fixed, so a seed gives the same people on any day  # people per batch: bounded memory, few round trips

ORGANISATIONS = {
    "af": ("Ministry of Refugees and Repatriation", "MoRR", Organisation.Kind.GOVERNMENT),
    "iom": ("International Organization for Migration", "IOM", Organisation.Kind.INTERGOVERNMENTAL),
    "ngo": ("Afghan Reintegration Partners", "ARP", Organisation.Kind.NGO),
}
# Office per crossing: (organisation key, office name, province ISO code)
OFFICES = {
    "islam-qala": ("af", "Islam Qala reception centre", "AF-HER"),
    "milak": ("af", "Milak reception centre", "AF-NIM"),
    "abu-nasr-farahi": ("af", "Abu Nasr Farahi reception centre", "AF-FRA"),
    "torkham": ("af", "Torkham reception centre", "AF-NAN"),
    "spin-boldak": ("af", "Spin Boldak reception centre", "AF-KAN"),
    "ghulam-khan": ("af", "Khost provincial directorate", "AF-KHO"),
    "angur-ada": ("af", "Paktika provincial directorate", "AF-PKA"),
    "dand-e-patan": ("af", "Paktia provincial directorate", "AF-PIA"),
    "kabul-airport": ("af", "Kabul airport reception", "AF-KAB"),
    "herat-airport": ("af", "Herat provincial directorate", "AF-HER"),
    "cairo-airport": ("iom", "IOM Cairo", "EG-C"),
    "baku-airport": ("iom", "IOM Baku", "AZ-BA"),
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    full_name: str
    organisation: str
    office_crossing: str | None
    roles: tuple[str, ...]
    description: str
    nationwide: bool = False
    provinces: tuple[str, ...] = ()  # ISO 3166-2 codes
    clearances: tuple[str, ...] = ()


# One account per role, each printed with its scope by `make run`.
DEMO_ACCOUNTS = [
    DemoAccount(
        "admin",
        "homeward-admin-demo",
        "Demo Administrator",
        "af",
        None,
        ("administrator",),
        "system administrator, MoRR: users, offices and code lists in /admin/; exports; no case notes",
        nationwide=True,
    ),
    DemoAccount(
        "supervisor",
        "homeward-supervisor-demo",
        "Nasrin Haidari",
        "af",
        "kabul-airport",
        ("supervisor",),
        "supervisor, MoRR, nationwide: approves erasures, sees access histories, all sensitive notes",
        nationwide=True,
        clearances=("protection", "medical", "gbv", "trafficking"),
    ),
    DemoAccount(
        "caseworker",
        "homeward-caseworker-demo",
        "Mariam Sadiqi",
        "af",
        "herat-airport",
        ("caseworker",),
        "caseworker, MoRR, Herat province: protection and medical notes",
        provinces=("AF-HER",),
        clearances=("protection", "medical"),
    ),
    DemoAccount(
        "clerk",
        "homeward-clerk-demo",
        "Farid Ahmadzai",
        "af",
        "islam-qala",
        ("clerk",),
        "registration clerk, MoRR, Islam Qala reception centre: whom it registered, and Herat",
        provinces=("AF-HER",),
    ),
    DemoAccount(
        "partner",
        "homeward-partner-demo",
        "Ahmad Shah Noori",
        "ngo",
        None,
        ("partner",),
        "partner NGO user: only the people shared with the NGO, only the fields shared",
    ),
    DemoAccount(
        "analyst",
        "homeward-analyst-demo",
        "Zahra Rahimi",
        "af",
        None,
        ("analyst",),
        "analyst, MoRR: figures only, counts under 5 hidden, no names",
        nationwide=True,
    ),
    DemoAccount(
        "auditor",
        "homeward-auditor-demo",
        "Karim Wardak",
        "af",
        None,
        ("auditor",),
        "auditor, MoRR: reads and exports the audit trail, no case files",
    ),
    DemoAccount(
        "iom",
        "homeward-iom-demo",
        "Leyla Hüseynova",
        "iom",
        "baku-airport",
        ("clerk", "caseworker"),
        "IOM caseworker and clerk, nationwide in IOM: sees IOM's records only",
        nationwide=True,
    ),
]
# What a system administrator edits in the admin site: accounts and reference data, never people.
ADMINISTERED_APPS = ("accounts", "vocabularies", "locations")


@transaction.atomic
def demo_organisations_ensure() -> tuple[dict[str, Organisation], dict[str, Office]]:
    """The demonstration organisations and one office per crossing. Idempotent."""
    organisations = {
        key: Organisation.objects.get_or_create(name=name, defaults={"acronym": acronym, "kind": kind})[0]
        for key, (name, acronym, kind) in ORGANISATIONS.items()
    }
    areas = {
        area.iso_code: area
        for area in AdminArea.objects.filter(iso_code__in=[o[2] for o in OFFICES.values()])
    }
    crossings = {
        crossing.code: crossing for crossing in BorderCrossing.objects.filter(code__in=list(OFFICES))
    }
    offices = {
        code: Office.objects.get_or_create(
            organisation=organisations[org_key],
            name=name,
            defaults={"area": areas.get(iso_code), "border_crossing": crossings.get(code)},
        )[0]
        for code, (org_key, name, iso_code) in OFFICES.items()
    }
    return organisations, offices


@transaction.atomic
def demo_accounts_ensure() -> list[DemoAccount]:
    """Create (or reset) the demo accounts, so the printed logins and scopes always hold."""
    organisations, offices = demo_organisations_ensure()
    roles = {role.code: role for role in Role.objects.all()}
    admin_permissions = list(Permission.objects.filter(content_type__app_label__in=ADMINISTERED_APPS))
    for account in DEMO_ACCOUNTS:
        first_name, _, last_name = account.full_name.partition(" ")
        user, _created = User.objects.get_or_create(username=account.username)
        user.first_name, user.last_name = first_name, last_name
        user.organisation = organisations[account.organisation]
        user.office = offices.get(account.office_crossing) if account.office_crossing else None
        user.is_superuser = False
        user.is_staff = "administrator" in account.roles
        user.nationwide = account.nationwide
        user.clearances = list(account.clearances)
        user.set_password(account.password)
        user.save()
        user.roles.set([roles[code] for code in account.roles])
        user.scope_provinces.set(AdminArea.objects.filter(iso_code__in=account.provinces))
        user.user_permissions.set(admin_permissions if user.is_staff else [])
    return DEMO_ACCOUNTS


def _reference() -> tuple[Reference, dict[int, str]]:
    organisations, offices = demo_organisations_ensure()
    provinces = list(
        AdminArea.objects.filter(country_id=settings.HOMEWARD_HOME_COUNTRY, level=1).values_list(
            "id", "iso_code"
        )
    )
    districts: dict[int, list[int]] = {}
    for district_id, parent_id in AdminArea.objects.filter(level=2, parent__isnull=False).values_list(
        "id", "parent_id"
    ):
        districts.setdefault(parent_id, []).append(district_id)
    clerk = User.objects.filter(username="clerk").values_list("id", flat=True).first()

    def codes(model) -> dict[str, int]:
        return dict(model.objects.values_list("code", "id"))

    reference = Reference(
        organisation_ids={key: org.pk for key, org in organisations.items()},
        office_ids={crossing: office.pk for crossing, office in offices.items()},
        crossing_ids=codes(BorderCrossing),
        return_type_ids=codes(ReturnType),
        document_type_ids=codes(DocumentType),
        relationship_ids=codes(Relationship),
        transport_ids=codes(TransportMeans),
        provinces=[pid for pid, _code in provinces],
        districts=districts,
        user_id=clerk,
    )
    return reference, dict(provinces)


class _Batch:
    """Rows of every table for a batch of households, with ids assigned up front."""

    TABLES = {
        **{table: COLUMNS[table] for table in ("people_household", "people_returnevent", "people_person")},
        "people_returneventperson": ("id", "return_event_id", "person_id"),
        **{
            table: COLUMNS[table]
            for table in ("people_householdmembership", "people_phone", "people_identitydocument")
        },
        "people_namespelling": (
            "id",
            "person_id",
            "given_name",
            "father_name",
            "grandfather_name",
            "family_name",
            "given_name_latin",
            "father_name_latin",
            "grandfather_name_latin",
            "family_name_latin",
            "source",
            "created_at",
            "created_by_id",
        ),
        "demo_syntheticidentity": ("person_id", "identity", "is_reregistration"),
    }

    def __init__(self, next_ids: dict[str, int]):
        self.next_ids = next_ids
        self.rows: dict[str, list[tuple]] = {table: [] for table in self.TABLES}

    def new_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                bulk.insert_rows(table, self.TABLES[table], rows)
                rows.clear()


def _uid(rnd) -> str:
    """A random (version 4) UUID from the demo's seeded generator, as 32 hex digits."""
    return uuid.UUID(int=rnd.getrandbits(128), version=4).hex


def _stamp(day: datetime.date, seconds: int) -> str:
    return f"{day.isoformat()} {seconds // 3600 % 24:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class _Loader:
    def __init__(self, generator: Generator, reference: Reference, batch: _Batch):
        self.generator = generator
        self.reference = reference
        self.batch = batch
        self.people = 0

    def household(self, arrival: dict, members: list[Draft], *, reregistered: bool = False) -> None:
        ref, batch, rnd = self.reference, self.batch, self.generator.random
        crossing = arrival["crossing"]
        office_id = ref.office_ids.get(crossing)
        organisation_id = ref.organisation_ids[
            "iom" if crossing in ("cairo-airport", "baku-airport") else "af"
        ]
        stamp = _stamp(arrival["arrived_on"], rnd.randrange(7 * 3600, 18 * 3600))
        household_id = batch.new_id("people_household")
        province_id, district_id = None, None
        if arrival["returned_from"] in ("IR", "PK", "TR", "DE") and crossing not in ("baku-airport",):
            province_id = rnd.choices(self.generator.province_ids, self.generator.province_weights)[0]
            district_id = rnd.choice(ref.districts[province_id]) if ref.districts.get(province_id) else None
        batch.rows["people_household"].append(
            (
                household_id,
                _uid(rnd),
                stamp,
                stamp,
                ref.user_id,
                ref.user_id,
                organisation_id,
                office_id,
                province_id,
            )
        )
        event = (arrival, stamp, office_id, organisation_id, province_id, district_id)
        event_id = self._return_event(household_id, event)
        person_ids = []
        # Households change: now and then a grown son or daughter has since left to marry or work.
        leaver = (
            members[-1]
            if len(members) >= 4 and members[-1].birth_on.year < 2008 and rnd.random() < 0.3
            else None
        )
        for draft in members:
            left_on = None
            if draft is leaver:
                left = arrival["arrived_on"] + datetime.timedelta(days=rnd.randint(60, 500))
                left_on = left.isoformat() if left <= LATEST_CHANGE else None
            current_household = None if left_on else household_id
            person_id = self._person(draft, current_household, event, stamp, reregistered)
            person_ids.append(person_id)
            batch.rows["people_householdmembership"].append(
                (
                    batch.new_id("people_householdmembership"),
                    stamp,
                    stamp,
                    ref.user_id,
                    ref.user_id,
                    household_id,
                    person_id,
                    ref.relationship_ids[draft.relationship],
                    arrival["arrived_on"].isoformat(),
                    left_on,
                )
            )
            batch.rows["people_returneventperson"].append(
                (batch.new_id("people_returneventperson"), event_id, person_id)
            )
        if not reregistered and rnd.random() < 0.08:
            self._return_again(household_id, event, person_ids)

    def _return_event(self, household_id: int, event) -> int:
        arrival, stamp, office_id, organisation_id, province_id, district_id = event
        ref, batch = self.reference, self.batch
        event_id = batch.new_id("people_returnevent")
        batch.rows["people_returnevent"].append(
            (
                event_id,
                stamp,
                stamp,
                ref.user_id,
                ref.user_id,
                household_id,
                organisation_id,
                office_id,
                arrival["arrived_on"].isoformat(),
                ref.crossing_ids[arrival["crossing"]],
                arrival["returned_from"],
                ref.return_type_ids[arrival["return_type"]],
                ref.transport_ids[arrival["transport"]],
                province_id,
                district_id,
            )
        )
        return event_id

    def _return_again(self, household_id: int, event, person_ids: list[int]) -> None:
        """The same household comes back again (deported twice, say), some or all of it."""
        arrival, _stamp_, office_id, organisation_id, province_id, district_id = event
        rnd = self.generator.random
        again = arrival["arrived_on"] + datetime.timedelta(days=rnd.randint(30, 400))
        if again > datetime.date(2025, 12, 31):
            return
        second = {**arrival, "arrived_on": again, "return_type": "deported"}
        stamp = _stamp(again, rnd.randrange(7 * 3600, 18 * 3600))
        event_id = self._return_event(
            household_id, (second, stamp, office_id, organisation_id, province_id, district_id)
        )
        returning = person_ids if rnd.random() < 0.5 else person_ids[:1]
        for person_id in returning:
            self.batch.rows["people_returneventperson"].append(
                (self.batch.new_id("people_returneventperson"), event_id, person_id)
            )

    def _other_spelling(self, draft: Draft) -> list[str] | None:
        """Now and then a partner wrote the name down another way; kept as a recorded spelling."""
        if not (draft.latin[0] and self.generator.random.random() < 0.1):
            return None
        other = [
            self.generator.latin(entry) if entry and text else ""
            for entry, text in zip(draft.parts, draft.latin, strict=True)
        ]
        return other if other != draft.latin else None

    def _person(self, draft: Draft, household_id, event, stamp, reregistered: bool) -> int:
        ref, batch, rnd = self.reference, self.batch, self.generator.random
        _arrival, _stamp_, office_id, organisation_id, province_id, _district_id = event
        person_id = batch.new_id("people_person")
        if not draft.identity:
            draft.identity = person_id
        other_spelling = self._other_spelling(draft)
        batch.rows["people_person"].append(
            (
                person_id,
                _uid(rnd),
                stamp,
                stamp,
                ref.user_id,
                ref.user_id,
                organisation_id,
                office_id,
                province_id,
                household_id,
                draft.sex,
                draft.birth_on.isoformat(),
                draft.birth_precision,
                *draft.native,
                *draft.latin,
                search_text(draft, other_spelling),
            )
        )
        batch.rows["demo_syntheticidentity"].append((person_id, draft.identity, reregistered))
        for entered, e164 in draft.phones:
            batch.rows["people_phone"].append(
                (
                    batch.new_id("people_phone"),
                    stamp,
                    stamp,
                    ref.user_id,
                    ref.user_id,
                    person_id,
                    entered,
                    e164,
                )
            )
        for code, number, country in draft.documents:
            batch.rows["people_identitydocument"].append(
                (
                    batch.new_id("people_identitydocument"),
                    stamp,
                    stamp,
                    ref.user_id,
                    ref.user_id,
                    person_id,
                    ref.document_type_ids[code],
                    number,
                    document_number_key(number),
                    country,
                    None,
                )
            )
        if other_spelling:
            batch.rows["people_namespelling"].append(
                (
                    batch.new_id("people_namespelling"),
                    person_id,
                    "",
                    "",
                    "",
                    "",
                    *other_spelling,
                    "IOM reception list",
                    stamp,
                    ref.user_id,
                )
            )
        if not reregistered and len(self.generator.registered) < 200_000:
            self.generator.registered.append(draft)
        elif not reregistered:
            self.generator.registered[rnd.randrange(200_000)] = draft
        self.people += 1
        return person_id


def demo_population_load(*, people: int, seed: int = 1, progress: Callable[[int], None] | None = None) -> int:
    """Generate and load about ``people`` synthetic people. Returns how many were written.

    One transaction; the search index is switched off during the load and rebuilt once at the end.
    """
    reference, province_codes = _reference()
    generator = Generator(seed=seed, reference=reference, province_codes=province_codes)
    batch = _Batch(
        {table: bulk.next_id(table) if table != "demo_syntheticidentity" else 0 for table in _Batch.TABLES}
    )
    loader = _Loader(generator, reference, batch)
    with transaction.atomic():
        _search_index_off()
        flushed_at = 0
        while loader.people < people:
            rnd = generator.random
            if generator.registered and rnd.random() < REREGISTRATION_SHARE * 3.1:
                arrival, _members = generator.household()
                draft = generator.reregistration(arrival["arrived_on"])
                if draft is not None:
                    loader.household(arrival, [draft], reregistered=True)
                    continue
            arrival, members = generator.household()
            loader.household(arrival, members)
            if loader.people - flushed_at >= FLUSH_EVERY:
                batch.flush()
                flushed_at = loader.people
                if progress:
                    progress(loader.people)
        batch.flush()
        bulk.reset_sequences([table for table in _Batch.TABLES if table != "demo_syntheticidentity"])
        _search_index_on()
    _vacuum_after_load()
    if progress:
        progress(loader.people)
    return loader.people


def _vacuum_after_load() -> None:
    """PostgreSQL: VACUUM the loaded tables, as its manual advises after a bulk load. Otherwise the
    first reads of every row write it again (hint bits) and autovacuum reads the tables later, in
    the middle of whatever the machine does next: the database starts as it will run. Only outside
    a transaction (VACUUM cannot run in one; tests load inside theirs)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {', '.join(_Batch.TABLES)}")


def _search_index_off() -> None:
    with connection.cursor() as cursor:
        statements = (
            search_index.SQLITE_TRIGGERS_OFF
            if connection.vendor == "sqlite"
            else search_index.POSTGRESQL_INDEX_OFF
        )
        for statement in statements:
            cursor.execute(statement)


def _search_index_on() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(search_index.SQLITE_REBUILD)
            for statement in search_index.SQLITE_TRIGGERS_ON:
                cursor.execute(statement)
            # Statistics for the planner: without them SQLite takes people's organisation index
            # for selective and reads most of the table to find an event's returnees (5.7 s a page
            # of the API's return events at 1M people; 0.2 ms with statistics).
            for table in _Batch.TABLES:
                cursor.execute(f"ANALYZE {table}")
        else:
            # Django's foreign keys are deferred; check them now, as PostgreSQL will not build an
            # index on a table with constraint checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")  # a GIN build is memory-bound
            for statement in search_index.POSTGRESQL_INDEX_ON:
                cursor.execute(statement)
            # Fresh statistics for every table loaded, or the planner guesses and scans.
            for table in _Batch.TABLES:
                cursor.execute(f"ANALYZE {table}")


def demo_population_exists() -> bool:
    return Person.objects.exists()
