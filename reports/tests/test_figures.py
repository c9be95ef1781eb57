import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import OfficeFactory, OrganisationFactory, UserFactory
from audit.models import AuditEvent
from locations.models import AdminArea
from people.models import Sex
from people.tests.factories import PersonFactory, return_event_for
from reports import selectors

TODAY = timezone.localdate()


@pytest.fixture
def herat(db):
    return AdminArea.objects.get(iso_code="AF-HER")


@pytest.fixture
def kabul(db):
    return AdminArea.objects.get(iso_code="AF-KAB")


@pytest.fixture
def home(db):
    return OrganisationFactory(name="Ministry of Refugees and Repatriation", acronym="MoRR")


def _people(organisation, area, count, *, sex=Sex.MALE, born=datetime.date(1990, 1, 1), returned=True):
    people = []
    for _ in range(count):
        person = PersonFactory(organisation=organisation, area=area, sex=sex, birth_on=born)
        if returned:
            event = return_event_for(person, arrived_on=TODAY)
            event.destination_province = area
            event.save(update_fields=["destination_province"])
        people.append(person)
    return people


def _analyst(organisation, *, provinces=(), nationwide=False, username="analyst"):
    user = UserFactory(
        username=username, organisation=organisation, office=None, roles=["analyst"], nationwide=nationwide
    )
    user.scope_provinces.set(provinces)
    return user


