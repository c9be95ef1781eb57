"""The locations app's rows of the access matrix (core/tests/test_access_matrix.py)."""

from core.tests.access_world import everyone

ROWS = {
    # Districts of a province: public reference data, for every signed-in user's forms.
    "locations:district-options": ({}, everyone("login", 200)),
}
