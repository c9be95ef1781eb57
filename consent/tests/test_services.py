import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from access import policy
from audit.models import AuditEvent
from consent import services
from consent.models import Anonymisation, Consent, ErasureRequest, Purpose, Share
from exchange.models import SourceKey
from people import selectors as people_selectors
from people.models import NameSpelling, Person, Phone
from people.tests.factories import DocumentFactory, reindex, return_event_for
from protection.models import SensitiveNote

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 1, 10)


def _sharing_consent(actor, person, ngo, purposes=(Purpose.SERVICE_DELIVERY,)):
    return services.consent_record(
        actor=actor,
        person=person,
        kind=Consent.Kind.SHARING,
        partner=ngo,
        purposes=list(purposes),
        given_on=DAY,
    )


def test_consent_is_recorded_and_audited(caseworker, person, ngo):
    consent = _sharing_consent(caseworker, person, ngo)
    assert consent.is_active
    assert consent.recorded_by == caseworker
    assert AuditEvent.objects.filter(action="consent.recorded", target_id=consent.pk).exists()


def test_registration_consent_has_no_partner(caseworker, person, ngo):
    consent = services.consent_record(
        actor=caseworker, person=person, kind="registration", partner=ngo, purposes=["referral"], given_on=DAY
    )
    assert consent.partner is None
    assert consent.purposes == []


def test_sharing_consent_needs_a_partner_and_a_purpose(caseworker, person, ngo):
    with pytest.raises(ValidationError) as error:
        services.consent_record(
            actor=caseworker, person=person, kind="sharing", given_on=DAY, purposes=["referral"]
        )
    assert "partner" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.consent_record(actor=caseworker, person=person, kind="sharing", partner=ngo, given_on=DAY)
    assert "purposes" in error.value.error_dict


def test_consent_cannot_be_dated_in_the_future(caseworker, person, ngo):
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=caseworker, person=person, kind="registration", given_on=datetime.date(2999, 1, 1)
        )


def test_other_organisation_cannot_record_consent(caseworker_elsewhere, person, ngo):
    with pytest.raises(PermissionDenied):
        _sharing_consent(caseworker_elsewhere, person, ngo)


def test_sharing_needs_consent_for_that_partner_and_purpose(caseworker, person, ngo):
    with pytest.raises(ValidationError) as error:
        services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.SERVICE_DELIVERY)
    assert "consent" in " ".join(error.value.messages)
    _sharing_consent(caseworker, person, ngo, purposes=[Purpose.REFERRAL])
    with pytest.raises(ValidationError):
        services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.SERVICE_DELIVERY)
    share = services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.REFERRAL)
    assert share.consent.partner == ngo
    with pytest.raises(ValidationError):  # the same sharing twice
        services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.REFERRAL)


def test_clerk_may_record_consent_but_not_share(officer, person, ngo):
    clerk = officer
    clerk.roles.set([r for r in clerk.roles.all() if r.code == "clerk"])
    clerk._roles_cache = None
    _sharing_consent(clerk, person, ngo)
    with pytest.raises(PermissionDenied):
        services.share_create(actor=clerk, person=person, partner=ngo, purpose=Purpose.SERVICE_DELIVERY)


def test_withdrawing_consent_revokes_its_shares_at_once(caseworker, person, ngo, partner):
    consent = _sharing_consent(caseworker, person, ngo, purposes=[Purpose.SERVICE_DELIVERY, Purpose.REFERRAL])
    services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.SERVICE_DELIVERY)
    services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.REFERRAL)
    assert policy.people_visible_to(partner).filter(pk=person.pk).exists()

    revoked = services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=DAY)

    assert len(revoked) == 2
    assert not Share.objects.filter(person=person, revoked_at__isnull=True).exists()
    assert not policy.people_visible_to(partner).filter(pk=person.pk).exists()
    consent.refresh_from_db()
    assert consent.withdrawn_by == caseworker
    assert consent.withdrawn_on == DAY
    assert AuditEvent.objects.filter(action="share.revoked").count() == 2
    with pytest.raises(ValidationError):
        services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.REFERRAL)
    with pytest.raises(ValidationError):  # twice
        services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=DAY)


def test_partner_sees_only_the_purpose_fields(caseworker, person, ngo, partner):
    _sharing_consent(caseworker, person, ngo, purposes=[Purpose.FOLLOW_UP])
    services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.FOLLOW_UP)
    assert policy.person_fields_visible_to(partner, person) == {"names", "phones", "province"}


# --- erasure ---------------------------------------------------------------------------------------


