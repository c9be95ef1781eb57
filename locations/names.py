"""Country and subdivision names in the reader's language, from pycountry's ISO 3166 catalogues."""

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language

# pycountry's catalogues are named by locale; Dari has none of its own and reads Persian.
_CATALOGUE_LOCALES: dict[str, tuple[str, ...]] = {
    "fa-af": ("fa_AF", "fa"),
    "fa": ("fa",),
    "ps": ("ps", "fa"),
    "ar": ("ar",),
    "ru": ("ru",),
    "az": ("az",),
}


@cache
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    locales = _CATALOGUE_LOCALES.get(language)
    if not locales:
        return gettext.NullTranslations()
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=list(locales), fallback=True)


def country_label(iso_name: str, english: str) -> str:
    """The country's name in the active language; ``english`` (the common name) otherwise."""
    translated = _catalogue("iso3166-1", (get_language() or "en").lower()).gettext(iso_name)
    return english if translated == iso_name else translated


def subdivision_label(code: str, english: str) -> str:
    return _catalogue("iso3166-2", (get_language() or "en").lower()).gettext(english)
