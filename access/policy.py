"""Who may see and do what. The only module that knows the rules: every page, API endpoint,
export, import, search, count and command reaches personal data through the functions below.

Three questions, answered in this order:

1. **Role** — what kind of work the user does (``accounts.Role``; a user may hold several).
   ``ALLOWED`` says which roles may do each action.
2. **Scope** — which records. Staff (clerks, caseworkers, supervisors, administrators) see their
   own organisation's people registered by their offices or living in their provinces, or all of
   them when nationwide. A partner user sees only the people shared with their organisation,
   and of them only the fields the sharing's purpose needs. Analysts and auditors see no one.
3. **Sensitivity** — sensitive notes (protection, medical, GBV, trafficking) only for roles that
   handle cases and only in the categories the user is cleared for.

A superuser and the command line see everything: they already hold the database. Someone who may
not see a record gets 404 from the callers, so ids cannot be probed.
"""

import functools
import operator

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Role, SensitiveCategory
from audit.models import AuditEvent
from consent.models import Purpose, Share
from exchange.models import ImportJob
from people.models import Household, IdentityDocument, Person, ReturnEvent, ReturnEventPerson
from protection.models import SensitiveNote

R = Role.Code

STAFF = frozenset({R.ADMINISTRATOR, R.SUPERVISOR, R.CASEWORKER, R.CLERK})
CASE_HANDLERS = frozenset({R.SUPERVISOR, R.CASEWORKER})

# Action → the roles that may do it (within their scope). Kept as data so the access matrix test
# and docs/security.md can show it.
ALLOWED: dict[str, frozenset[str]] = {
    "person.view": STAFF | {R.PARTNER},
    "household.view": STAFF,  # partners see the people shared with them, not their households
    "person.register": frozenset({R.SUPERVISOR, R.CASEWORKER, R.CLERK}),
    "person.change": frozenset({R.SUPERVISOR, R.CASEWORKER, R.CLERK}),
    "import": frozenset({R.SUPERVISOR, R.CLERK}),
    "export": frozenset({R.SUPERVISOR, R.ADMINISTRATOR}),
    "api.use": STAFF | {R.PARTNER},
    "aggregates.view": frozenset({R.ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}),
    "audit.view": frozenset({R.AUDITOR}),
    "access_history.view": frozenset({R.SUPERVISOR, R.AUDITOR}),
    "consent.record": frozenset({R.SUPERVISOR, R.CASEWORKER, R.CLERK}),
    "share.manage": CASE_HANDLERS,
    "erasure.request": CASE_HANDLERS,
    "erasure.approve": frozenset({R.SUPERVISOR}),
    "sensitive.view": CASE_HANDLERS,
    "sensitive.write": CASE_HANDLERS,
    "users.manage": frozenset({R.ADMINISTRATOR}),
}

# The parts of a person's record, as the pages and the API group them.
PERSON_FIELDS = frozenset(
    {"names", "sex", "birth", "phones", "documents", "household", "returns", "province", "spellings"}
)
# Sharing for a purpose shows a partner only what that purpose needs (IOM principle 5: transfer
# for a specified purpose; UNHCR: necessity and proportionality).
PURPOSE_FIELDS: dict[str, frozenset[str]] = {
    Purpose.SERVICE_DELIVERY: frozenset({"names", "sex", "birth", "phones", "province"}),
    Purpose.REFERRAL: frozenset({"names", "sex", "birth", "phones", "province", "household"}),
    Purpose.CASH_ASSISTANCE: frozenset({"names", "sex", "birth", "phones", "documents", "province"}),
    Purpose.FOLLOW_UP: frozenset({"names", "phones", "province"}),
}

# Analysts see counts; a count under this is shown as "<5" so no one can be singled out.
SMALL_COUNT = 5


# --- who the user is ------------------------------------------------------------------------------


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _is_unrestricted(user) -> bool:
    return _signed_in(user) and bool(getattr(user, "is_superuser", False))


def roles_of(user) -> frozenset[str]:
    """The user's role codes, read once per request object (``user._roles_cache``)."""
    if not _signed_in(user) or not getattr(user, "pk", None):
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = frozenset(user.roles.values_list("code", flat=True))
        user._roles_cache = cached
    return cached


def may(user, action: str) -> bool:
    """Whether the user's roles allow ``action`` at all (scope is checked by the querysets)."""
    if _is_unrestricted(user):
        return True
    return bool(roles_of(user) & ALLOWED[action])


def _scope(user, *, area_field: str = "area_id") -> Q | None:
    """The staff scope as a filter on records with an ``office_id`` and a province field, or
    None for the whole organisation. The user's own office is always in scope: a clerk sees whom
    they registered."""
    if user.nationwide:
        return None
    offices, provinces = _scope_ids(user)
    return Q(office_id__in=offices) | Q(**{f"{area_field}__in": provinces})


def _scope_ids(user) -> tuple[frozenset[int], frozenset[int]]:
    """The offices and provinces in the user's scope, read once per request object."""
    cached = getattr(user, "_scope_cache", None)
    if cached is None:
        offices = set(user.scope_offices.values_list("pk", flat=True))
        if user.office_id:
            offices.add(user.office_id)
        cached = (frozenset(offices), frozenset(user.scope_provinces.values_list("pk", flat=True)))
        user._scope_cache = cached
    return cached


