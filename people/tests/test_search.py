import pytest

from access import policy
from people import selectors
from people.tests.factories import DocumentFactory, PersonFactory, reindex


def names(page) -> list[str]:
    return [person.given_name_latin or person.given_name for person in page.people]


@pytest.fixture
def people_of(officer):
    def make(**fields):
        return PersonFactory(organisation=officer.organisation, **fields)

    return make


@pytest.mark.parametrize(
    "query",
    ["محمد", "Mohammad", "mohammad", "MOHAMMAD", "مُحَمَّد", "احمد"],
)
def test_person_is_found_by_any_name_part_in_either_script(officer, people_of, query):
    people_of()

    page = selectors.person_search(actor=officer, query=query)

    assert names(page) == ["Mohammad"]


def test_persian_record_is_found_when_typed_on_an_arabic_keyboard(officer, people_of):
    people_of(given_name="علی", given_name_latin="Ali", father_name="کریم", father_name_latin="Karim")

    assert names(selectors.person_search(actor=officer, query="كريم")) == ["Ali"]


def test_cyrillic_spelling_is_found(officer, people_of):
    people_of(
        given_name="Hüseyn", given_name_latin="Huseyn", family_name="Гусейнов", family_name_latin="Guseynov"
    )

    assert names(selectors.person_search(actor=officer, query="гусейнов")) == ["Huseyn"]
    assert names(selectors.person_search(actor=officer, query="huseyn")) == ["Huseyn"]


def test_other_recorded_spellings_are_searchable(officer, people_of):
    from people.models import NameSpelling

    person = people_of()
    NameSpelling.objects.create(person=person, given_name_latin="Muhammad")
    reindex(person)

    assert names(selectors.person_search(actor=officer, query="Muhammad")) == ["Mohammad"]


@pytest.mark.parametrize("query", ["1400-0101-77777", "1400010177777", "۱۴۰۰۰۱۰۱۷۷۷۷۷", "1400 0101 77777"])
def test_person_is_found_by_document_number_however_it_is_written(officer, people_of, query):
    person = people_of()
    DocumentFactory(person=person, number="1400-0101-77777")
    reindex(person)
    people_of(given_name_latin="Other", given_name="دیگر")

    assert names(selectors.person_search(actor=officer, query=query)) == ["Mohammad"]


@pytest.mark.parametrize("query", ["۰۷۰۱۲۳۴۵۶۷", "0701234567", "+93 70 123 4567", "0093701234567"])
def test_person_is_found_by_phone_in_any_digits(officer, people_of, query):
    from people.models import Phone

    person = people_of()
    Phone.objects.create(person=person, number="0701234567", e164="+93701234567")
    reindex(person)

    assert names(selectors.person_search(actor=officer, query=query)) == ["Mohammad"]


def test_every_word_of_the_query_must_match(officer, people_of):
    people_of(given_name_latin="Mohammad", family_name_latin="Karimi")
    people_of(given_name_latin="Mohammad", family_name_latin="Ahmadi")

    page = selectors.person_search(actor=officer, query="mohammad karimi")

    assert [person.family_name_latin for person in page.people] == ["Karimi"]


def test_search_never_shows_another_organisations_people(officer, caseworker_elsewhere, people_of):
    people_of()

    assert selectors.person_search(actor=caseworker_elsewhere, query="Mohammad").people == []


def test_query_shorter_than_three_characters_asks_for_more(officer, people_of):
    people_of()

    page = selectors.person_search(actor=officer, query="mo")

    assert page.too_short
    assert page.people == []


def test_results_come_newest_first_a_page_at_a_time(officer):
    created = PersonFactory.create_batch(5, organisation=officer.organisation)

    first = selectors.person_search(actor=officer, query="mohammad", page_size=2)
    second = selectors.person_search(
        actor=officer, query="mohammad", before_id=first.next_before, page_size=2
    )
    third = selectors.person_search(
        actor=officer, query="mohammad", before_id=second.next_before, page_size=2
    )

    seen = [p.pk for p in first.people + second.people + third.people]
    assert seen == [person.pk for person in reversed(created)]
    assert third.next_before is None


def test_recent_list_pages_without_counting(officer, django_assert_max_num_queries):
    PersonFactory.create_batch(3, organisation=officer.organisation)
    policy.roles_of(officer)  # read once per request, by the middleware's first check

    with django_assert_max_num_queries(1):
        page = selectors.person_list_recent(actor=officer, page_size=2)

    assert len(page.people) == 2
    assert page.next_before == page.people[-1].pk


