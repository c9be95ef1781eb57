"""Every message is translated, none is fuzzy, and the compiled catalogues match their sources."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALES = ["fa_AF", "ps", "fa", "ar", "ru", "az"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%\(\w+\)0\d[sd]")


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr list, flags (header excluded)."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and entry.get("msgid"):
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry or {"msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": {}, "flags": ""}
        if line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d)\])?) (".*")$', line):
            field = match.group(1)
            value = ast.literal_eval(match.group(3))
            if field.startswith("msgstr"):
                index = int(match.group(2) or 0)
                entry["msgstr"][index] = value
                field = ("msgstr", index)
            else:
                entry[field] = value
        elif line.startswith('"') and field:
            value = ast.literal_eval(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += value
            else:
                entry[field] += value
    return entries


def catalogue(locale: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / locale / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_and_none_is_fuzzy(locale):
    entries = read_po(catalogue(locale))

    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale):
    broken = [
        e["msgid"]
        for e in read_po(catalogue(locale))
        for text in e["msgstr"].values()
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(e["msgid_plural"] or e["msgid"]))
        and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(e["msgid"]))
    ]
    assert broken == []


def _compiled_text(compiled: gettext.GNUTranslations, entry: dict) -> str:
    if entry["msgctxt"] is not None:
        return compiled.pgettext(entry["msgctxt"], entry["msgid"])
    return compiled.gettext(entry["msgid"])


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_its_source(locale):
    compiled = gettext.GNUTranslations(catalogue(locale).with_suffix(".mo").open("rb"))

    stale = [
        e["msgid"]
        for e in read_po(catalogue(locale))
        if not e["msgid_plural"] and _compiled_text(compiled, e) != e["msgstr"][0]
    ]
    assert stale == []
