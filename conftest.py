"""Fixtures shared by every app's tests: the three actors STYLE.md asks for, and reference data."""

import pytest

from accounts.tests.factories import OfficeFactory, OrganisationFactory, UserFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ministry of Refugees and Repatriation", acronym="MoRR")


@pytest.fixture
def office(organisation):
    return OfficeFactory(organisation=organisation, name="Islam Qala reception centre")


@pytest.fixture
def officer(office):
    """A registration clerk of the organisation that owns the records under test."""
    return UserFactory(username="officer", organisation=office.organisation, office=office)


@pytest.fixture
def supervising_officer(officer):
    """The officer, also a supervisor (who may export, approve erasures, read access histories)."""
    from accounts.models import Role

    officer.roles.add(Role.objects.get_or_create(code=Role.Code.SUPERVISOR)[0])
    return officer


@pytest.fixture
def caseworker_elsewhere(db):
    """Staff of another organisation: must not see the officer's records."""
    other = OfficeFactory(organisation=OrganisationFactory(name="Partner NGO", acronym="PNGO"), name="Kabul")
    return UserFactory(username="elsewhere", organisation=other.organisation, office=other)


@pytest.fixture
def partner_user(db):
    """A user with no organisation yet (a partner account being set up): may register nothing."""
    return UserFactory(username="partner", organisation=None, office=None)


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """Supervisors and administrators must give a second factor before any page: make the test
    client's ``force_login`` give it, as ``accounts.tests.helpers.sign_in`` does. Tests of the
    second factor itself use ``sign_in(client, user, second_factor=False)`` or the real forms."""
    from django.test.client import Client

    from accounts.tests.helpers import sign_in

    def force_login(self, user, backend=None):
        sign_in(self, user, backend=backend)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _english_and_usual_dates():
    """Requests activate their user's language and calendar for the thread; start each test clean."""
    from django.utils import translation

    from calendars.display import DatePreferences, activate

    translation.activate("en")
    activate(DatePreferences())
    yield
    translation.activate("en")
    activate(DatePreferences())


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(settings):
    """Each test starts with an empty cache in memory: the file cache under var/ is shared by the
    test processes, whose databases differ (kept figures would leak from one test to another)."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()
