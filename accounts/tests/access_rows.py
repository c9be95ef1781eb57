"""The accounts app's rows of the access matrix (core/tests/test_access_matrix.py): URL name →
(kwargs, expected GET status per actor). "login" = redirected to sign in.

Signed-in actors have passed the second factor where they need one (administrators and
supervisors have an authenticator, made by accounts.tests.helpers.sign_in; the others have none).
The enrolment page and its QR code start an enrolment for those without an authenticator, and a
new phone's for those who have one.
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
    # The QR code of an authenticator being enrolled (a new phone, for those who have one and have
    # given its code this session; 404 before that, which the verify tests check).
    "accounts:second-factor-qr": ({}, _everyone("login", 200)),
    # Verified users (or users with nothing to verify) are sent on.
    "accounts:second-factor-verify": ({}, _everyone("login", 302)),
    "accounts:second-factor-recover": ({}, _everyone("login", 302)),
    # Recovery codes belong to an authenticator: the others are sent to set one up.
    "accounts:recovery-codes": ({}, {**_everyone("login", 302), "supervisor": 200, "admin": 200}),
}
