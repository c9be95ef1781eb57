import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.tests.factories import OrganisationFactory, UserFactory
from audit.models import AuditEvent
from consent import services as consent_services
from people import selectors as people_selectors
from people.tests.factories import PersonFactory
from protection import services
from protection.models import SensitiveNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(officer):
    return PersonFactory(organisation=officer.organisation, office=officer.office)


@pytest.fixture
def medical_caseworker(officer):
    return UserFactory(
        username="medic", organisation=officer.organisation, roles=["caseworker"], clearances=["medical"]
    )


@pytest.fixture
def gbv_caseworker(officer):
    return UserFactory(
        username="gbv", organisation=officer.organisation, roles=["caseworker"], clearances=["gbv", "medical"]
    )


def test_note_is_written_in_a_cleared_category_only(gbv_caseworker, medical_caseworker, person):
    note = services.sensitive_note_create(
        actor=gbv_caseworker, person=person, category="gbv", text="Disclosed"
    )
    assert note.created_by == gbv_caseworker
    event = AuditEvent.objects.get(action="sensitive_note.created")
    assert event.details["category"] == "gbv"
    assert "Disclosed" not in str(event.details)
    with pytest.raises(ValidationError):
        services.sensitive_note_create(actor=medical_caseworker, person=person, category="gbv", text="x")


def test_clerk_and_other_organisation_cannot_write(officer, caseworker_elsewhere, person):
    clerk = UserFactory(
        username="clerk", organisation=officer.organisation, roles=["clerk"], clearances=["gbv"]
    )
    with pytest.raises(PermissionDenied):
        services.sensitive_note_create(actor=clerk, person=person, category="gbv", text="x")
    caseworker_elsewhere.clearances = ["gbv"]
    with pytest.raises(PermissionDenied):
        services.sensitive_note_create(actor=caseworker_elsewhere, person=person, category="gbv", text="x")


def test_caseworker_without_the_clearance_sees_nothing_of_it(
    client, gbv_caseworker, medical_caseworker, person
):
    SensitiveNote.objects.create(person=person, category="gbv", text="Survivor disclosure")
    client.force_login(medical_caseworker)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Survivor disclosure" not in html
    assert "Gender-based violence" not in html
    assert "No note in the categories you are cleared for" in html
    assert not AuditEvent.objects.filter(action="sensitive_note.read").exists()

    client.force_login(gbv_caseworker)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Survivor disclosure" in html
    assert AuditEvent.objects.filter(action="sensitive_note.read", actor=gbv_caseworker).count() == 1


def test_clerk_gets_no_panel(client, officer, person):
    SensitiveNote.objects.create(person=person, category="gbv", text="Survivor disclosure")
    officer.clearances = ["gbv"]
    officer.roles.set([r for r in officer.roles.all() if r.code == "clerk"])
    officer.save()
    client.force_login(officer)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Sensitive notes" not in html
    assert "Survivor disclosure" not in html


def test_partner_never_sees_notes(client, officer, gbv_caseworker, person):
    SensitiveNote.objects.create(person=person, category="gbv", text="Survivor disclosure")
    ngo = OrganisationFactory(name="Aid NGO", acronym="AID")
    partner = UserFactory(
        username="ngo", organisation=ngo, roles=["partner", "caseworker"], clearances=["gbv"]
    )
    consent_services.consent_record(
        actor=gbv_caseworker,
        person=person,
        kind="sharing",
        partner=ngo,
        purposes=["referral"],
        given_on=person.created_at.date(),
    )
    consent_services.share_create(actor=gbv_caseworker, person=person, partner=ngo, purpose="referral")
    client.force_login(partner)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Survivor disclosure" not in html
    assert "Sensitive notes" not in html
    assert "Survivor" not in str(client.get(reverse("api:person-detail", args=[person.pk])).json())
    assert client.get(reverse("protection:note-add", args=[person.pk])).status_code == 403


def test_notes_are_not_searchable(officer, gbv_caseworker, person):
    services.sensitive_note_create(actor=gbv_caseworker, person=person, category="gbv", text="Zarghunaxyz")
    person.refresh_from_db()
    assert "zarghunaxyz" not in person.search_text.lower()
    assert not people_selectors.person_search(actor=gbv_caseworker, query="Zarghunaxyz").people


def test_add_page(client, gbv_caseworker, person):
    client.force_login(gbv_caseworker)
    url = reverse("protection:note-add", args=[person.pk])
    page = client.get(url).content.decode()
    assert 'value="gbv"' in page
    assert 'value="protection"' not in page
    assert client.post(url, {"category": "protection", "text": "x"}).status_code == 422
    assert client.post(url, {"category": "gbv", "text": ""}).status_code == 422
    assert client.post(url, {"category": "gbv", "text": "Noted"}).status_code == 302
    assert SensitiveNote.objects.filter(person=person, text="Noted").exists()
