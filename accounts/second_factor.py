"""Who must give a second factor (a TOTP code from an authenticator app), and reading their device.

Writes (enrolling, confirming, removing a device) are in accounts/services.py.
"""

import hashlib
import hmac
import io

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
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
    """Whether the user has a confirmed authenticator (and so is asked for a code at each sign-in).
    Recovery codes alone do not count: they stand in for the authenticator, never without it."""
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


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


# --- recovery codes ----------------------------------------------------------------------------
# Ten single-use codes, shown once when two-step sign-in is turned on, for the day the phone is
# lost. They are kept as django-otp static tokens, but only as a keyed hash of each code (HMAC with
# SECRET_KEY), so that someone who reads the database cannot sign in with them.

RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper and typed again
RECOVERY_LENGTH = 10


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device else 0


def recovery_hash(code: str) -> str:
    """What is stored of a recovery code: 16 hex digits of its HMAC (StaticToken holds 16 characters)."""
    normal = "".join(code.split()).replace("-", "").lower()
    return hmac.new(settings.SECRET_KEY.encode(), normal.encode(), hashlib.sha256).hexdigest()[:16]


def recovery_code_shown(code: str) -> str:
    """A code as printed: two groups of five."""
    return f"{code[:5]}-{code[5:]}"


def looks_like_recovery_code(code: str) -> bool:
    normal = "".join(code.split()).replace("-", "").lower()
    return len(normal) == RECOVERY_LENGTH and all(ch in RECOVERY_ALPHABET for ch in normal)
