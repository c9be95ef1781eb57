import pytest

from core.tests.access_world import build_world


@pytest.fixture
def world(db):
    """One organisation's records and one user per actor (core/tests/access_world.py)."""
    return build_world()
