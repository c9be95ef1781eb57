"""The calendars app's rows of the access matrix (core/tests/test_access_matrix.py)."""

from core.tests.access_world import everyone

ROWS = {
    "calendars:month": ({}, everyone("login", 200)),
}
