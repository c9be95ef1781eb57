import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Household, Person
from people.tests.factories import DocumentFactory, PersonFactory, return_event_for


def arrival_post(vocab, **overrides) -> dict[str, str]:
    data = {
        "arrived_on": "2025-06-20",
        "border_crossing": str(vocab.islam_qala.pk),
        "returned_from": "IR",
        "return_type": str(vocab.deported.pk),
        "transport": str(vocab.bus.pk),
        "destination_province": str(vocab.herat.pk),
        "destination_district": "",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "1",
        "members-MAX_NUM_FORMS": "30",
        "members-0-relationship": str(vocab.head.pk),
        "members-0-sex": "M",
        "members-0-birth_date": "1985",
        "members-0-given_name": "وفی الله",
        "members-0-given_name_latin": "Wafiullah",
        "members-0-father_name": "عبدالرحیم",
        "members-0-phones": "0701234567, +98 912 345 6789",
        "members-0-document_type": str(vocab.e_tazkira.pk),
        "members-0-document_number": "1401-0202-54321",
        "members-0-document_country": "AF",
        "members-1-relationship": str(vocab.son.pk),
        "members-1-sex": "M",
        "members-1-age": "7",
        "members-1-given_name": "احمد",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/people/",
        "/people/?q=mohammad",
        "/arrivals/new/",
        "/people/1/",
        "/households/1/",
        "/locations/districts/",
    ],
)
def test_pages_ask_a_visitor_to_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_sign_in_page_is_the_first_page(client, db):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_signing_in_leads_home(client, officer):
    response = client.post(
        reverse("accounts:login"), {"username": "officer", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_wrong_password_is_refused_with_a_message(client, officer):
    response = client.post(reverse("accounts:login"), {"username": "officer", "password": "nope"})

    assert response.status_code == 200
    assert b"alert-danger" in response.content


def test_home_shows_recent_registrations(client, officer):
    PersonFactory(organisation=officer.organisation, given_name="نادیه", given_name_latin="Nadia")
    client.force_login(officer)

    response = client.get(reverse("core:home"))

    assert "نادیه" in response.content.decode()


def test_registration_form_starts_with_one_member_as_head(client, officer):
    client.force_login(officer)

    response = client.get(reverse("people:arrival-register"))

    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 1
    assert 'id="member-0"' in response.content.decode()


def test_registering_a_household_saves_it_and_opens_it(client, officer, vocab):
    client.force_login(officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab))

    household = Household.objects.get()
    assert response.status_code == 302
    assert response["Location"] == household.get_absolute_url()
    son = household.current_members.get(given_name="احمد")
    assert (son.birth_on.year, son.birth_precision) == (2018, "estimated")
    head = household.current_members.get(given_name_latin="Wafiullah")
    assert sorted(head.phones.values_list("e164", flat=True)) == ["+93701234567", "+989123456789"]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"arrived_on": "not a date"}, "is not a date I can read"),
        ({"members-0-birth_date": "31/31/1985"}, "no month 31"),
        ({"members-0-phones": "12345"}, "12345"),
        ({"members-0-document_type": ""}, "Choose the type of document"),
        ({"members-1-relationship": ""}, "This field is required"),
        ({"members-1-age": "7", "members-1-birth_date": "2018"}, "not both"),
        ({"members-1-given_name": ""}, "Write the given name"),
    ],
)
def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(client, officer, vocab, override, message):
    client.force_login(officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab, **override))

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Person.objects.count() == 0


def test_duplicate_document_links_to_the_person_who_holds_it(client, officer, vocab):
    holder = DocumentFactory(
        person=PersonFactory(organisation=officer.organisation),
        number="1401-0202-54321",
        document_type=vocab.e_tazkira,
    ).person
    client.force_login(officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab))

    assert response.status_code == 422
    assert f'href="{holder.get_absolute_url()}"' in response.content.decode()
    assert Person.objects.count() == 1


def test_duplicate_document_of_an_invisible_person_is_refused_without_a_link(
    client, officer, caseworker_elsewhere, vocab
):
    holder = DocumentFactory(
        person=PersonFactory(organisation=caseworker_elsewhere.organisation),
        number="1401-0202-54321",
        document_type=vocab.e_tazkira,
    ).person
    client.force_login(officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab))

    assert response.status_code == 422
    assert holder.get_absolute_url() not in response.content.decode()
    assert "already registered" in response.content.decode()


