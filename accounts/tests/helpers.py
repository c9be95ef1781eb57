"""Test helpers for signing in: other apps' tests use these instead of ``client.force_login``.

The root conftest.py also makes ``client.force_login`` pass the second factor, so older tests
that sign in a supervisor or an administrator keep working.
"""

from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

# Django's own force_login, kept before conftest.py replaces it for the test run.
_django_force_login = ClientMixin.force_login


def sign_in(client, user, *, second_factor: bool = True, backend: str | None = None):
    """Sign ``user`` in on a test ``client``; with ``second_factor`` (the default), also pass the
    two-step sign-in for users who have or need an authenticator (one is made if they have none).
    ``second_factor=False`` leaves the session waiting for the code, as after the password step."""
    from accounts import second_factor as factor

    _django_force_login(client, user, backend=backend or "django.contrib.auth.backends.ModelBackend")
    if second_factor and (factor.is_required(user) or factor.has_device(user)):
        device = authenticator_for(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def authenticator_for(user) -> TOTPDevice:
    """The user's confirmed authenticator, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)
    return device


def current_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The code the device's app would show now (``offset_steps`` later or earlier)."""
    code = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + offset_steps,
    )
    return str(code).zfill(device.digits)
