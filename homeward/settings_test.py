"""Test settings: the same as production but fast hashing and no HTTPS redirect."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

from homeward.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests never run collectstatic; the test client and live server find static files themselves.
MIDDLEWARE = [entry for entry in MIDDLEWARE if not entry.startswith("whitenoise.")]  # noqa: F405
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
HOMEWARD_IMPORT_DIR = BASE_DIR / "var" / "test-imports"  # noqa: F405
