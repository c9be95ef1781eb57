"""Attacks and bad input: the CSP, no inline script or style, HTML and SQL in names shown as
text, CSRF, API tokens, probing ids of records out of scope."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from accounts.tests.helpers import sign_in
from api.services import api_token_create, api_token_revoke
from people.models import Person
from people.tests import conftest as people_fixtures
from people.tests.factories import PersonFactory
from people.tests.test_views import arrival_post

vocab = people_fixtures.vocab  # the reference data registration needs

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)

PAGES = [
    ("accounts:login", {}, False),
    ("core:home", {}, True),
    ("people:person-list", {}, True),
    ("people:arrival-register", {}, True),
    ("accounts:preferences", {}, True),
    ("accounts:second-factor", {}, True),
    ("exchange:import-list", {}, True),
    ("exchange:import-upload", {}, True),
    ("api:token-list", {}, True),
    ("api:token-create", {}, True),
]


def _assert_no_inline_code(html: str):
    assert not INLINE_SCRIPT.findall(html), INLINE_SCRIPT.findall(html)
    assert not STYLE_ATTRIBUTE.search(html)
    assert not INLINE_STYLE.search(html)
    assert not EVENT_HANDLER.findall(html), EVENT_HANDLER.findall(html)


@pytest.mark.parametrize(("name", "kwargs", "signed_in"), PAGES)
def test_pages_send_the_csp_and_hold_no_inline_script_or_style(client, officer, name, kwargs, signed_in):
    if signed_in:
        sign_in(client, officer)

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    _assert_no_inline_code(response.content.decode())


def test_a_persons_file_holds_no_inline_script_or_style(client, officer):
    person = PersonFactory(organisation=officer.organisation)
    sign_in(client, officer)

    response = client.get(person.get_absolute_url())

    assert response.status_code == 200
    _assert_no_inline_code(response.content.decode())


HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    "'; DROP TABLE people_person;--",
    '"><img src=x onerror=alert(1)>',
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_html_and_sql_in_a_name_are_stored_and_shown_as_text(client, officer, vocab, name):
    sign_in(client, officer)

    response = client.post(
        reverse("people:arrival-register"), arrival_post(vocab, **{"members-0-given_name_latin": name})
    )

    assert response.status_code == 302
    person = Person.objects.get(given_name_latin=name)  # stored exactly, the table still there
    assert Person.objects.count() == 2
    for url in (person.get_absolute_url(), f"{reverse('people:person-list')}?q=Wafiullah"):
        page = client.get(url).content.decode()
        assert name not in page
        assert "alert(1)" not in page or "&lt;" in page or "&#x27;" in page
    detail = client.get(person.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in detail
    assert "<img src=x" not in detail
    api = client.get(reverse("api:person-detail", kwargs={"pk": person.pk}))
    assert api.json()["given_name_latin"] == name
    assert api["Content-Type"].startswith("application/json")


def test_a_search_for_sql_finds_nothing_and_breaks_nothing(client, officer):
    PersonFactory(organisation=officer.organisation)
    sign_in(client, officer)

    response = client.get(reverse("people:person-list"), {"q": "' OR 1=1; --"})

    assert response.status_code == 200
    assert Person.objects.count() == 1


def test_a_form_without_its_csrf_token_is_refused(officer, vocab):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab))

    assert response.status_code == 403
    assert Person.objects.count() == 0


def test_sign_in_without_a_csrf_token_is_refused(officer):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("accounts:login"), {"username": officer.username, "password": "correct-horse-battery"}
    )

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_an_upload_without_a_csrf_token_is_refused(officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client(enforce_csrf_checks=True)
    sign_in(client, officer)

    response = client.post(
        reverse("exchange:import-upload"),
        {"file": SimpleUploadedFile("people.csv", b"record_id,given_name\nA1,Ahmad\n", "text/csv")},
    )

    assert response.status_code == 403


def test_the_api_answers_401_without_a_token_and_with_a_wrong_or_revoked_one(client, officer):
    url = reverse("api:person-list")
    token, key = api_token_create(actor=officer, name="sync")

    assert client.get(url).status_code == 401
    assert client.get(url, headers={"authorization": "Bearer not-a-key"}).status_code == 401
    assert client.get(url, headers={"authorization": f"Bearer {key}"}).status_code == 200
    api_token_revoke(actor=officer, token=token)
    response = client.get(url, headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_records_out_of_scope_are_404_on_pages_and_api(client, officer):
    from locations.models import AdminArea

    kabul_clerk = UserFactory(
        username="kabul", organisation=officer.organisation, roles=["clerk", "caseworker"], nationwide=False
    )
    kabul_clerk.scope_provinces.set(AdminArea.objects.filter(iso_code="AF-KAB"))
    herat = AdminArea.objects.get(iso_code="AF-HER")
    person = PersonFactory(organisation=officer.organisation, office=officer.office, area=herat)
    sign_in(client, kabul_clerk)

    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:person-detail", kwargs={"pk": person.pk})).status_code == 404
    assert client.get(reverse("api:person-detail", kwargs={"pk": person.pk + 1000})).status_code == 404
    _token, key = api_token_create(actor=kabul_clerk, name="sync")
    client.logout()
    response = client.get(
        reverse("api:person-detail", kwargs={"pk": person.pk}), headers={"authorization": f"Token {key}"}
    )
    assert response.status_code == 404


def test_uploaded_files_are_never_served_back():
    """Import files are kept outside the static and media roots and no URL serves them; their
    error reports come back as CSV attachments."""
    from django.conf import settings

    assert settings.HOMEWARD_IMPORT_MAX_BYTES > 0
    assert not str(settings.HOMEWARD_IMPORT_DIR).startswith(str(settings.STATIC_ROOT))
    from django.urls import get_resolver
    from django.views.static import serve

    def views(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern.url_patterns)
            else:
                yield pattern.callback

    assert serve not in set(views(get_resolver().url_patterns))
