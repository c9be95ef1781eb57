"""Search keys for names, phone numbers and document numbers, whatever script they were typed in.

Names are stored as entered; these keys are what search and matching compare. The rules follow
shared/DOMAIN.md §3: NFKC; Arabic ي/ى → Persian ی, ك → ک, ة → ه, أ/إ/آ/ٱ → ا, ؤ → و, ئ → ی; drop
harakat, tatweel and zero-width characters; digits of every script → ASCII; Latin folded to
lower case without diacritics (Azerbaijani ə → e, ı → i).
"""

import re
import unicodedata

_LETTER_FOLDS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ə": "e",
        "Ə": "e",
        "ı": "i",
        "ё": "е",
        "ß": "ss",
    }
)
_DROPPED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SEPARATORS = re.compile(r"[\s\-_'’`ʼ‘.,;:/()\"«»]+")
_NON_DIGITS = re.compile(r"\D")


def ascii_digits(text: str) -> str:
    """Digits of any script (۱۲۳, ١٢٣) as ASCII digits; everything else unchanged."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in text)


def _strip_latin_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = (
        char
        for char in decomposed
        # Combining marks are dropped on Latin and Cyrillic letters only: Arabic marks are handled
        # above, and NFD must not break Persian letters such as آ apart.
        if not (unicodedata.combining(char) and "\u0300" <= char <= "\u036f")
    )
    return unicodedata.normalize("NFC", "".join(kept))


def name_key(text: str) -> str:
    """The search key of a name: normalised, lower case, words separated by single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _DROPPED.sub("", text).translate(_LETTER_FOLDS)
    text = _strip_latin_marks(text).casefold()
    text = ascii_digits(text)
    return " ".join(_SEPARATORS.split(text)).strip()


def digits_key(text: str) -> str:
    """The digits of a phone or document number, in ASCII, whatever script they were typed in."""
    return _NON_DIGITS.sub("", ascii_digits(unicodedata.normalize("NFKC", text or "")))


def document_number_key(text: str) -> str:
    """A document number compared without spaces, dashes or case: 'p 123-45' == 'P12345'."""
    text = ascii_digits(unicodedata.normalize("NFKC", text or "")).upper()
    return re.sub(r"[^0-9A-Z\u0600-\u06ff\u0400-\u04ff]", "", text)
