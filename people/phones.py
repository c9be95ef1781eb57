"""Phone numbers: kept as entered, plus E.164 when libphonenumber can read them."""

import phonenumbers

from names.normalise import digits_key


def phone_to_e164(number: str, regions: tuple[str, ...]) -> str | None:
    """E.164 form of ``number``, trying each region for numbers written without a country code.

    Persian and Arabic-Indic digits are accepted. Returns None when no region makes it valid.
    """
    cleaned = number.strip()
    digits = digits_key(cleaned)
    if not digits:
        return None
    candidate = ("+" if cleaned.startswith(("+", "00")) else "") + digits.removeprefix("00")
    for region in regions or ("AF",):
        try:
            parsed = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None
