"""Every read of people's data. Each starts from the access policy."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import F, Max, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from access import policy
from audit import services as audit
from people import search_index
from people.models import Household, HouseholdMembership, IdentityDocument, Person, ReturnEvent

# How many of the newest people PostgreSQL scans in id order before it asks the trigram index.
_RECENT_WINDOW = 10_000
# How many FTS hits each round reads when the access policy may hide some of them, and how many
# rounds a page may take (10,000 hits) before it comes back short.
_CANDIDATE_BATCH = 2_000
_MAX_ROUNDS = 5


@dataclass(frozen=True)
class PersonPage:
    """One page of people, newest first. ``next_before`` continues the list (keyset pagination)."""

    people: list[Person]
    next_before: int | None
    too_short: bool = False


def _list_columns(queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.select_related("household").only(
        "id",
        "organisation_id",  # whose record it is decides which fields a reader sees (access.policy)
        "sex",
        "birth_on",
        "birth_precision",
        "household_id",
        "created_at",
        *(
            f"{part}{suffix}"
            for part in ("given_name", "father_name", "grandfather_name", "family_name")
            for suffix in ("", "_latin")
        ),
    )


def _page(people: list[Person], page_size: int) -> PersonPage:
    if len(people) > page_size:
        return PersonPage(people=people[:page_size], next_before=people[page_size - 1].pk)
    return PersonPage(people=people, next_before=None)


def person_list_recent(*, actor, before_id: int | None = None, page_size: int | None = None) -> PersonPage:
    """The most recently registered people the actor may see; never counts the whole table."""
    page_size = page_size or settings.HOMEWARD_PAGE_SIZE
    queryset = policy.people_visible_to(actor)
    if before_id is not None:
        queryset = queryset.filter(pk__lt=before_id)
    return _page(list(_list_columns(queryset).order_by("-pk")[: page_size + 1]), page_size)


def person_search(
    *,
    actor,
    query: str,
    before_id: int | None = None,
    page_size: int | None = None,
    within: QuerySet[Person] | None = None,
) -> PersonPage:
    """People whose name (any part, any recorded spelling, any script), phone or document number
    contains every word of ``query``, newest first. Words are normalised like the stored keys.

    ``within`` narrows the search further (the API's other filters); it never widens what the
    actor may see. Returns ``too_short`` when no word has three characters, the least the index
    can look up. A page may hold fewer than ``page_size`` people while ``next_before`` still
    says that more may follow (when the policy or ``within`` hides most of the index's hits).
    """
    page_size = page_size or settings.HOMEWARD_PAGE_SIZE
    clauses = search_index.query_clauses(search_index.query_terms(query))
    if not search_index.indexed_clauses(clauses):
        return PersonPage(people=[], next_before=None, too_short=bool(query.strip()))
    visible = policy.people_visible_to(actor)
    if within is not None:
        visible = visible & within.prefetch_related(None)
    # A partner sees only the people shared with them: the engine starts from those few ids
    # instead of walking the index's hits.
    narrow = policy.sees_only_shared_people(actor)
    if connection.vendor == "postgresql" and not narrow:
        return _postgresql_search_page(visible, clauses, before_id=before_id, page_size=page_size)
    matching = visible.filter(*(search_index.scan_filter(clause) for clause in clauses))
    if connection.vendor != "sqlite" or narrow:
        if before_id is not None:
            matching = matching.filter(pk__lt=before_id)
        return _page(list(_list_columns(matching).order_by("-pk")[: page_size + 1]), page_size)
    return _sqlite_search_page(matching, clauses, before_id=before_id, page_size=page_size)


def _postgresql_search_page(visible, clauses, *, before_id, page_size) -> PersonPage:
    # A GIN index cannot hand rows back newest first, so for a common word PostgreSQL would
    # fetch and sort every match (hundreds of thousands). Instead, read the newest window of rows
    # by primary key, where common words fill a page at once at bounded cost; only words too rare
    # to fill it there go to the GIN index for older rows, and rare words have few matches.
    # The window is tested with strpos, which the trigram index cannot serve, so PostgreSQL reads
    # it by key without being told to.
    #
    # Both halves go in one statement, (window LIMIT n) UNION ALL (older LIMIT n) LIMIT n: PostgreSQL
    # reads the halves in turn and stops as soon as it has n rows, so the older half is never
    # started when the window fills the page. One round trip instead of three.
    upper = before_id if before_id is not None else _newest_person_id() + 1
    floor = upper - _RECENT_WINDOW
    wanted = page_size + 1
    recent = (
        visible.filter(*(search_index.scan_filter(clause) for clause in clauses))
        .filter(pk__lt=upper, pk__gte=floor)
        .order_by("-pk")
        .values("pk")[:wanted]
    )
    if floor > 1:  # ids start at 1: below that there is no one
        recent = recent.union(_newest_by_index(visible, clauses, upper=floor, limit=wanted), all=True)
    page_ids = recent[:wanted] if floor > 1 else recent
    found = list(_list_columns(Person.objects.filter(pk__in=Subquery(page_ids))).order_by("-pk"))
    return _page(found, page_size)


def _newest_by_index(visible, clauses, *, upper: int, limit: int) -> QuerySet:
    # Never by walking the primary key backwards: the planner guesses how common a key is from a
    # sample of 100 rows, and a key it overrates (a Cyrillic surname common in another
    # organisation's records, 0.02% of those this reader may see) had it walk 100,000 rows for one
    # page. Ordering by an expression takes that plan away.
    matching = visible.filter(*(search_index.index_filter(clause) for clause in clauses))
    return matching.filter(pk__lt=upper).alias(newest=F("pk") + 0).order_by("-newest").values("pk")[:limit]


def _newest_person_id() -> int:
    return Person.objects.aggregate(newest=Max("pk"))["newest"] or 0


def _sqlite_search_page(matching, clauses, *, before_id, page_size) -> PersonPage:
    # FTS5 hands its hits newest first; each round takes the next batch of them and keeps, in the
    # same statement, those the policy lets the actor see (``id IN (hits) AND visible``). A user who
    # may see few of the hits (a clerk searching a surname common in another organisation) still
    # gets a full page from one or two rounds, without scanning the whole table; a page the rounds
    # cannot fill comes back short, and the next one starts below the hits already read.
    wanted = page_size + 1
    found: list[Person] = []
    cursor = before_id
    for _round in range(_MAX_ROUNDS):
        hits = search_index.sqlite_hits(clauses, before_id=cursor, limit=_CANDIDATE_BATCH)
        batch = list(_list_columns(matching.filter(pk__in=hits)).order_by("-pk")[: wanted - len(found)])
        found.extend(batch)
        if len(found) == wanted:
            break
        cursor = search_index.sqlite_lowest_hit(clauses, before_id=cursor, limit=_CANDIDATE_BATCH)
        if cursor is None:  # the index has no more hits
            break
    else:
        # Rounds used up with hits left unread: a short page, and the next one starts below them.
        return PersonPage(people=found, next_before=cursor)
    return _page(found, page_size)


def person_get(*, actor, person_id: int) -> Person:
    """The person's whole file, if the actor may see it (else Http404). Records the read."""
    memberships = HouseholdMembership.objects.select_related("household", "relationship").order_by(
        "-joined_on", "-pk"
    )
    documents = IdentityDocument.objects.select_related("document_type", "issuing_country").order_by("pk")
    return_events = (
        ReturnEvent.objects.select_related("border_crossing", "returned_from", "return_type")
        # Joined in one query, these seven tables cost PostgreSQL 6 ms of planning for a query
        # that runs in under 1 ms; four small look-ups by key cost about 1 ms.
        .prefetch_related("transport", "destination_province", "destination_district", "office")
        .order_by("-arrived_on", "-pk")
    )
    queryset = (
        policy.people_visible_to(actor)
        .select_related("household", "created_by", "updated_by")
        .prefetch_related(
            "spellings",
            "phones",
            Prefetch("documents", queryset=documents),
            Prefetch("memberships", queryset=memberships),
            Prefetch("return_events", queryset=return_events),
        )
    )
    person = get_object_or_404(queryset, pk=person_id)
    audit.record_read(actor=actor, target=person)
    return person


def household_get(*, actor, household_id: int) -> Household:
    """The household with its members over time and its return events (else Http404)."""
    memberships = HouseholdMembership.objects.select_related("person", "relationship").order_by(
        "left_on", "joined_on", "pk"
    )
    return_events = (
        ReturnEvent.objects.select_related("border_crossing", "returned_from", "return_type")
        .prefetch_related("destination_province", "destination_district")  # as in person_get
        .order_by("-arrived_on", "-pk")
    )
    queryset = (
        policy.households_visible_to(actor)
        .select_related("office", "created_by")
        .prefetch_related(
            Prefetch("memberships", queryset=memberships),
            Prefetch("return_events", queryset=return_events),
        )
    )
    household = get_object_or_404(queryset, pk=household_id)
    audit.record_read(actor=actor, target=household)
    return household


def household_current_members(*, household: Household) -> QuerySet[Person]:
    """The people in the household now (the household itself was fetched through the policy)."""
    return (
        Person.objects.filter(memberships__household=household, memberships__left_on__isnull=True)
        .order_by("pk")
        .distinct()
    )


def document_holder_find(
    *, document_type_id: int, number: str, issuing_country_id: str | None
) -> Person | None:
    """Whoever already holds this document (same type and number, issued by the same country or
    recorded without one), if anyone.

    Checked against every record, not only those the actor may see: the same document must not
    be registered twice. Callers show a link only when the actor may open that person.
    """
    from names.normalise import document_number_key

    same = IdentityDocument.objects.filter(
        document_type_id=document_type_id, number_normalised=document_number_key(number)
    )
    if issuing_country_id:
        # A copy recorded without its issuing country may well be the same document.
        same = same.filter(Q(issuing_country_id=issuing_country_id) | Q(issuing_country__isnull=True))
    document = same.select_related("person").first()
    return document.person if document else None


def person_id_is_visible(*, actor, person_id: int) -> bool:
    return policy.people_visible_to(actor).filter(pk=person_id).exists()
