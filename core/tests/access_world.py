"""The world of the access matrix (core/tests/test_access_matrix.py): one organisation's records
and one user per kind of actor, so every row can say what each actor gets.

- **home**: the Ministry, with the Islam Qala reception centre (Herat) and a Kabul office.
- **person**: registered at Islam Qala, living in Herat, in a household, with a return event and
  an identity document; shared with the partner NGO for service delivery under a sharing consent.
- Actors: ``clerk`` (Islam Qala, scope Herat), ``caseworker`` (scope Herat, cleared for
  protection and medical notes), ``supervisor`` (nationwide, every clearance), ``admin``
  (administrator, ``is_staff``, nationwide), ``partner`` (the partner NGO), ``analyst``,
  ``auditor`` (home organisation, nationwide), ``elsewhere`` (clerk and caseworker of another
  organisation, nationwide there), ``out_of_scope`` (home clerk and caseworker scoped to Kabul).
- ``token``: an API token of the clerk; ``import_job``: an import of the home organisation;
  ``province``: Herat's id; ``kabul_person``: a person of the home organisation in Kabul.

Rows name a world attribute as a URL kwarg (``"person"``) or give a callable ``lambda world: …``.
"""

import datetime
from dataclasses import dataclass, field

from accounts.models import Organisation, SensitiveCategory
from accounts.tests.factories import OfficeFactory, OrganisationFactory, UserFactory
from api.services import api_token_create
from consent.models import Consent, Purpose, Share
from exchange.models import ImportJob
from locations.models import AdminArea, BorderCrossing
from people.models import ReturnEvent
from people.tests.factories import DocumentFactory, HouseholdFactory, PersonFactory, return_event_for

ACTORS = (
    "anonymous",
    "clerk",
    "caseworker",
    "supervisor",
    "admin",
    "partner",
    "analyst",
    "auditor",
    "elsewhere",
    "out_of_scope",
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None


def _person(organisation, office, area, **kwargs):
    household = HouseholdFactory(organisation=organisation, office=office, area=area)
    return PersonFactory(organisation=organisation, household=household, office=office, area=area, **kwargs)


def _return(person, office, area) -> ReturnEvent:
    event = return_event_for(person)
    event.office = office
    event.destination_province = area
    event.save(update_fields=["office", "destination_province"])
    return event


def build_world() -> World:
    herat = AdminArea.objects.get(iso_code="AF-HER")
    kabul = AdminArea.objects.get(iso_code="AF-KAB")
    home = OrganisationFactory(name="Ministry of Refugees and Repatriation", acronym="MoRR")
    islam_qala = OfficeFactory(
        organisation=home,
        name="Islam Qala reception centre",
        area=herat,
        border_crossing=BorderCrossing.objects.get(code="islam-qala"),
    )
    kabul_office = OfficeFactory(organisation=home, name="Kabul directorate", area=kabul)
    ngo = OrganisationFactory(name="Partner NGO", acronym="PNGO", kind=Organisation.Kind.NGO)
    other = OrganisationFactory(name="Another agency", acronym="OTHER")
    other_office = OfficeFactory(organisation=other, name="Herat office of the other agency", area=herat)

    def user(name, roles, *, organisation=home, office=None, provinces=(), nationwide=False, **extra):
        made = UserFactory(
            username=name,
            organisation=organisation,
            office=office,
            roles=roles,
            nationwide=nationwide,
            **extra,
        )
        made.scope_provinces.set(provinces)
        return made

    users = {
        "clerk": user("clerk", ["clerk"], office=islam_qala, provinces=[herat]),
        "caseworker": user(
            "caseworker",
            ["caseworker"],
            office=islam_qala,
            provinces=[herat],
            clearances=[SensitiveCategory.PROTECTION, SensitiveCategory.MEDICAL],
        ),
        "supervisor": user(
            "supervisor", ["supervisor"], nationwide=True, clearances=list(SensitiveCategory.values)
        ),
        "admin": user("admin", ["administrator"], nationwide=True, is_staff=True),
        "partner": user("partner", ["partner"], organisation=ngo),
        "analyst": user("analyst", ["analyst"], nationwide=True),
        "auditor": user("auditor", ["auditor"], nationwide=True),
        "elsewhere": user(
            "elsewhere", ["clerk", "caseworker"], organisation=other, office=other_office, nationwide=True
        ),
        "out_of_scope": user("out_of_scope", ["clerk", "caseworker"], office=kabul_office, provinces=[kabul]),
    }

    person = _person(home, islam_qala, herat, given_name_latin="Zarghuna", family_name_latin="Herati")
    event = _return(person, islam_qala, herat)
    document = DocumentFactory(person=person)
    consent = Consent.objects.create(
        person=person,
        kind=Consent.Kind.SHARING,
        partner=ngo,
        purposes=[Purpose.SERVICE_DELIVERY],
        given_on=datetime.date(2024, 5, 1),
        recorded_by=users["caseworker"],
    )
    share = Share.objects.create(
        person=person,
        partner=ngo,
        purpose=Purpose.SERVICE_DELIVERY,
        consent=consent,
        shared_by=users["caseworker"],
    )
    kabul_person = _person(home, kabul_office, kabul, given_name_latin="Khalida", family_name_latin="Kabuli")
    _return(kabul_person, kabul_office, kabul)
    token, key = api_token_create(actor=users["clerk"], name="matrix")
    import_job = ImportJob.objects.create(
        created_by=users["clerk"], organisation=home, source="matrix", file_name="matrix.csv"
    )
    return World(
        users=users,
        values={
            "home": home,
            "ngo": ngo,
            "herat": herat,
            "kabul": kabul,
            "islam_qala": islam_qala,
            "kabul_office": kabul_office,
            "person": person.pk,
            "person_record": person,
            "kabul_person": kabul_person.pk,
            "household": person.household_id,
            "return_event": event.pk,
            "document": document.pk,
            "consent": consent.pk,
            "share": share.pk,
            "token": token.pk,
            "token_key": key,
            "import_job": import_job.pk,
            "province": herat.pk,
        },
    )


SIGNED_IN = ACTORS[1:]


def everyone(anonymous, signed_in, **others) -> dict:
    """An ``expected`` map: ``anonymous`` for the visitor, ``signed_in`` for every signed-in
    actor, except the ``others`` named (``analyst=403``)."""
    unknown = set(others) - set(SIGNED_IN)
    if unknown:
        raise ValueError(f"not actors: {sorted(unknown)}")
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, signed_in), **others}
