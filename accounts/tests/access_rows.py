"""The accounts app's rows of the access matrix (core/tests/test_access_matrix.py): URL name →
(kwargs, expected GET status per actor). "login" = redirected to sign in.

Signed-in actors have passed the second factor where they need one (administrators and
supervisors have an authenticator, made by accounts.tests.helpers.sign_in); no actor has an
second factor is being enrolled: the enrolment page and its QR code start an enrolment for
those without an authenticator, and the QR code is 404 to those who have one.
"""

ACTORS = (
    "clerk",
    "caseworker",
    "supervisor",
    "admin",
    "partner",
    "analyst",
    "auditor",
    "elsewhere",
    "out_of_scope",
)


def _everyone(anonymous, signed_in):
    return {"anonymous": anonymous, **dict.fromkeys(ACTORS, signed_in)}


ROWS = {
    # A signed-in user is sent on from the sign-in page.
    "accounts:login": ({}, _everyone(200, 302)),
    # Signing out and the language menu take POST only.
    "accounts:logout": ({}, _everyone(405, 405)),
    "accounts:language": ({}, _everyone(405, 405)),
    "accounts:preferences": ({}, _everyone("login", 200)),
    # Enrolment for those without an authenticator; "it is on" for those with one.
    "accounts:second-factor": ({}, _everyone("login", 200)),
    # Only for enrolling: 404 to those who already have an authenticator.
    "accounts:second-factor-qr": (
        {},
        {**_everyone("login", 200), "supervisor": 404, "admin": 404},
    ),
    # Verified users (or users with nothing to verify) are sent on.
    "accounts:second-factor-verify": ({}, _everyone("login", 302)),
}
