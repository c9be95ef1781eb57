import datetime

import pytest

from accounts.tests.factories import OrganisationFactory, UserFactory
from people.tests.factories import PersonFactory


@pytest.fixture
def ngo(db):
    return OrganisationFactory(name="Women's Aid NGO", acronym="WAN", kind="ngo")


@pytest.fixture
def person(officer):
    return PersonFactory(organisation=officer.organisation, office=officer.office)


@pytest.fixture
def partner(ngo):
    return UserFactory(username="ngo-user", organisation=ngo, roles=["partner"])


@pytest.fixture
def supervisor(officer):
    return UserFactory(username="boss", organisation=officer.organisation, roles=["supervisor"])


@pytest.fixture
def caseworker(officer):
    return UserFactory(username="cw", organisation=officer.organisation, roles=["caseworker"])


TODAY = datetime.date(2025, 3, 1)
