"""The exchange app's rows of the access matrix (core/tests/test_access_matrix.py).

Exports need the export role (supervisor, administrator) and hold only what the user may see.
Imports need the import role (supervisor, clerk) and an organisation. An import job is seen by
whoever started it, by staff of the offices in their scope and by nationwide importers of the
organisation (access.policy.import_jobs_visible_to): ``out_of_scope``, a clerk of the same
organisation in Kabul, gets 404 on the Herat clerk's job, as do other organisations' staff and
roles without imports.
"""

from core.tests.access_world import everyone

_IMPORTERS = {"clerk": 200, "supervisor": 200}
_JOB = everyone("login", 404, **_IMPORTERS)

ROWS = {
    "exchange:export": (
        {"kind": "people", "format": "csv"},
        everyone("login", 403, supervisor=200, admin=200),
    ),
    # A blank form for KoBo/ODK: holds no personal data.
    "exchange:xlsform": ({}, everyone("login", 200)),
    "exchange:import-list": ({}, everyone("login", 403, elsewhere=200, out_of_scope=200, **_IMPORTERS)),
    "exchange:import-upload": ({}, everyone("login", 403, elsewhere=200, out_of_scope=200, **_IMPORTERS)),
    "exchange:import-detail": ({"job_id": "import_job"}, _JOB),
    "exchange:import-mapping": ({"job_id": "import_job"}, _JOB),
    # Not checked yet: the confirmation sends its organisation's importers back to the job's page.
    "exchange:import-commit": ({"job_id": "import_job"}, {**_JOB, **dict.fromkeys(_IMPORTERS, 302)}),
    # Not checked yet, so there is no errors file for anyone.
    "exchange:import-errors": ({"job_id": "import_job"}, everyone("login", 404)),
}