@pytest.mark.parametrize(
    ("roles", "status"),
    [
        (["analyst"], 200),
        (["supervisor"], 200),
        (["administrator"], 200),
        (["clerk", "caseworker"], 403),
        (["partner"], 403),
        (["auditor"], 403),
    ],
)
def test_figures_are_for_analysts_supervisors_and_administrators(client, home, roles, status):
    client.force_login(UserFactory(organisation=home, roles=roles))
    assert client.get(reverse("reports:figures")).status_code == status
    assert client.get(reverse("reports:figures-csv")).status_code == status


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("reports:figures"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_analyst_counts_the_people_of_their_scope_and_sees_no_name(client, home, herat, kabul):
    _people(home, herat, 12)
    _people(home, kabul, 30)
    _people(OrganisationFactory(name="Elsewhere"), herat, 50)
    client.force_login(_analyst(home, provinces=[herat]))

    response = client.get(reverse("reports:figures"))

    figures = response.context["figures"]
    assert figures.registered.shown == "12"
    assert figures.returnees.shown == "12"
    assert "Mohammad" not in response.content.decode()
    assert "محمد" not in response.content.decode()


def test_small_counts_are_shown_as_under_five_and_cannot_be_subtracted_out(client, home, herat, kabul):
    _people(home, herat, 3, sex=Sex.FEMALE)
    _people(home, kabul, 40)
    client.force_login(_analyst(home, nationwide=True))

    figures = client.get(reverse("reports:figures")).context["figures"]

    provinces = {cell.label: cell.shown for cell in figures.tables[0].rows}
    assert provinces[herat.label] == "<5"
    # The total (43) is shown, so Kabul's 40 is hidden too: 43 − 40 would give Herat's 3 away.
    assert figures.tables[0].total.shown == "43"
    assert provinces[kabul.label] == "×"
    sexes = dict(zip(figures.grid.columns, [cell.shown for cell in figures.grid.column_totals], strict=True))
    assert sexes["female"] == "<5"
    assert sexes["male"] != "40"
    page = client.get(reverse("reports:figures")).content.decode()
    assert "&lt;5" in page


def test_a_supervisors_figures_are_suppressed_too(client, home, herat):
    _people(home, herat, 2)
    client.force_login(UserFactory(organisation=home, roles=["supervisor"]))
    figures = client.get(reverse("reports:figures")).context["figures"]
    assert figures.registered.shown == "<5"


def test_sex_and_age_groups(home, herat):
    _people(home, herat, 6, sex=Sex.FEMALE, born=TODAY - datetime.timedelta(days=365 * 2), returned=False)
    _people(home, herat, 7, sex=Sex.MALE, born=TODAY.replace(year=TODAY.year - 70), returned=False)
    _people(home, herat, 5, sex=Sex.MALE, born=None, returned=False)
    figures = selectors.figures_for(actor=_analyst(home, nationwide=True))
    rows = {
        label: [cell.shown for cell in cells] + [total.shown] for label, cells, total in figures.grid.rows
    }
    assert rows["0–4 years"] == ["6", "0", "0", "6"]
    assert rows["60 years and over"] == ["0", "7", "0", "7"]
    assert rows["age not recorded"] == ["0", "5", "0", "5"]
    assert figures.registered.shown == "18"


def test_months_are_the_last_twelve_of_the_readers_calendar(client, home, herat):
    _people(home, herat, 6)
    user = _analyst(home, nationwide=True)
    user.language = "fa-af"
    user.save(update_fields=["language"])
    client.force_login(user)

    figures = client.get(reverse("reports:figures")).context["figures"]

    assert len(figures.months.rows) == 12
    assert figures.months.rows[-1].shown == "6"
    # Solar Hijri months, in Persian digits on the page.
    assert "۱۴" in figures.months.rows[-1].label


def test_empty_state(client, home):
    client.force_login(_analyst(home, nationwide=True))
    response = client.get(reverse("reports:figures"))
    assert "No figures yet." in response.content.decode()


def test_the_csv_is_suppressed_the_same_way_and_audited(client, home, herat, kabul):
    _people(home, herat, 3)
    _people(home, kabul, 40)
    analyst = _analyst(home, nationwide=True)
    client.force_login(analyst)

    response = client.get(reverse("reports:figures-csv"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Figure", "Category", "Count"]
    by_province = {row[1]: row[2] for row in rows if row[0] == "By province of destination"}
    assert by_province[herat.label] == "<5"
    assert by_province[kabul.label] == "×"
    assert "3" not in {row[2] for row in rows}
    event = AuditEvent.objects.get(action="figures.exported")
    assert event.actor == analyst
    assert event.target_type == "reports"


def test_the_page_costs_the_same_queries_for_few_people_or_many(
    home, herat, kabul, django_assert_num_queries
):
    analyst = _analyst(home, nationwide=True)
    _people(home, herat, 2)
    analyst = type(analyst).objects.get(pk=analyst.pk)
    # The roles, then one query per table: people by sex and age, months, and three breakdowns.
    with django_assert_num_queries(6) as few:
        selectors.figures_for(actor=analyst)
    _people(home, kabul, 30)
    _people(home, herat, 10, sex=Sex.FEMALE, born=None)
    analyst = type(analyst).objects.get(pk=analyst.pk)
    with django_assert_num_queries(len(few.captured_queries)):
        selectors.figures_for(actor=analyst)


def test_a_partner_counts_no_one(home, herat):
    _people(home, herat, 10)
    partner = UserFactory(organisation=OrganisationFactory(name="NGO"), roles=["partner", "analyst"])
    figures = selectors.figures_for(actor=partner)
    assert figures.registered.count == 0


def test_an_analyst_scoped_to_an_office_counts_its_registrations(home, herat, kabul):
    office = OfficeFactory(organisation=home, name="Kabul airport")
    for person in _people(home, herat, 6):
        person.office = office
        person.save(update_fields=["office"])
    _people(home, kabul, 9)
    analyst = UserFactory(
        username="office-analyst", organisation=home, office=office, roles=["analyst"], nationwide=False
    )
    assert selectors.figures_for(actor=analyst).registered.shown == "6"


def test_figures_are_kept_for_some_minutes_then_counted_again(home, herat, client):
    from django.core.cache import cache

    _people(home, herat, 6)
    analyst = _analyst(home, nationwide=True)

    first = selectors.figures_kept_for(actor=analyst)
    _people(home, herat, 4)
    kept = selectors.figures_kept_for(actor=analyst)
    cache.clear()  # as when HOMEWARD_FIGURES_MINUTES have passed
    recounted = selectors.figures_kept_for(actor=analyst)

    assert first.registered.count == kept.registered.count == 6
    assert recounted.registered.count == 10
    assert kept.counted_at == first.counted_at < recounted.counted_at
    client.force_login(analyst)
    assert "Counted on" in client.get(reverse("reports:figures")).content.decode()


def test_kept_figures_are_shared_only_by_users_who_count_the_same_people(
    home, herat, kabul, django_assert_num_queries
):
    _people(home, herat, 6)
    _people(home, kabul, 7)
    in_herat = _analyst(home, provinces=[herat], username="herat-analyst")
    also_in_herat = _analyst(home, provinces=[herat], username="herat-analyst-2")
    in_kabul = _analyst(home, provinces=[kabul], username="kabul-analyst")
    elsewhere = _analyst(OrganisationFactory(name="Other"), nationwide=True, username="other-analyst")

    assert selectors.figures_kept_for(actor=in_herat).registered.count == 6
    assert selectors.figures_kept_for(actor=in_kabul).registered.count == 7
    assert selectors.figures_kept_for(actor=elsewhere).registered.count == 0
    with django_assert_num_queries(3):  # the second analyst's roles, offices and provinces: no counting
        assert selectors.figures_kept_for(actor=also_in_herat).registered.count == 6


def test_kept_figures_are_labelled_in_each_readers_calendar_and_digits(home, herat):
    from calendars.display import DatePreferences, activate

    _people(home, herat, 6)
    analyst = _analyst(home, nationwide=True)

    activate(DatePreferences(calendar="solar_hijri_afghan"))
    afghan = selectors.figures_kept_for(actor=analyst).months.rows[-1].label
    activate(DatePreferences(calendar="solar_hijri_iran"))
    iranian = selectors.figures_kept_for(actor=analyst).months.rows[-1].label
    activate(DatePreferences(calendar="solar_hijri_iran", digits="persian"))
    iranian_in_persian_digits = selectors.figures_kept_for(actor=analyst).months.rows[-1].label

    assert len({afghan, iranian, iranian_in_persian_digits}) == 3  # Hamal/Farvardin names; ۱۴۰۵
    assert any("۰" <= character <= "۹" for character in iranian_in_persian_digits)
