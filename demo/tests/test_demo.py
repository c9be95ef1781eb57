import pytest
from django.core.management import call_command
from django.db import connection

from demo.models import SyntheticIdentity
from demo.services import demo_accounts_ensure, demo_population_load
from people import selectors
from people.models import Household, IdentityDocument, Person, ReturnEvent


@pytest.fixture
def loaded(db):
    demo_accounts_ensure()
    call_command("locations", "import")
    return demo_population_load(people=3000, seed=3)


@pytest.fixture
def admin_user(loaded):
    from accounts.models import User

    return User.objects.get(username="admin")


def test_loads_about_the_number_asked_for(loaded):
    assert 3000 <= Person.objects.count() == loaded < 3020


def test_households_have_plausible_sizes_and_one_head_each(loaded):
    from django.db.models import Count, Q

    households = Household.objects.annotate(
        size=Count("memberships"),
        heads=Count("memberships", filter=Q(memberships__relationship__is_head=True)),
    )
    sizes = [household.size for household in households]

    assert min(sizes) >= 1
    assert max(sizes) <= 14
    assert 2.0 <= sum(sizes) / len(sizes) <= 5.5
    assert set(households.values_list("heads", flat=True)) == {1}


def test_about_five_percent_are_marked_reregistrations_of_someone_else(loaded):
    again = SyntheticIdentity.objects.filter(is_reregistration=True)
    share = again.count() / SyntheticIdentity.objects.count()

    assert 0.03 <= share <= 0.07
    sample = again.first()
    original = SyntheticIdentity.objects.get(person_id=sample.identity)
    assert original.is_reregistration is False


def test_names_are_written_in_their_own_scripts_with_latin_spellings(loaded):
    afghan = Person.objects.filter(household__return_events__border_crossing__code="islam-qala").first()
    azerbaijani = Person.objects.filter(
        household__return_events__border_crossing__code="baku-airport"
    ).first()

    assert any("\u0600" <= char <= "\u06ff" for char in afghan.given_name)
    assert azerbaijani.given_name_latin.isascii()


def test_returns_spread_over_2023_to_2025_across_crossings(loaded):
    years = set(ReturnEvent.objects.values_list("arrived_on__year", flat=True))
    crossings = set(ReturnEvent.objects.values_list("border_crossing__code", flat=True))

    assert years == {2023, 2024, 2025}
    assert {"islam-qala", "torkham", "spin-boldak", "milak"} <= crossings


def test_some_households_return_more_than_once(loaded):
    assert Household.objects.filter(return_events__isnull=False).count() > Household.objects.count()


def test_document_numbers_are_unique(loaded):
    numbers = list(IdentityDocument.objects.values_list("document_type_id", "number_normalised"))

    assert len(numbers) == len(set(numbers)) > 0


def test_loaded_people_are_searchable_by_both_scripts(admin_user):
    person = Person.objects.exclude(given_name_latin="").exclude(given_name="").first()

    by_native = selectors.person_search(actor=admin_user, query=person.given_name, page_size=500)
    by_latin = selectors.person_search(actor=admin_user, query=person.given_name_latin, page_size=500)

    assert person.pk in {p.pk for p in by_native.people} | {p.pk for p in by_latin.people}
    assert by_native.people
    assert by_latin.people


def test_same_seed_gives_the_same_people(db):
    from demo.generate import Generator
    from demo.services import _reference

    reference, province_codes = _reference()

    def households(seed: int):
        generator = Generator(seed=seed, reference=reference, province_codes=province_codes)
        return [[(d.native, d.latin, d.birth_on) for d in generator.household()[1]] for _ in range(50)]

    assert households(9) == households(9)
    assert households(9) != households(10)


def test_demo_command_does_nothing_when_people_exist_and_if_empty(loaded, capsys):
    call_command("demo", "--people", "10", "--if-empty")

    assert Person.objects.count() == loaded
    assert "already registered" in capsys.readouterr().out


def test_demo_accounts_command_prints_logins(db, capsys):
    call_command("demo_accounts")

    out = capsys.readouterr().out
    assert "clerk" in out
    assert "homeward-clerk-demo" in out


def test_some_members_have_since_left_their_household(loaded):
    from people.models import HouseholdMembership

    left = HouseholdMembership.objects.filter(left_on__isnull=False).select_related("person").first()

    assert left is not None
    assert left.left_on > left.joined_on
    assert left.person.household_id is None


def test_demo_people_carry_the_same_search_keys_the_registration_service_makes(loaded):
    from people.services import person_search_text

    people = Person.objects.prefetch_related("spellings")[:1500]

    assert [p.pk for p in people if p.search_text != person_search_text(p)] == []
    assert any(p.spellings.all() for p in people)


@pytest.mark.django_db(transaction=True)
def test_a_load_leaves_the_database_ready_for_the_planner():
    """Outside a transaction, as `homeward demo` runs: statistics on both engines, and on PostgreSQL
    a VACUUM too (after a bulk load, its manual says)."""
    demo_accounts_ensure()
    call_command("locations", "import", verbosity=0)
    demo_population_load(people=40, seed=3)

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables "
                "WHERE relname = %s",
                ["people_person"],
            )
            assert cursor.fetchone() == (True, True)
        else:
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = %s", ["people_person"])
            assert cursor.fetchone()[0] > 0
