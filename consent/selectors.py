"""Reads of consents, shares and erasure requests, each starting from the access policy.

Consents, shares and erasure requests belong to the organisation that holds the person's record:
its staff see them (a partner never does, not even its own share's consent)."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from access import policy
from accounts.models import Organisation
from consent.models import Anonymisation, Consent, ErasureRequest, Share
from people.models import Person


def holds_record(actor, person: Person) -> bool:
    """Whether the actor works for the organisation that holds ``person``'s record (and may see it)."""
    if getattr(actor, "is_superuser", False):
        return True
    return bool(policy.roles_of(actor) & policy.STAFF) and person.organisation_id == actor.organisation_id


def can_record_consent(actor, person: Person) -> bool:
    return policy.may(actor, "consent.record") and holds_record(actor, person)


def can_request_erasure(actor, person: Person) -> bool:
    return policy.may(actor, "erasure.request") and holds_record(actor, person)


def can_decide_erasure(actor, request: ErasureRequest) -> bool:
    return policy.may(actor, "erasure.approve") and holds_record(actor, request.person)


def is_anonymised(person: Person) -> bool:
    return Anonymisation.objects.filter(person_id=person.pk).exists()


def person_for_action(*, actor, person_id: int) -> Person:
    """The person, if the actor may see them (else Http404)."""
    return get_object_or_404(policy.people_visible_to(actor), pk=person_id)


def consent_get(*, actor, consent_id: int) -> Consent:
    """A consent of a person the actor may see and whose record their organisation holds (else 404)."""
    consent = get_object_or_404(
        Consent.objects.select_related("person", "partner", "recorded_by", "withdrawn_by").filter(
            person__in=policy.people_visible_to(actor)
        ),
        pk=consent_id,
    )
    if not holds_record(actor, consent.person):
        raise Http404
    return consent


def share_get(*, actor, share_id: int) -> Share:
    share = get_object_or_404(
        Share.objects.select_related("person", "partner", "consent").filter(
            person__in=policy.people_visible_to(actor)
        ),
        pk=share_id,
    )
    if not holds_record(actor, share.person):
        raise Http404
    return share


def person_consents(*, actor, person: Person) -> list[Consent]:
    if not holds_record(actor, person):
        return []
    return list(
        Consent.objects.filter(person=person).select_related("partner", "recorded_by", "withdrawn_by")
    )


def person_shares(*, actor, person: Person) -> list[Share]:
    if not holds_record(actor, person):
        return []
    return list(
        Share.objects.filter(person=person)
        .select_related("partner", "shared_by", "revoked_by")
        .order_by("revoked_at", "-shared_at")
    )


def person_erasure_requests(*, actor, person: Person) -> list[ErasureRequest]:
    if not holds_record(actor, person):
        return []
    return list(ErasureRequest.objects.filter(person=person).select_related("requested_by", "decided_by"))


def partner_choices(*, person: Person) -> QuerySet[Organisation]:
    """The organisations a person's record may be shared with: any but the one holding it."""
    return Organisation.objects.exclude(pk=person.organisation_id).order_by("name")


def erasure_requests_to_decide(*, actor) -> QuerySet[ErasureRequest]:
    """Pending requests about people the actor may see, for supervisors of their organisation."""
    if not policy.may(actor, "erasure.approve"):
        return ErasureRequest.objects.none()
    visible = policy.people_visible_to(actor)
    if not getattr(actor, "is_superuser", False):
        visible = visible.filter(organisation_id=actor.organisation_id)
    return (
        ErasureRequest.objects.filter(status=ErasureRequest.Status.PENDING, person__in=visible)
        .select_related("person", "requested_by")
        .order_by("requested_at")
    )


def erasure_request_get(*, actor, request_id: int) -> ErasureRequest:
    """A request about a person the actor may see, of their organisation (else 404)."""
    request = get_object_or_404(
        ErasureRequest.objects.select_related("person", "requested_by", "decided_by").filter(
            person__in=policy.people_visible_to(actor)
        ),
        pk=request_id,
    )
    if not holds_record(actor, request.person):
        raise Http404
    return request