@pytest.fixture
def full_person(person, caseworker, ngo):
    NameSpelling.objects.create(person=person, given_name_latin="Mohamad", source="IOM list")
    Phone.objects.create(person=person, number="0799 123 456", e164="+93799123456")
    DocumentFactory(person=person)
    SensitiveNote.objects.create(person=person, category="gbv", text="Survivor of violence")
    SourceKey.objects.create(source="kobo", kind="person", key="R-17", person=person)
    person.birth_on = datetime.date(1990, 7, 14)
    person.birth_precision = "day"
    person.save()
    reindex(person)
    return_event_for(person)
    _sharing_consent(caseworker, person, ngo)
    services.share_create(actor=caseworker, person=person, partner=ngo, purpose=Purpose.SERVICE_DELIVERY)
    return person


def test_erasure_approved_anonymises_but_keeps_statistics(full_person, caseworker, supervisor, officer):
    person = full_person
    household_id, office_id, area_id, sex, uid = (
        person.household_id,
        person.office_id,
        person.area_id,
        person.sex,
        person.uid,
    )
    assert people_selectors.person_search(actor=officer, query="Mohammad").people

    request = services.erasure_request(actor=caseworker, person=person, reason="Asked at the office on 2 Jan")
    services.erasure_decide(actor=supervisor, request=request, approve=True)

    person = Person.objects.get(pk=person.pk)
    assert not any(getattr(person, name) for name in services.NAME_FIELDS)
    assert person.search_text == ""
    assert (person.birth_on, person.birth_precision) == (datetime.date(1990, 1, 1), "year")
    assert (person.household_id, person.office_id, person.area_id, person.sex) == (
        household_id,
        office_id,
        area_id,
        sex,
    )
    assert person.uid != uid
    assert person.return_events.count() == 1
    assert person.memberships.count() == 1
    for model in (NameSpelling, Phone, SensitiveNote, SourceKey):
        assert not model.objects.filter(person=person).exists()
    assert not person.documents.exists()
    assert not Share.objects.filter(person=person, revoked_at__isnull=True).exists()
    assert Anonymisation.objects.get(person=person).reason == "erasure"
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.APPROVED
    assert request.decided_by == supervisor
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"erasure.requested", "erasure.approved", "person.anonymised"} <= actions
    # Not found by the old name any more (FTS on SQLite, trigram index on PostgreSQL).
    assert not people_selectors.person_search(actor=officer, query="Mohammad").people
    assert not people_selectors.person_search(actor=officer, query="Mohamad").people


def test_requester_cannot_approve_their_own_request(person, supervisor):
    request = services.erasure_request(actor=supervisor, person=person, reason="Asked by phone")
    with pytest.raises(ValidationError):
        services.erasure_decide(actor=supervisor, request=request, approve=True)
    assert not Anonymisation.objects.exists()


def test_only_a_supervisor_of_the_organisation_decides(person, caseworker, caseworker_elsewhere):
    request = services.erasure_request(actor=caseworker, person=person, reason="Asked")
    with pytest.raises(PermissionDenied):
        services.erasure_decide(actor=caseworker, request=request, approve=True)
    from accounts.tests.factories import UserFactory

    other_boss = UserFactory(
        username="other-boss", organisation=caseworker_elsewhere.organisation, roles=["supervisor"]
    )
    with pytest.raises(PermissionDenied):
        services.erasure_decide(actor=other_boss, request=request, approve=True)


def test_refusal_needs_a_note_and_keeps_the_record(person, caseworker, supervisor):
    request = services.erasure_request(actor=caseworker, person=person, reason="Asked")
    with pytest.raises(ValidationError):
        services.erasure_decide(actor=supervisor, request=request, approve=False)
    services.erasure_decide(actor=supervisor, request=request, approve=False, note="Open legal case")
    request.refresh_from_db()
    assert request.status == "refused"
    assert Person.objects.get(pk=person.pk).given_name
    assert AuditEvent.objects.filter(action="erasure.refused").exists()
    with pytest.raises(ValidationError):
        services.erasure_decide(actor=supervisor, request=request, approve=True)


def test_one_pending_request_at_a_time_and_reason_required(person, caseworker):
    with pytest.raises(ValidationError):
        services.erasure_request(actor=caseworker, person=person, reason="  ")
    services.erasure_request(actor=caseworker, person=person, reason="Asked")
    with pytest.raises(ValidationError):
        services.erasure_request(actor=caseworker, person=person, reason="Asked again")


def test_clerk_cannot_request_erasure(officer, person):
    officer.roles.set([r for r in officer.roles.all() if r.code == "clerk"])
    officer._roles_cache = None
    with pytest.raises(PermissionDenied):
        services.erasure_request(actor=officer, person=person, reason="Asked")


def test_anonymising_twice_does_nothing_more(person, supervisor):
    services.person_anonymise(actor=supervisor, person=person, reason="retention")
    services.person_anonymise(actor=supervisor, person=person, reason="retention")
    assert AuditEvent.objects.filter(action="person.anonymised").count() == 1
