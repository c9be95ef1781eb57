"""Every write about consent, sharing, erasure and anonymisation: checked, in one transaction,
audited. The rules of who may are in access/policy.py (and ``consent.selectors`` for the parts it
does not say yet)."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy
from audit import services as audit
from consent import selectors
from consent.models import Anonymisation, Consent, ErasureRequest, Purpose, Share
from exchange.models import SourceKey
from people.models import DatePrecision, IdentityDocument, NameSpelling, Person, Phone
from protection.models import SensitiveNote

NAME_FIELDS = (
    "given_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "given_name_latin",
    "father_name_latin",
    "grandfather_name_latin",
    "family_name_latin",
)


def _check_date(value: datetime.date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")}, code="future")


# --- consent ---------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    actor,
    person: Person,
    kind: str,
    given_on: datetime.date,
    partner=None,
    purposes: list[str] | None = None,
) -> Consent:
    """Record a person's consent to registration, or to sharing with ``partner`` for ``purposes``."""
    if not selectors.can_record_consent(actor, person):
        raise PermissionDenied
    purposes = list(dict.fromkeys(purposes or []))
    _check_date(given_on, "given_on")
    if kind == Consent.Kind.SHARING:
        if partner is None:
            raise ValidationError({"partner": _("Name the partner organisation.")}, code="partner")
        if partner.pk == person.organisation_id:
            raise ValidationError(
                {"partner": _("Choose another organisation than the one that holds the record.")},
                code="partner",
            )
        if not purposes:
            raise ValidationError({"purposes": _("Choose at least one purpose.")}, code="purposes")
        unknown = set(purposes) - set(Purpose.values)
        if unknown:
            raise ValidationError({"purposes": _("Unknown purpose.")}, code="purposes")
    elif kind == Consent.Kind.REGISTRATION:
        partner, purposes = None, []
    else:
        raise ValidationError({"kind": _("Unknown kind of consent.")}, code="kind")
    consent = Consent.objects.create(
        person=person,
        kind=kind,
        partner=partner,
        purposes=purposes,
        given_on=given_on,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="consent.recorded",
        target=consent,
        details={
            "person": person.pk,
            "kind": kind,
            "partner": partner.pk if partner else None,
            "purposes": purposes,
            "given_on": given_on.isoformat(),
        },
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, withdrawn_on: datetime.date) -> list[Share]:
    """Record that the person withdrew ``consent``; its shares are revoked at once. Returns them."""
    if not selectors.can_record_consent(actor, consent.person):
        raise PermissionDenied
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."), code="withdrawn")
    _check_date(withdrawn_on, "withdrawn_on")
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": _("The withdrawal cannot be before the consent was given.")}, code="before"
        )
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    audit.record(
        actor=actor,
        action="consent.withdrawn",
        target=consent,
        details={"person": consent.person_id, "withdrawn_on": withdrawn_on.isoformat()},
    )
    shares = list(consent.shares.filter(revoked_at__isnull=True))
    for share in shares:
        _revoke(actor=actor, share=share, why="consent_withdrawn")
    return shares


# --- sharing ---------------------------------------------------------------------------------------


def _covering_consent(person: Person, partner, purpose: str) -> Consent | None:
    for consent in Consent.objects.filter(
        person=person, kind=Consent.Kind.SHARING, partner=partner, withdrawn_on__isnull=True
    ).order_by("-given_on", "-pk"):
        if purpose in consent.purposes:
            return consent
    return None


@transaction.atomic
def share_create(*, actor, person: Person, partner, purpose: str) -> Share:
    """Share ``person`` with ``partner`` for ``purpose``: only under the person's active consent to
    share with that partner for that purpose."""
    if not policy.can_manage_sharing(actor, person):
        raise PermissionDenied
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")}, code="purpose")
    if selectors.is_anonymised(person):
        raise ValidationError(_("This record was anonymised and cannot be shared."), code="anonymised")
    consent = _covering_consent(person, partner, purpose)
    if consent is None:
        raise ValidationError(
            _(
                "%(partner)s cannot be given this record for “%(purpose)s”: the person has not "
                "consented to that (or withdrew their consent). Record their consent first."
            )
            % {"partner": partner, "purpose": Purpose(purpose).label},
            code="no_consent",
        )
    if Share.objects.filter(
        person=person, partner=partner, purpose=purpose, revoked_at__isnull=True
    ).exists():
        raise ValidationError(
            _("The record is already shared with %(partner)s for this purpose.") % {"partner": partner},
            code="duplicate",
        )
    share = Share.objects.create(
        person=person, partner=partner, purpose=purpose, consent=consent, shared_by=actor
    )
    audit.record(
        actor=actor,
        action="share.created",
        target=share,
        details={"person": person.pk, "partner": partner.pk, "purpose": purpose, "consent": consent.pk},
    )
    return share


