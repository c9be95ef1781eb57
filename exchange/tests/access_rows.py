"""The exchange app's rows of the access matrix (core/tests/test_access_matrix.py).

Exports need the export role (supervisor, administrator) and hold only what the user may see.
Imports need the import role (supervisor, clerk) and an organisation. An import job belongs to
its organisation (access.policy.import_jobs_visible_to), not to a province: ``out_of_scope``, a
clerk of the same organisation in Kabul, sees the Herat clerk's job; another organisation's staff
and roles without imports get 404.
"""

from core.tests.access_world import everyone

_IMPORTERS = {"clerk": 200, "supervisor": 200, "out_of_scope": 200}
_JOB = everyone("login", 404, **_IMPORTERS)

ROWS = {
    "exchange:export": (
        {"kind": "people", "format": "csv"},
        everyone("login", 403, supervisor=200, admin=200),
    ),
    # A blank form for KoBo/ODK: holds no personal data.
    "exchange:xlsform": ({}, everyone("login", 200)),
    # Every signed-in user gets the list; it holds only their organisation's jobs if they import,
    # and is empty otherwise.
    "exchange:import-list": ({}, everyone("login", 200)),
    "exchange:import-upload": ({}, everyone("login", 403, elsewhere=200, **_IMPORTERS)),
    "exchange:import-detail": ({"job_id": "import_job"}, _JOB),
    "exchange:import-mapping": ({"job_id": "import_job"}, _JOB),
    # Not checked yet: the confirmation sends its organisation's importers back to the job's page.
    "exchange:import-commit": ({"job_id": "import_job"}, {**_JOB, **dict.fromkeys(_IMPORTERS, 302)}),
    # Not checked yet, so there is no errors file for anyone.
    "exchange:import-errors": ({"job_id": "import_job"}, everyone("login", 404)),
}