# --- records --------------------------------------------------------------------------------------


def people_visible_to(user) -> QuerySet[Person]:
    if _is_unrestricted(user):
        return Person.objects.all()
    roles = roles_of(user)
    if not roles & ALLOWED["person.view"]:
        return Person.objects.none()
    visible: list[Q] = []
    if roles & STAFF and user.organisation_id:
        scope = _scope(user)
        visible.append(Q(organisation_id=user.organisation_id) & (scope if scope is not None else Q()))
    if R.PARTNER in roles and user.organisation_id:
        # IN (the partner's shares), not a correlated EXISTS: the engines then start from the few
        # shared ids instead of walking every person to test each one.
        visible.append(Q(pk__in=_active_shares(user.organisation_id).values("person_id")))
    if not visible:
        return Person.objects.none()
    return Person.objects.filter(functools.reduce(operator.or_, visible))


def sees_only_shared_people(user) -> bool:
    """A partner user (and no staff role): what they may see is the few people shared with their
    organisation, so a search should start from those rather than from the whole index."""
    roles = roles_of(user)
    return not _is_unrestricted(user) and R.PARTNER in roles and not roles & STAFF


def _active_shares(organisation_id) -> QuerySet[Share]:
    return Share.objects.filter(partner_id=organisation_id, revoked_at__isnull=True)


def person_fields_visible_to(user, person: Person) -> frozenset[str]:
    """The parts of ``person``'s record the user may see (call only for a visible person):
    everything for staff in scope, the shared purposes' fields for a partner."""
    return person_fields_visible_to_each(user, [person])[person.pk]


def person_fields_visible_to_each(user, people: list[Person]) -> dict[int, frozenset[str]]:
    """``person_fields_visible_to`` for a page of visible people at once: person id → parts, with
    one query for all the partner's shares among them."""
    if _is_unrestricted(user):
        return dict.fromkeys((person.pk for person in people), PERSON_FIELDS)
    own = bool(roles_of(user) & STAFF)
    fields = {
        person.pk: PERSON_FIELDS if own and person.organisation_id == user.organisation_id else frozenset()
        for person in people
    }
    shared = [person_id for person_id, parts in fields.items() if not parts]
    if shared:
        purposes = _active_shares(user.organisation_id).filter(person_id__in=shared)
        for person_id, purpose in purposes.values_list("person_id", "purpose"):
            fields[person_id] |= PURPOSE_FIELDS.get(purpose, frozenset())
    return fields


def mark_visible_fields(user, people: list[Person]) -> None:
    """Set ``visible_fields`` on each person of a page, for templates that list people."""
    fields = person_fields_visible_to_each(user, people)
    for person in people:
        person.visible_fields = fields[person.pk]


def households_visible_to(user) -> QuerySet[Household]:
    """Households are staff records: partners see the people shared with them, not households."""
    if _is_unrestricted(user):
        return Household.objects.all()
    if not (may(user, "household.view") and user.organisation_id):
        return Household.objects.none()
    scope = _scope(user)
    households = Household.objects.filter(organisation_id=user.organisation_id)
    return households if scope is None else households.filter(scope)


def return_events_visible_to(user) -> QuerySet[ReturnEvent]:
    if _is_unrestricted(user):
        return ReturnEvent.objects.all()
    if not (roles_of(user) & STAFF and user.organisation_id):
        return ReturnEvent.objects.none()
    scope = _scope(user, area_field="destination_province_id")
    events = ReturnEvent.objects.filter(organisation_id=user.organisation_id)
    return events if scope is None else events.filter(scope)


def documents_visible_to(user) -> QuerySet[IdentityDocument]:
    """The identity documents of the people the user may see with their documents."""
    # A correlated EXISTS (one primary-key probe per document) keeps "newest documents first"
    # pages cheap on both engines, where IN (all visible people) would first gather a million ids.
    if not _is_unrestricted(user) and not roles_of(user) & STAFF:
        return IdentityDocument.objects.none()
    return IdentityDocument.objects.filter(Exists(people_visible_to(user).filter(pk=OuterRef("person_id"))))


def sensitive_categories_for(user) -> frozenset[str]:
    """The sensitive categories the user may read: a case-handling role and a clearance."""
    if _is_unrestricted(user):
        return frozenset(SensitiveCategory.values)
    if not may(user, "sensitive.view"):
        return frozenset()
    return frozenset(user.clearances or ()) & frozenset(SensitiveCategory.values)


def sensitive_notes_visible_to(user) -> QuerySet[SensitiveNote]:
    """Notes in the categories the user is cleared for, about people of their own organisation
    in their scope (never a partner's: sharing never carries sensitive notes)."""
    if _is_unrestricted(user):
        return SensitiveNote.objects.all()
    categories = sensitive_categories_for(user)
    if not categories:
        return SensitiveNote.objects.none()
    own_people = people_visible_to(user).filter(organisation_id=user.organisation_id)
    return SensitiveNote.objects.filter(category__in=categories, person__in=own_people)


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    """Auditors read their organisation's trail: everything done to its records."""
    if _is_unrestricted(user):
        return AuditEvent.objects.all()
    if not may(user, "audit.view") or not user.organisation_id:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(organisation_id=user.organisation_id)


