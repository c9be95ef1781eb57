"""The core app's rows of the access matrix (core/tests/test_access_matrix.py)."""

from core.tests.access_world import everyone

ROWS = {
    "core:home": ({}, everyone("login", 200)),
    "core:health": ({}, everyone(200, 200)),
}
