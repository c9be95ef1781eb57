import pytest

from accounts.tests.factories import OfficeFactory, OrganisationFactory, UserFactory
from people.tests.factories import PersonFactory


@pytest.fixture
def auditor(organisation):
    return UserFactory(username="auditor", organisation=organisation, office=None, roles=["auditor"])


@pytest.fixture
def auditor_elsewhere(db):
    return UserFactory(username="auditor-elsewhere", organisation=OrganisationFactory(), roles=["auditor"])


@pytest.fixture
def superuser(organisation):
    return UserFactory(username="root", organisation=organisation, is_superuser=True, is_staff=True, roles=[])


@pytest.fixture
def person(organisation, office):
    return PersonFactory(organisation=organisation, office=office)


@pytest.fixture
def supervisor_elsewhere_in_scope(organisation):
    """A supervisor of the same organisation scoped to another office only."""
    other_office = OfficeFactory(organisation=organisation, name="Kabul directorate")
    return UserFactory(
        username="kabul-supervisor",
        organisation=organisation,
        office=other_office,
        roles=["supervisor"],
        nationwide=False,
    )
