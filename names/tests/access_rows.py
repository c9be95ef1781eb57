"""The names app's rows of the access matrix (core/tests/test_access_matrix.py)."""

from core.tests.access_world import everyone

ROWS = {
    # Transliterates what is typed; reads no record (core/tests/test_scope.py checks it leaks none).
    "names:spelling-suggest": ({}, everyone("login", 200)),
}