def person_access_history_visible_to(user, person: Person) -> QuerySet[AuditEvent]:
    """Who opened or changed ``person``'s file: for supervisors (in scope) and auditors."""
    if not may(user, "access_history.view"):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(person_id=person.pk)


# --- actions --------------------------------------------------------------------------------------


def can_register_arrival(user) -> bool:
    """Registering needs a registering role and an organisation to own the records."""
    return _signed_in(user) and may(user, "person.register") and bool(user.organisation_id)


def can_change_person(user, person: Person) -> bool:
    return (
        may(user, "person.change")
        and bool(user.organisation_id)
        and person.organisation_id == user.organisation_id
        and people_visible_to(user).filter(pk=person.pk).exists()
    )


def can_import(user) -> bool:
    """Importing a file needs an importing role and an organisation to own the records."""
    return _signed_in(user) and may(user, "import") and bool(user.organisation_id)


def can_export(user) -> bool:
    return _signed_in(user) and may(user, "export")


def import_jobs_visible_to(user) -> QuerySet[ImportJob]:
    """Imports (their reports hold the files' personal data) of the user's organisation: the
    user's own, and, unless nationwide, those started by staff of the offices in their scope."""
    if _is_unrestricted(user):
        return ImportJob.objects.all()
    if not may(user, "import"):
        return ImportJob.objects.none()
    jobs = ImportJob.objects.filter(organisation_id=user.organisation_id)
    if user.nationwide:
        return jobs
    offices, _provinces = _scope_ids(user)
    return jobs.filter(Q(created_by_id=user.pk) | Q(created_by__office_id__in=offices))


def can_change_import_job(user, job: ImportJob) -> bool:
    """Checking and committing an import writes into its organisation: only that organisation's
    staff may, with their own rights (a superuser of another organisation only looks)."""
    return can_import(user) and job.organisation_id == user.organisation_id


def can_manage_sharing(user, person: Person) -> bool:
    """Sharing a person's record is decided by the organisation that holds it."""
    return may(user, "share.manage") and person.organisation_id == user.organisation_id


# --- figures ------------------------------------------------------------------------------------

COUNTERS = STAFF | {R.ANALYST}


def _counting_scope(user) -> tuple[bool, Q | None]:
    """(may count anyone, the scope filter or None for the whole organisation)."""
    if not roles_of(user) & COUNTERS or not user.organisation_id:
        return False, None
    return True, _scope(user)


def counting_scope_key(user) -> str:
    """Names what ``people_counted_for`` and ``returnees_counted_for`` count for the user: users
    with the same key see the same figures, so figures may be kept and shared under it."""
    if _is_unrestricted(user):
        return "all"
    allowed, _scope_filter = _counting_scope(user)
    if not allowed:
        return "none"
    if user.nationwide:
        return f"org{user.organisation_id}"
    offices, provinces = _scope_ids(user)
    return f"org{user.organisation_id}-offices{sorted(offices)}-provinces{sorted(provinces)}".replace(" ", "")


def people_counted_for(user) -> QuerySet[Person]:
    """The people whose numbers the user may see (never the people themselves): their
    organisation's people in their scope, as staff see them. An analyst counts them without
    seeing any; a partner counts no one (sharing is for service delivery, not statistics). Who
    may open the figures page is ``may(user, "aggregates.view")``, checked by the page."""
    if _is_unrestricted(user):
        return Person.objects.all()
    allowed, scope = _counting_scope(user)
    if not allowed:
        return Person.objects.none()
    people = Person.objects.filter(organisation_id=user.organisation_id)
    return people if scope is None else people.filter(scope)


def returnees_counted_for(user) -> QuerySet[ReturnEventPerson]:
    """Each person in each return (one row per returnee and arrival) the user may count: the
    returns their organisation registered at their offices or towards their provinces."""
    if _is_unrestricted(user):
        return ReturnEventPerson.objects.all()
    allowed, _scope_filter = _counting_scope(user)
    if not allowed:
        return ReturnEventPerson.objects.none()
    rows = ReturnEventPerson.objects.filter(return_event__organisation_id=user.organisation_id)
    if user.nationwide:
        return rows
    offices, provinces = _scope_ids(user)
    return rows.filter(
        Q(return_event__office_id__in=offices) | Q(return_event__destination_province_id__in=provinces)
    )


def suppress_small(count: int) -> int | None:
    """A count an analyst may see: None (shown as "<5") when it could single someone out."""
    return None if 0 < count < SMALL_COUNT else count


class _CommandLine:
    """Whoever runs ``homeward`` on the server: already has the database, so acts as an
    administrator (sees every record). Not a user account and never signs in to the web."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    pk = id = None
    organisation_id = None
    office_id = None
    nationwide = True
    clearances: list[str] = []
    username = "command-line"

    def __str__(self) -> str:
        return self.username


COMMAND_LINE = _CommandLine()
