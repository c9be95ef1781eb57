"""Picking a label in the reader's language, with the fallbacks the region needs."""

from django.utils.translation import get_language

# Dari readers understand Persian better than English, and vice versa; Pashto readers in
# Afghanistan read Dari. Azerbaijani and Russian readers share no fallback but English.
LANGUAGE_FALLBACKS: dict[str, tuple[str, ...]] = {
    "fa-af": ("fa",),
    "fa": ("fa-af",),
    "ps": ("fa-af", "fa"),
}


def translated_label(english: str, translations: dict[str, str], language: str | None = None) -> str:
    language = (language or get_language() or "en").lower()
    for code in (language, *LANGUAGE_FALLBACKS.get(language, ())):
        if label := translations.get(code):
            return label
    return english
