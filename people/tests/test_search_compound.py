"""Searching for compound names (Abdurrahman / Abdul Rahman / عبد الرحمن, Wafiullah / Wafi Ullah),
the keys that registration, imports and the demo write for them, and PostgreSQL's way to older rows."""

import datetime

import pytest
from django.core.management import call_command

from demo.generate import Draft
from demo.generate import search_text as demo_search_text
from exchange.services import file_import
from people import selectors
from people.models import Person
from people.services import MemberInput, household_arrival_register
from people.tests.factories import PersonFactory


@pytest.fixture
def person_named(officer):
    def make(given_name="", given_name_latin=""):
        return PersonFactory(
            organisation=officer.organisation,
            given_name=given_name,
            given_name_latin=given_name_latin,
            father_name="کریم",
            father_name_latin="Karim",
        )

    return make


def found(officer, query) -> list[int]:
    return [person.pk for person in selectors.person_search(actor=officer, query=query).people]


@pytest.mark.parametrize(
    ("given_name", "given_name_latin", "query"),
    [
        ("", "Abdurrahman", "Abdul Rahman"),
        ("", "Abdul Rahman", "Abdurrahman"),
        ("", "Abd al-Rahman", "Abdurrahman"),
        ("", "Abdurrahman", "Abd ar-Rahman Karim"),
        ("عبدالرحمن", "", "عبد الرحمن"),
        ("عبد الرحمن", "", "عبدالرحمن"),
        ("عبد الرحمن", "", "Abdul-Rahman"),
        ("", "Abdul Wahab", "Abdulwahab"),
        ("", "Wafiullah", "Wafi Ullah"),
        ("", "Wafi Ullah", "Wafiullah"),
        ("وفی الله", "", "Wafi Allah"),
        ("وفیالله", "", "وفی الله"),
        ("", "Gulahmad", "Gul Ahmad"),
    ],
)
def test_a_compound_name_is_found_however_it_was_split_or_joined(
    officer, person_named, given_name, given_name_latin, query
):
    person = person_named(given_name=given_name, given_name_latin=given_name_latin)
    person_named(given_name="عبدالرحیم", given_name_latin="Abdul Rahim")

    assert found(officer, query) == [person.pk]


def test_abdullah_does_not_find_abdul_ali(officer, person_named):
    abdullah = person_named(given_name="عبدالله", given_name_latin="Abdullah")
    person_named(given_name="عبدالعلی", given_name_latin="Abdul Ali")

    assert found(officer, "Abd Allah") == [abdullah.pk]


COMPOUND_NAMES = {
    "given_name": "عبد الرحمن",
    "given_name_latin": "Abdurrahman",
    "father_name": "وفی الله",
    "father_name_latin": "Wafi Ullah",
    "grandfather_name": "محمدزمان",
    "grandfather_name_latin": "",
    "family_name": "",
    "family_name_latin": "Abd al-Wahhab",
}


def test_registration_imports_and_the_demo_write_the_same_keys(officer, arrival, vocab, tmp_path):
    household = household_arrival_register(
        actor=officer,
        arrival=arrival,
        members=[
            MemberInput(
                relationship=vocab.head,
                sex="M",
                birth_on=datetime.date(1985, 1, 1),
                birth_precision="year",
                names=COMPOUND_NAMES,
            )
        ],
    )
    registered = household.memberships.get().person
    columns = ",".join(COMPOUND_NAMES)
    values = ",".join(COMPOUND_NAMES.values())
    csv = tmp_path / "people.csv"
    csv.write_text(
        f"record_id,{columns},sex,birth_date,arrival_date,border_crossing,returned_from,return_type\n"
        f"X1,{values},M,1985,2025-06-20,islam-qala,IR,deported\n",
        encoding="utf-8",
    )
    report = file_import(csv, actor=officer, organisation=officer.organisation, commit=True)
    imported = Person.objects.exclude(pk=registered.pk).get()
    parts = ("given_name", "father_name", "grandfather_name", "family_name")
    draft = Draft(
        culture="af",
        sex="M",
        birth_on=datetime.date(1985, 1, 1),
        birth_precision="year",
        native=[COMPOUND_NAMES[part] for part in parts],
        latin=[COMPOUND_NAMES[f"{part}_latin"] for part in parts],
    )

    assert report.created == 1
    assert "~abdrhmn~" in registered.search_text
    assert imported.search_text == registered.search_text
    assert demo_search_text(draft) == registered.search_text


def test_search_reindex_rebuilds_keys_written_before_compounds_were_joined(officer, person_named):
    person = person_named(given_name="عبد الرحمن")
    # The keys as they were written before: the variant table's key kept the space.
    Person.objects.filter(pk=person.pk).update(search_text="عبد الرحمن | ~=عبد الرحمن~ | کریم | ~krm~")
    assert found(officer, "Abdurrahman") == []

    call_command("search_reindex")

    assert found(officer, "Abdurrahman") == [person.pk]


@pytest.fixture
def small_window(monkeypatch):
    """PostgreSQL reads the newest rows by key before it asks the trigram index: with a window
    of two people, the people below it are found through the index."""
    monkeypatch.setattr(selectors, "_RECENT_WINDOW", 2)


@pytest.mark.parametrize("query", ["Гусейнов", "Hüseynov", "huseyn", "Wafi Ullah"])
def test_older_people_are_found_below_the_newest_rows_newest_first(officer, small_window, query):
    older = [
        PersonFactory(
            organisation=officer.organisation,
            given_name="Hüseyn",
            given_name_latin="Wafiullah",
            family_name="Гусейнов",
            family_name_latin="Huseynov",
        )
        for _ in range(5)
    ]
    PersonFactory.create_batch(4, organisation=officer.organisation)  # the newest rows: other names

    pages = [selectors.person_search(actor=officer, query=query, page_size=2)]
    while pages[-1].next_before:
        pages.append(
            selectors.person_search(actor=officer, query=query, before_id=pages[-1].next_before, page_size=2)
        )

    assert [[person.pk for person in page.people] for page in pages] == [
        [older[4].pk, older[3].pk],
        [older[2].pk, older[1].pk],
        [older[0].pk],
    ]


def test_an_index_lookup_checks_keys_whole(officer, small_window, person_named):
    # "Husn", a name the variant table lacks, asks for the sound key ~hsn~ (Hassan's); the index
    # looks it up by "hsn~", which Ahsan's ~ahsn~ also holds, and the key is then checked whole.
    hassan = person_named(given_name_latin="Hassan")
    person_named(given_name_latin="Ahsan")
    PersonFactory.create_batch(3, organisation=officer.organisation)

    assert found(officer, "Husn") == [hassan.pk]
