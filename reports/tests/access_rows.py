"""The reports app's rows of the access matrix (core/tests/test_access_matrix.py): figures for
the roles with ``aggregates.view`` (analyst, supervisor, administrator); a page the others'
roles may not use is 403."""

from core.tests.access_world import everyone

_FIGURES = everyone("login", 403, supervisor=200, admin=200, analyst=200)

ROWS = {
    "reports:figures": ({}, _FIGURES),
    "reports:figures-csv": ({}, _FIGURES),
}
