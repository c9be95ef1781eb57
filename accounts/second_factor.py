"""Who must give a second factor (a TOTP code from an authenticator app), and reading their device.

Writes (enrolling, confirming, removing a device) are in accounts/services.py.
"""

import io

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from access import policy


def is_required(user) -> bool:
    """Administrators, supervisors and anyone who can open the admin site must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(policy.roles_of(user) & frozenset(settings.HOMEWARD_SECOND_FACTOR_ROLES))


def has_device(user) -> bool:
    """Whether the user has a confirmed authenticator (and so is asked for a code at each sign-in)."""
    return user.is_authenticated and user_has_device(user, confirmed=True)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice | None:
    """The authenticator being enrolled: shown as a QR code until the user types its first code."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def qr_svg(device: TOTPDevice) -> bytes:
    """The device's otpauth:// address as an SVG QR code (no script, no style attribute)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for apps that cannot scan."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