def test_adding_a_member_with_htmx_returns_one_card_and_the_new_total(client, officer):
    client.force_login(officer)

    response = client.post(
        reverse("people:arrival-member-add"), {"members-TOTAL_FORMS": "2"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="member-2"' in content
    assert 'name="members-2-given_name"' in content
    assert 'hx-swap-oob="true"' in content
    assert 'value="3"' in content
    assert "<html" not in content


def test_removing_a_member_with_htmx_marks_it_deleted(client, officer):
    client.force_login(officer)

    response = client.post(
        reverse("people:arrival-member-remove"), {"remove_member": "1"}, headers={"HX-Request": "true"}
    )

    assert 'name="members-1-DELETE" value="on"' in response.content.decode()


def test_removed_member_is_not_registered(client, officer, vocab):
    client.force_login(officer)

    client.post(reverse("people:arrival-register"), arrival_post(vocab, **{"members-1-DELETE": "on"}))

    assert list(Person.objects.values_list("given_name_latin", flat=True)) == ["Wafiullah"]


def test_without_javascript_add_member_shows_the_form_again_with_one_more(client, officer, vocab):
    client.force_login(officer)

    response = client.post(reverse("people:arrival-register"), arrival_post(vocab, add_member="1"))

    assert response.status_code == 200
    assert 'id="member-2"' in response.content.decode()
    assert Person.objects.count() == 0


def test_user_without_organisation_cannot_open_registration(client, partner_user):
    client.force_login(partner_user)

    assert client.get(reverse("people:arrival-register")).status_code == 403


def test_person_file_shows_profile_spellings_returns_and_documents(client, officer):
    person = PersonFactory(
        organisation=officer.organisation, family_name="حسینی", family_name_latin="Hosseini"
    )
    DocumentFactory(person=person, number="1400-0101-00042")
    return_event_for(person)
    return_event_for(person, return_type="spontaneous")
    client.force_login(officer)

    response = client.get(person.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "Hosseini" in content
    assert "حسینی" in content
    assert "1400-0101-00042" in content
    assert len(response.context["person"].return_events.all()) == 2


def test_person_file_query_count_is_bounded(client, officer, django_assert_max_num_queries):
    person = PersonFactory(organisation=officer.organisation)
    return_event_for(person)
    client.force_login(officer)

    with django_assert_max_num_queries(17):
        client.get(person.get_absolute_url())


@pytest.mark.parametrize("record", ["person", "household"])
def test_another_organisations_records_are_not_found(client, officer, caseworker_elsewhere, record):
    person = PersonFactory(organisation=officer.organisation)
    client.force_login(caseworker_elsewhere)
    url = person.get_absolute_url() if record == "person" else person.household.get_absolute_url()

    assert client.get(url).status_code == 404


def test_household_page_lists_members(client, officer):
    person = PersonFactory(organisation=officer.organisation, given_name_latin="Rahmatullah")
    client.force_login(officer)

    response = client.get(person.household.get_absolute_url())

    assert "Rahmatullah" in response.content.decode()


def test_search_page_finds_by_latin_spelling_and_pages(client, officer, django_assert_max_num_queries):
    PersonFactory.create_batch(3, organisation=officer.organisation)
    client.force_login(officer)

    # session, user, then at most: newest id, the newest window, older rows (PostgreSQL), or FTS
    # batches and their rows (SQLite) — never a count.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("people:person-list"), {"q": "mohammad"})

    assert len(response.context["page"].people) == 3


@pytest.mark.parametrize("query", ["", "mohammad"])
def test_a_page_of_people_costs_the_same_queries_for_three_people_or_twenty(client, officer, query):
    PersonFactory.create_batch(3, organisation=officer.organisation)
    client.force_login(officer)
    url = reverse("people:person-list")
    client.get(url, {"q": query})
    with CaptureQueriesContext(connection) as three:
        client.get(url, {"q": query})
    PersonFactory.create_batch(17, organisation=officer.organisation)

    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url, {"q": query})

    assert len(response.context["page"].people) == 20
    assert len(twenty) == len(three)


def test_search_page_htmx_returns_only_the_results(client, officer):
    PersonFactory(organisation=officer.organisation)
    client.force_login(officer)

    response = client.get(reverse("people:person-list"), {"q": "محمد"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_search_page_says_when_nothing_matches(client, officer):
    client.force_login(officer)

    response = client.get(reverse("people:person-list"), {"q": "Zzyzx"})

    assert "No one matches" in response.content.decode()


def test_district_options_follow_the_province(client, officer, vocab):
    from locations.models import AdminArea

    AdminArea.objects.create(country_id="AF", level=2, parent=vocab.herat, name="Injil", pcode="AF3202")
    client.force_login(officer)

    response = client.get(reverse("locations:district-options"), {"destination_province": vocab.herat.pk})

    assert "Injil" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/people/99999999999999999999999/",
        "/households/99999999999999999999999/",
        "/people/?before=99999999999999999999999",
        "/people/?q=%00abc",
        "/locations/districts/?destination_province=99999999999999999999999",
    ],
)
def test_absurd_ids_and_queries_never_cause_a_server_error(client, officer, url):
    client.force_login(officer)

    assert client.get(url).status_code in {200, 404}


@pytest.mark.parametrize(
    ("typed", "stored", "precision"),
    [
        ("1985", "1985-01-01", "year"),
        ("1985-05", "1985-05-01", "month"),
        ("1364", "1985-03-21", "year"),
        ("۱۳۶۴/۲", "1985-04-21", "month"),
        ("1985-05-17", "1985-05-17", "day"),
        ("15 Mizan 1364", "1985-10-07", "day"),
        ("۲۷ ثور ۱۳۶۴", "1985-05-17", "day"),
        ("17.05.1985", "1985-05-17", "day"),
    ],
)
def test_date_of_birth_is_read_in_either_calendar_as_precisely_as_given(
    client, officer, vocab, typed, stored, precision
):
    client.force_login(officer)

    client.post(reverse("people:arrival-register"), arrival_post(vocab, **{"members-0-birth_date": typed}))

    head = Person.objects.get(given_name_latin="Wafiullah")
    assert (head.birth_on.isoformat(), head.birth_precision) == (stored, precision)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1364/12/30", "no day 30"),
        ("30.02.1985", "no day 30"),
        ("1985-13", "no month 13"),
        ("soon", "Accepted:"),
    ],
)
def test_impossible_date_of_birth_is_refused_with_the_reason(client, officer, vocab, typed, message):
    client.force_login(officer)

    response = client.post(
        reverse("people:arrival-register"), arrival_post(vocab, **{"members-0-birth_date": typed})
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Person.objects.count() == 0
