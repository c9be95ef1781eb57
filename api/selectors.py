"""Every read the API makes. Personal data always starts from the access policy."""

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from access import policy
from api.models import ApiToken
from audit import services as audit
from people import selectors as people_selectors
from people.models import Household, HouseholdMembership, IdentityDocument, Person, Phone, ReturnEvent

# Tokens ------------------------------------------------------------------------------------------


def api_token_list(*, actor) -> QuerySet[ApiToken]:
    """The actor's own tokens, newest first, revoked ones included."""
    return ApiToken.objects.filter(user_id=actor.pk).order_by("-created_at", "-pk")


def api_token_get(*, actor, token_id: int) -> ApiToken:
    """One of the actor's own tokens (else Http404)."""
    return get_object_or_404(api_token_list(actor=actor), pk=token_id)


def api_token_find(*, key_hash: str) -> ApiToken | None:
    """The working token with this key hash — not revoked, its user active — or None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


# People and their records ------------------------------------------------------------------------


def person_list(*, actor) -> QuerySet[Person]:
    """The people the actor may see (no ordering, no related rows: filters and pages come first)."""
    return policy.people_visible_to(actor).defer("search_text")


def person_details(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """Load what the API shows of each person: phones and documents, in two queries per page.

    Into plain lists (``to_attr``): Django builds no queryset per person that way, which is most
    of the cost of a page of fifty."""
    phones = Phone.objects.only("person_id", "number", "e164").order_by("pk")
    documents = (
        IdentityDocument.objects.only("person_id", "number", "issuing_country_id", "expires_on")
        .annotate(**_codes("document_type"))
        .order_by("pk")
    )
    return queryset.prefetch_related(
        Prefetch("phones", queryset=phones, to_attr="phone_list"),
        Prefetch("documents", queryset=documents, to_attr="document_list"),
    )


def person_search(
    *, actor, query: str, within: QuerySet[Person], before_id: int | None, page_size: int
) -> tuple[list[Person], int | None, bool]:
    """One page of people matching ``query`` (people.selectors.person_search, the same search as the
    web pages), narrowed by ``within`` (the API's other filters), newest first.

    Returns (people with their details, the id to continue before or None, whether the query had
    no word long enough to look up)."""
    page = people_selectors.person_search(
        actor=actor, query=query, within=within, before_id=before_id, page_size=page_size
    )
    ids = [person.pk for person in page.people]
    people = list(person_details(person_list(actor=actor).filter(pk__in=ids)).order_by("-pk")) if ids else []
    return people, page.next_before, page.too_short


def person_get(*, actor, person_id: int) -> Person:
    """One person the actor may see (else Http404). Records the read, as the person's page does."""
    person = get_object_or_404(person_details(person_list(actor=actor)), pk=person_id)
    audit.record_read(actor=actor, target=person)
    return person


def household_list(*, actor) -> QuerySet[Household]:
    memberships = (
        HouseholdMembership.objects.only("household_id", "person_id", "joined_on", "left_on")
        .annotate(**_codes("relationship"))
        .order_by("joined_on", "pk")
    )
    return policy.households_visible_to(actor).prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="membership_list")
    )


def household_get(*, actor, household_id: int) -> Household:
    """One household the actor may see (else Http404). Records the read."""
    household = get_object_or_404(household_list(actor=actor), pk=household_id)
    audit.record_read(actor=actor, target=household)
    return household


def return_event_list(*, actor) -> QuerySet[ReturnEvent]:
    # Who came: only people the actor may see (they are the household's, so in practice all).
    returnees = Prefetch(
        "returnees",
        queryset=policy.people_visible_to(actor).only("id").order_by("pk"),
        to_attr="returnee_list",
    )
    return (
        policy.return_events_visible_to(actor)
        .annotate(**_codes("border_crossing", "return_type", "transport"))
        .prefetch_related(returnees)
    )


def _codes(*relations: str) -> dict[str, F]:
    """``<relation>_code`` for each code-list relation: a join, but no model built per row."""
    return {f"{relation}_code": F(f"{relation}__code") for relation in relations}


def document_list(*, actor) -> QuerySet[IdentityDocument]:
    return policy.documents_visible_to(actor).annotate(**_codes("document_type"))