@pytest.mark.parametrize(
    ("query", "given_name", "given_name_latin"),
    [
        ("Mohammad", "محمد", ""),
        ("Mohammad", "", "Muhammad"),
        ("Mohammad", "", "Mohammed"),
        ("Mohammad", "Мухаммед", ""),
        ("Wafiullah", "وفی الله", ""),
        ("محمد", "", "Mohamed"),
        ("Muhammad", "", "Mohammad"),
    ],
)
def test_a_name_is_found_whatever_script_or_spelling_it_was_recorded_in(
    officer, people_of, query, given_name, given_name_latin
):
    person = people_of(
        given_name=given_name, given_name_latin=given_name_latin, father_name="", father_name_latin=""
    )

    assert [p.pk for p in selectors.person_search(actor=officer, query=query).people] == [person.pk]


@pytest.mark.parametrize(
    ("family_name", "family_name_latin"), [("حسینی", ""), ("", "Husaini"), ("", "Hussaini")]
)
def test_hosseini_finds_other_spellings_of_the_family_name(
    officer, people_of, family_name, family_name_latin
):
    person = people_of(family_name=family_name, family_name_latin=family_name_latin)

    assert [p.pk for p in selectors.person_search(actor=officer, query="Hosseini").people] == [person.pk]


def test_mahmood_does_not_find_mohammad(officer, people_of):
    people_of(given_name="محمد", given_name_latin="Mohammad", father_name="", father_name_latin="")

    assert selectors.person_search(actor=officer, query="Mahmood").people == []


def test_reindex_brings_old_records_up_to_date(officer, people_of):
    from django.core.management import call_command

    from people.models import Person

    person = people_of(given_name="محمد", given_name_latin="", father_name="", father_name_latin="")
    Person.objects.filter(pk=person.pk).update(search_text="محمد")  # keys from before the variant table

    call_command("search_reindex")

    assert [p.pk for p in selectors.person_search(actor=officer, query="Muhammad").people] == [person.pk]


def test_a_partner_finds_only_the_people_shared_with_their_organisation(officer):
    import datetime

    from accounts.tests.factories import OrganisationFactory, UserFactory
    from consent import services as consent_services

    ngo = OrganisationFactory(name="Partner NGO", acronym="PNGO")
    partner = UserFactory(
        username="ngo-user", organisation=ngo, office=None, roles=["partner"], nationwide=False
    )
    shared = reindex(PersonFactory(organisation=officer.organisation, given_name_latin="Mohammad"))
    reindex(PersonFactory(organisation=officer.organisation, given_name_latin="Mohammad"))
    consent = consent_services.consent_record(
        actor=officer,
        person=shared,
        kind="sharing",
        given_on=datetime.date(2026, 1, 5),
        partner=ngo,
        purposes=["service_delivery"],
    )
    consent_services.share_create(actor=officer, person=shared, partner=ngo, purpose="service_delivery")

    page = selectors.person_search(actor=partner, query="Mohammad")

    assert [person.pk for person in page.people] == [shared.pk]
    assert consent.is_active


def test_a_name_common_in_another_organisations_records_still_fills_the_readers_pages(officer, monkeypatch):
    from accounts.tests.factories import OrganisationFactory

    # SQLite reads the index in rounds of hits: tiny rounds make the other organisation's newer
    # hits fill several of them before the reader's own people come up.
    monkeypatch.setattr(selectors, "_CANDIDATE_BATCH", 4)
    own = [
        reindex(PersonFactory(organisation=officer.organisation, family_name_latin="Huseynov")).pk
        for _ in range(3)
    ]
    elsewhere = OrganisationFactory(name="State Migration Service", acronym="SMS")
    for _ in range(10):
        reindex(PersonFactory(organisation=elsewhere, family_name_latin="Huseynov"))

    first = selectors.person_search(actor=officer, query="Huseynov", page_size=2)
    second = selectors.person_search(
        actor=officer, query="Huseynov", page_size=2, before_id=first.next_before
    )

    assert [person.pk for person in first.people] == sorted(own, reverse=True)[:2]
    assert [person.pk for person in second.people] == [min(own)]
    assert second.next_before is None
