"""Production settings: ``DJANGO_SETTINGS_MODULE=homeward.settings_production``.

Everything in homeward/settings.py, with HTTPS forced on and nothing guessed: the secret key and
the host names must be given (the server refuses to start without them).

| variable              | required | meaning                                             |
|-----------------------|----------|-----------------------------------------------------|
| SECRET_KEY            | yes      | 50+ random characters, kept out of the repository   |
| ALLOWED_HOSTS         | yes      | the host names Homeward answers to                  |
| CSRF_TRUSTED_ORIGINS  | behind a proxy on another origin | https://homeward.example.org |
| DATABASE_URL          | yes (PostgreSQL) | postgres://…?sslmode=verify-full (TLS to the database) |
| HOMEWARD_HSTS_PRELOAD | no (true) | send the HSTS "preload" flag                      |

See docs/security.md for the rest of a deployment's duties (disk encryption, backups, proxy).
"""

import os

from django.core.exceptions import ImproperlyConfigured

for _required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"Production needs the {_required} environment variable.")
os.environ["SECURE_SSL"] = "true"

from homeward.settings import *  # noqa: E402,F403

DEBUG = False

# HTTPS only: redirect, HSTS for a year (subdomains included), cookies never sent over HTTP.
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = os.environ.get("HOMEWARD_HSTS_PRELOAD", "true").strip().lower() in {
    "1",
    "true",
    "yes",
    "on",
}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