def _revoke(*, actor, share: Share, why: str) -> None:
    share.revoked_at = timezone.now()
    share.revoked_by = actor if getattr(actor, "pk", None) else None
    share.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(
        actor=actor,
        action="share.revoked",
        target=share,
        details={
            "person": share.person_id,
            "partner": share.partner_id,
            "purpose": share.purpose,
            "why": why,
        },
    )


@transaction.atomic
def share_revoke(*, actor, share: Share) -> Share:
    """Stop sharing: the partner no longer finds or opens the record."""
    if not policy.can_manage_sharing(actor, share.person):
        raise PermissionDenied
    share = Share.objects.select_for_update().get(pk=share.pk)
    if share.revoked_at is not None:
        raise ValidationError(_("This sharing was already stopped."), code="revoked")
    _revoke(actor=actor, share=share, why="revoked")
    return share


# --- erasure and anonymisation ---------------------------------------------------------------------


@transaction.atomic
def erasure_request(*, actor, person: Person, reason: str) -> ErasureRequest:
    """The person asked for their data to be erased: a supervisor of the organisation decides."""
    if not selectors.can_request_erasure(actor, person):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why (e.g. the person asked on a given date).")}, code="reason"
        )
    if selectors.is_anonymised(person):
        raise ValidationError(_("This record is already anonymised."), code="anonymised")
    if ErasureRequest.objects.filter(person=person, status=ErasureRequest.Status.PENDING).exists():
        raise ValidationError(_("An erasure request for this person is already waiting."), code="pending")
    request = ErasureRequest.objects.create(person=person, reason=reason, requested_by=actor)
    audit.record(actor=actor, action="erasure.requested", target=request, details={"person": person.pk})
    return request


@transaction.atomic
def erasure_decide(*, actor, request: ErasureRequest, approve: bool, note: str = "") -> ErasureRequest:
    """Approve (and carry out at once) or refuse a pending erasure request."""
    if not selectors.can_decide_erasure(actor, request):
        raise PermissionDenied
    request = ErasureRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    if request.status != ErasureRequest.Status.PENDING:
        raise ValidationError(_("This request was already decided."), code="decided")
    if request.requested_by_id == actor.pk:
        raise ValidationError(
            _("You asked for this erasure: another supervisor must decide it."), code="own_request"
        )
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why the request is refused.")}, code="note")
    request.status = ErasureRequest.Status.APPROVED if approve else ErasureRequest.Status.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action="erasure.approved" if approve else "erasure.refused",
        target=request,
        details={"person": request.person_id},
    )
    if approve:
        person_anonymise(actor=actor, person=request.person, reason=Anonymisation.Reason.ERASURE)
    return request


@transaction.atomic
def person_anonymise(*, actor, person: Person, reason: str) -> Person:
    """Remove everything that identifies ``person``: names in every spelling, phones, documents,
    sensitive notes, keys in other systems, the search keys; the birth date becomes its year.
    Kept for the statistics: sex, year of birth, province, office, household and returns.
    Audited with counts, never with the removed values. Does nothing if already done."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if Anonymisation.objects.filter(person=person).exists():
        return person
    removed = {
        "spellings": NameSpelling.objects.filter(person=person).delete()[0],
        "phones": Phone.objects.filter(person=person).delete()[0],
        "documents": IdentityDocument.objects.filter(person=person).delete()[0],
        "sensitive_notes": SensitiveNote.objects.filter(person=person).delete()[0],
        "source_keys": SourceKey.objects.filter(person=person).delete()[0],
    }
    # Consents keep their dates, partners and purposes (the record of what was agreed) but say
    # nothing of the person; their shares end, so no partner keeps the record.
    for share in Share.objects.filter(person=person, revoked_at__isnull=True):
        _revoke(actor=actor, share=share, why="anonymised")
    for name in NAME_FIELDS:
        setattr(person, name, "")
    if person.birth_on is not None:
        person.birth_on = person.birth_on.replace(month=1, day=1)
        person.birth_precision = DatePrecision.YEAR
    person.search_text = ""
    person.uid = uuid.uuid4()  # a new global identifier: other systems' copies no longer match it
    person.updated_by = actor if getattr(actor, "pk", None) else None
    person.save(
        update_fields=[
            *NAME_FIELDS,
            "birth_on",
            "birth_precision",
            "search_text",
            "uid",
            "updated_by",
            "updated_at",
        ]
    )
    Anonymisation.objects.create(person=person, reason=reason)
    audit.record(
        actor=actor,
        action="person.anonymised",
        target=person,
        details={"reason": reason, "removed": removed},
    )
    return person
