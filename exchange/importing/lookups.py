"""Code lists and places as an import file may write them: a code, or the label in any of the
UI languages, in any script. Built once per import from the database."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from locations.models import AdminArea, BorderCrossing, Country
from names.normalise import name_key
from people.models import Sex
from vocabularies.models import DocumentType, Relationship, ReturnType


class UnknownValueError(ValueError):
    """The value names nothing known, or more than one thing."""


def _ui_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass
class Lookup:
    """Folded spelling → the ids it may mean."""

    what: str  # for messages: "return type", "country", …
    examples: str  # accepted codes, for messages
    entries: dict[str, set] = field(default_factory=dict)
    _seen: dict[str, set] = field(default_factory=dict)  # as written → candidates; files repeat values

    def add(self, spelling, value) -> None:
        key = name_key(str(spelling or ""))
        if key:
            self.entries.setdefault(key, set()).add(value)

    def candidates(self, text: str) -> set:
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self.entries.get(name_key(text), set())
        return found

    def resolve(self, text: str):
        found = self.candidates(text)
        if len(found) == 1:
            return next(iter(found))
        if not found:
            raise UnknownValueError(
                _("%(value)s is not a known %(what)s; use one of: %(examples)s.")
                % {"value": text, "what": self.what, "examples": self.examples}
            )
        raise UnknownValueError(
            _("%(value)s could mean more than one %(what)s; use the code instead (%(examples)s).")
            % {"value": text, "what": self.what, "examples": self.examples}
        )


def _labelled(lookup: Lookup, objects, value_of) -> Lookup:
    objects = list(objects)
    for obj in objects:
        value = value_of(obj)
        lookup.add(getattr(obj, "code", None), value)
        lookup.add(obj.name, value)
        for label in (getattr(obj, "translations", None) or {}).values():
            lookup.add(label, value)
    for language in _ui_languages():
        with translation.override(language):
            for obj in objects:
                lookup.add(obj.label, value_of(obj))
    return lookup


def _codes(objects, limit: int = 8) -> str:
    codes = [obj.code for obj in objects]
    return ", ".join(codes[:limit]) + (", …" if len(codes) > limit else "")


@dataclass
class Lookups:
    sex: Lookup
    return_type: Lookup
    document_type: Lookup
    relationship: Lookup
    border_crossing: Lookup
    country: Lookup
    province: Lookup
    district: Lookup
    district_parent: dict[int, int]
    head_relationships: set[int]


# Words for sex that people write besides the UI's own labels.
_SEX_WORDS = {
    Sex.MALE: (
        "m",
        "male",
        "man",
        "boy",
        "مرد",
        "ذکر",
        "ذكر",
        "نارینه",
        "پسر",
        "муж",
        "мужской",
        "м",
        "kişi",
        "erkek",
    ),
    Sex.FEMALE: (
        "f",
        "female",
        "woman",
        "girl",
        "زن",
        "انثی",
        "أنثى",
        "ښځینه",
        "دختر",
        "жен",
        "женский",
        "ж",
        "qadın",
    ),
    Sex.UNKNOWN: ("u", "unknown"),
}


def _sex_lookup() -> Lookup:
    lookup = Lookup(what=_("sex"), examples="M, F")
    for value, words in _SEX_WORDS.items():
        for word in words:
            lookup.add(word, value)
    for language in _ui_languages():
        with translation.override(language):
            for value, label in Sex.choices:
                lookup.add(str(label), value)
    return lookup


def lookups_load() -> Lookups:
    return_types = ReturnType.objects.all()
    document_types = DocumentType.objects.all()
    relationships = list(Relationship.objects.all())
    crossings = BorderCrossing.objects.all()
    countries = list(Country.objects.all())
    country = Lookup(what=_("country"), examples="AF, IR, PK, TR")
    for item in countries:
        for spelling in (item.code, item.alpha3, item.name, item.common_name):
            country.add(spelling, item.code)
    for language in _ui_languages():
        with translation.override(language):
            for item in countries:
                country.add(item.label, item.code)
    areas = list(AdminArea.objects.all())
    provinces = [area for area in areas if area.level == AdminArea.Level.PROVINCE]
    districts = [area for area in areas if area.level == AdminArea.Level.DISTRICT]
    province = _labelled(
        Lookup(what=_("province"), examples="AF-HER, AF-KAB"), provinces, lambda area: area.pk
    )
    for area in provinces:
        province.add(area.iso_code, area.pk)
        province.add(area.pcode, area.pk)
    district = _labelled(Lookup(what=_("district"), examples="AF2001"), districts, lambda area: area.pk)
    for area in districts:
        district.add(area.pcode, area.pk)
    return Lookups(
        sex=_sex_lookup(),
        return_type=_labelled(
            Lookup(what=_("return type"), examples=_codes(return_types)), return_types, lambda obj: obj.pk
        ),
        document_type=_labelled(
            Lookup(what=_("document type"), examples=_codes(document_types)),
            document_types,
            lambda obj: obj.pk,
        ),
        relationship=_labelled(
            Lookup(what=_("relationship"), examples=_codes(relationships)), relationships, lambda obj: obj.pk
        ),
        border_crossing=_labelled(
            Lookup(what=_("border crossing"), examples=_codes(crossings)), crossings, lambda obj: obj.pk
        ),
        country=country,
        province=province,
        district=district,
        district_parent={area.pk: area.parent_id for area in districts},
        head_relationships={obj.pk for obj in relationships if obj.is_head},
    )
