import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from consent import services
from consent.models import Consent, ErasureRequest, Purpose, Share
from people.models import Phone
from people.tests.factories import DocumentFactory, PersonFactory
from protection.models import SensitiveNote

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 1, 10)


def _share(caseworker, person, ngo, purpose):
    services.consent_record(
        actor=caseworker, person=person, kind="sharing", partner=ngo, purposes=[purpose], given_on=DAY
    )
    return services.share_create(actor=caseworker, person=person, partner=ngo, purpose=purpose)


def test_person_page_shows_consent_and_sharing_panels(client, caseworker, person, ngo):
    _share(caseworker, person, ngo, Purpose.REFERRAL)
    client.force_login(caseworker)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "WAN" in page
    assert reverse("consent:consent-record", args=[person.pk]) in page
    assert reverse("consent:share-create", args=[person.pk]) in page
    assert reverse("consent:erasure-request", args=[person.pk]) in page


def test_record_consent_through_the_form(client, caseworker, person, ngo):
    client.force_login(caseworker)
    url = reverse("consent:consent-record", args=[person.pk])
    response = client.post(
        url,
        {
            "kind": "sharing",
            "partner": ngo.pk,
            "purposes": ["referral", "follow_up"],
            "given_on": "2025-01-10",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(person=person)
    assert consent.purposes == ["referral", "follow_up"]
    # No purpose: a clear message, not a 500.
    response = client.post(url, {"kind": "sharing", "partner": ngo.pk, "given_on": "2025-01-10"})
    assert response.status_code == 422
    assert "Choose at least one purpose" in response.content.decode()


def test_sharing_without_consent_is_refused_with_a_message(client, caseworker, person, ngo):
    client.force_login(caseworker)
    response = client.post(
        reverse("consent:share-create", args=[person.pk]), {"partner": ngo.pk, "purpose": "referral"}
    )
    assert response.status_code == 422
    assert "consented" in response.content.decode()
    assert not Share.objects.exists()


def test_withdrawal_asks_to_confirm_then_revokes(client, caseworker, person, ngo):
    share = _share(caseworker, person, ngo, Purpose.REFERRAL)
    client.force_login(caseworker)
    url = reverse("consent:consent-withdraw", args=[share.consent_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "These sharings stop at once" in page.content.decode()
    assert client.post(url, {"withdrawn_on": "2025-02-01"}).status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None


def test_partner_sees_only_the_shared_fields_and_loses_them_when_revoked(
    client, caseworker, person, ngo, partner
):
    Phone.objects.create(person=person, number="0799 123 456", e164="+93799123456")
    DocumentFactory(person=person, number="1400-0101-99999")
    SensitiveNote.objects.create(person=person, category="gbv", text="Very private")
    share = _share(caseworker, person, ngo, Purpose.FOLLOW_UP)  # names, phones, province
    client.force_login(partner)

    page = client.get(person.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mohammad" in html
    assert "+93799123456" in html
    assert "1400-0101-99999" not in html  # documents not shared for follow-up
    assert "Date of birth" not in html
    assert "Very private" not in html
    assert "Sensitive notes" not in html
    assert "Consent" not in html
    assert reverse("consent:share-create", args=[person.pk]) not in html

    listing = client.get(reverse("people:person-list")).content.decode()
    assert person.get_absolute_url() in listing

    api = client.get(reverse("api:person-detail", args=[person.pk])).json()
    assert api["given_name_latin"] == "Mohammad"
    assert api["phones"][0]["number"] == "0799 123 456"
    assert api["documents"] is None
    assert api["birth_on"] is None
    assert api["sex"] is None
    assert api["household"] is None
    assert "Very private" not in str(api)

    services.share_revoke(actor=caseworker, share=share)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:person-detail", args=[person.pk])).status_code == 404
    assert person.get_absolute_url() not in client.get(reverse("people:person-list")).content.decode()


def test_partner_cannot_reach_consent_pages(client, caseworker, person, ngo, partner):
    share = _share(caseworker, person, ngo, Purpose.REFERRAL)
    client.force_login(partner)
    assert client.get(reverse("consent:consent-record", args=[person.pk])).status_code == 403
    assert client.get(reverse("consent:share-create", args=[person.pk])).status_code == 403
    assert client.get(reverse("consent:share-revoke", args=[share.pk])).status_code == 404
    assert client.get(reverse("consent:consent-withdraw", args=[share.consent_id])).status_code == 404


def test_erasure_request_and_decision_pages(client, caseworker, supervisor, person):
    client.force_login(caseworker)
    url = reverse("consent:erasure-request", args=[person.pk])
    assert client.post(url, {"reason": ""}).status_code == 422
    assert client.post(url, {"reason": "Asked at the desk"}).status_code == 302
    request = ErasureRequest.objects.get(person=person)
    assert client.get(reverse("consent:erasure-list")).status_code == 403

    client.force_login(supervisor)
    listing = client.get(reverse("consent:erasure-list")).content.decode()
    assert reverse("consent:erasure-decide", args=[request.pk]) in listing
    decide = reverse("consent:erasure-decide", args=[request.pk])
    assert client.post(decide, {"decision": "refuse"}).status_code == 422  # a note is needed
    assert client.post(decide, {"decision": "approve"}).status_code == 302
    person.refresh_from_db()
    assert person.given_name == ""
    assert AuditEvent.objects.filter(action="person.anonymised", target_id=person.pk).exists()


def test_supervisor_cannot_decide_own_request_in_the_page(client, supervisor, person):
    request = services.erasure_request(actor=supervisor, person=person, reason="Asked")
    client.force_login(supervisor)
    page = client.get(reverse("consent:erasure-decide", args=[request.pk])).content.decode()
    assert "another supervisor must decide" in page
    response = client.post(reverse("consent:erasure-decide", args=[request.pk]), {"decision": "approve"})
    assert response.status_code == 422


def test_other_organisation_gets_404(client, caseworker_elsewhere, caseworker, person, ngo):
    share = _share(caseworker, person, ngo, Purpose.REFERRAL)
    client.force_login(caseworker_elsewhere)
    for url in (
        reverse("consent:consent-record", args=[person.pk]),
        reverse("consent:share-create", args=[person.pk]),
        reverse("consent:share-revoke", args=[share.pk]),
        reverse("consent:consent-withdraw", args=[share.consent_id]),
        reverse("consent:erasure-request", args=[person.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_people_list_shows_a_partner_only_the_shared_fields(client, caseworker, person, ngo, partner):
    _share(caseworker, person, ngo, Purpose.FOLLOW_UP)  # names, phones, province: no sex, birth, household
    client.force_login(partner)

    listing = client.get(reverse("people:person-list")).content.decode()

    assert person.get_absolute_url() in listing
    assert "1990" not in listing
    assert "Male" not in listing
    assert person.household.reference not in listing


def test_a_partner_sees_a_shared_household_reference_but_cannot_open_it(
    client, caseworker, person, ngo, partner
):
    _share(caseworker, person, ngo, Purpose.REFERRAL)  # the household is part of a referral
    client.force_login(partner)
    household_url = person.household.get_absolute_url()

    listing = client.get(reverse("people:person-list")).content.decode()
    page = client.get(person.get_absolute_url()).content.decode()

    assert person.household.reference in listing
    assert person.household.reference in page
    assert household_url not in listing
    assert household_url not in page
    assert client.get(household_url).status_code == 404


def test_the_api_list_gives_a_partner_each_persons_shared_fields_in_a_fixed_number_of_queries(
    client, caseworker, person, ngo, partner, officer
):
    _share(caseworker, person, ngo, Purpose.FOLLOW_UP)
    client.force_login(partner)
    url = reverse("api:person-list")
    with CaptureQueriesContext(connection) as one_shared:
        client.get(url)
    others = PersonFactory.create_batch(3, organisation=officer.organisation, office=officer.office)
    for other in others:
        _share(caseworker, other, ngo, Purpose.CASH_ASSISTANCE)  # sex and birth too

    with CaptureQueriesContext(connection) as four_shared:
        results = client.get(url).json()["results"]

    by_id = {row["id"]: row for row in results}
    assert by_id[person.pk]["sex"] is None
    assert by_id[person.pk]["birth_on"] is None
    assert all(by_id[other.pk]["sex"] == "M" and by_id[other.pk]["birth_on"] for other in others)
    assert len(four_shared) == len(one_shared)
