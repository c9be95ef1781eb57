"""Names across scripts: a Latin spelling for a name typed in Arabic script or Cyrillic, a Cyrillic
spelling for an Azerbaijani or Russian name typed in Latin, and a *sound key* that is the same for
the spellings of one name however they were written — so that "Mohammad" finds محمد, Muhammad,
Mohammed and Мухаммед, "Hosseini" finds حسینی and Husaini, and "Wafiullah" finds وفی الله.

The sound key is a consonant skeleton: Arabic script writes no short vowels, and romanisations of
one name differ mostly in their vowels (Mohammad / Muhammad), doubled letters (Hussain / Husain)
and a few consonant pairs (q/k, w/v, kh/x/h). So the key keeps consonants, merges those pairs,
drops vowels and doubling, and marks a name that starts with a vowel or ain. It is deliberately
loose: it makes candidates for a person to look at, never a decision (shared/DOMAIN.md §3).

The variant table (``KNOWN``) holds the common names of the region with the Latin spellings field
staff really use; suggestions come from it first and from letter rules otherwise.

Compounds are written joined or apart at will: Abdurrahman, Abdul Rahman, Abd al-Rahman,
عبد الرحمن; Wafiullah, Wafi Ullah, وفی الله. The table's key of a name ignores spaces, a sound key
reads Abd's article and -ullah the same way whatever the spacing, and a query reads adjacent words
that may be one compound both as typed and joined (``compound_runs``, ``compound_query_keys``).
"""

import re
from collections.abc import Sequence
from functools import cache

from names import namebank
from names.normalise import name_key

# Arabic-script letters (after name_key folding) → Latin, as Afghan, Iranian and Egyptian lists
# romanise them. Pashto letters included. Alef, ain and hamza stand for vowels here.
_ARABIC_TO_LATIN = {
    "ا": "a", "ب": "b", "پ": "p", "ت": "t", "ټ": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "ځ": "z", "څ": "ts", "د": "d", "ډ": "d", "ذ": "z", "ر": "r", "ړ": "r", "ز": "z", "ژ": "zh", "ږ": "zh",
    "س": "s", "ش": "sh", "ښ": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f",
    "ق": "q", "ک": "k", "گ": "g", "ګ": "g", "ل": "l", "م": "m", "ن": "n", "ڼ": "n", "و": "w", "ه": "h",
    "ی": "i", "ې": "e", "ۍ": "ai", "ء": "",
}  # fmt: skip
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "gh", "ҹ": "j", "һ": "h", "ө": "o", "ү": "u",
}  # fmt: skip
# Azerbaijani Latin → the Russian-style Cyrillic used on Soviet-era documents.
_LATIN_TO_CYRILLIC = [
    ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("zh", "ж"), ("ya", "я"), ("yu", "ю"), ("ğ", "г"), ("ş", "ш"),
    ("ç", "ч"), ("ə", "а"), ("ı", "ы"), ("ö", "ё"), ("ü", "ю"), ("c", "дж"), ("j", "ж"), ("q", "г"),
    ("x", "х"), ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
    ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("y", "й"), ("z", "з"), ("w", "в"),
]  # fmt: skip

# Consonant pairs that romanisations of one sound use interchangeably, merged in the key.
_KEY_DIGRAPHS = [("shch", "s"), ("dzh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "c"),
                 ("zh", "z"), ("ph", "f"), ("th", "s"), ("dh", "z"), ("ts", "s")]  # fmt: skip
_KEY_LETTERS = str.maketrans({"q": "k", "x": "h", "j": "j", "c": "c", "w": "", "v": "", "y": "", "'": ""})
_VOWELS = re.compile(r"[aeiou]")
_DOUBLED = re.compile(r"(.)\1+")
_NOT_LATIN = re.compile(r"[^a-z]")
KEY_MARK = "~"  # keys are stored as ~key~ tokens, so a search for one matches whole keys only


def _is_arabic_script(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def _arabic_word_to_latin(word: str) -> str:
    if word.endswith("الله"):  # -ullah, Allah: its h is spoken
        return "".join(_ARABIC_TO_LATIN.get(char, char) for char in word[:-4]) + "allah"
    if len(word) > 2 and word[-1] == "ه":  # a final heh after a consonant is a vowel (-a, -e)
        word = word[:-1] + "ا"
    return "".join(_ARABIC_TO_LATIN.get(char, char) for char in word)


def to_latin_letters(text: str) -> str:
    """A letter-by-letter Latin rendering of folded text in any of our scripts (lower case)."""
    folded = name_key(text)
    if _is_arabic_script(folded):
        return " ".join(_arabic_word_to_latin(word) for word in folded.split())
    if _is_cyrillic(folded):
        return "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in folded)
    return folded


# A compound with Abd ("servant of"): Abd, Abdu, Abdul, Abdel, Abdol, Abdal. The article's l is
# part of the prefix; an assimilated article (Abdur-Rahman, Abdus-Salam) leaves a doubled letter,
# which the key drops anyway.
_ABD = re.compile(r"^[aeou]bd(?:[aeiou]l?)?")
# The prefix written as a word of its own (Abd, Abdul, Abdur, Abdus, Abdush; عبد), the article as one
# (al-, el-, ul-, ar-, us-, ush-, ...), and -ullah written apart (Ullah, Allah, Ollah; الله).
_ABD_WORD = re.compile(r"^[aeou]bd(?:[aeiou](?:l|sh|[rsdtzn])?)?$")
_ARTICLE_WORD = re.compile(r"^[aeiou](?:l|sh|[rsdtzn])$")
_ULLAH_WORD = re.compile(r"^[aeiou](?:llah?|lah)$")
# A name ending in -ullah: a stem of two letters or more, then Ullah / Ulla / Ollah / Allah / الله.
_ULLAH_END = re.compile(r"[a-z]{2}[aeiou](?:llah?|lah)$")


def _skeleton(latin: str) -> str:
    """The consonants of a Latin rendering, merged and undoubled, marked "a" when it starts with a
    vowel or ain."""
    starts_with_vowel = bool(latin) and latin[0] in "aeiou"
    latin = re.sub(r"ll?ah$", "la", latin)  # -ullah / -ollah / -ulla / الله
    for digraph, letter in _KEY_DIGRAPHS:
        latin = latin.replace(digraph, letter)
    latin = _NOT_LATIN.sub("", latin.translate(_KEY_LETTERS))
    latin = re.sub(r"(?<=[aeiou])h$", "", latin)  # final -h / -eh / ه is a vowel
    consonants = _DOUBLED.sub(r"\1", _VOWELS.sub("", latin))
    return "a" + consonants if starts_with_vowel else consonants


@cache
def sound_key(text: str) -> str:
    """The sound key of a name part ("" when it has no consonant to speak of).

    Mohammad, Muhammad, Mohamed, محمد and Мухаммед all give "mhmd"; Abdul Rahman, Abdurrahman,
    Abd al-Rahman and عبدالرحمن give "abdrhmn". After Abd's article the name keeps its own mark
    of a first vowel, so Abdul Ali ("abdal") stays apart from Abdullah ("abdl").
    """
    latin = to_latin_letters(text).replace(" ", "")
    if match := _ABD.match(latin):
        key = _DOUBLED.sub(r"\1", "abd" + _skeleton(latin[match.end() :]))
    else:
        key = _skeleton(latin)
    return key if len(key) >= 2 else ""


def _compact(text: str) -> str:
    """A folded name without its spaces: Abdul Rahman and Abdulrahman, وفی الله and وفیالله, the
    same."""
    return name_key(text).replace(" ", "")


def is_compound(text: str) -> bool:
    """Whether a name is an Abd- or -ullah compound, which people write joined or apart at will."""
    latin = to_latin_letters(text).replace(" ", "")
    match = _ABD.match(latin)
    return bool(match and len(latin) - match.end() >= 2) or bool(_ULLAH_END.search(latin))


def compound_runs(words: Sequence[str]) -> list[tuple[int, int]]:
    """Runs ``(start, end)`` of adjacent words that may be one compound written apart: Abd +
    articles + a name (Abd al Rahman, Abdul Rahman, عبد الرحمن), and a name + Ullah (Wafi Ullah,
    وفی الله). (Other names of two words, such as Gul Ahmad, need no run: a joined spelling of them
    is keyed with the words of the name it spells, see ``sound_keys``.)"""
    latin = [to_latin_letters(word).replace(" ", "") for word in words]
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(words) - 1:
        end = None
        if _ABD_WORD.match(latin[start]):
            end = start + 1
            while end < len(words) - 1 and _ARTICLE_WORD.match(latin[end]):
                end += 1
            end += 1
        elif _ULLAH_WORD.match(latin[start + 1]):
            end = start + 2
        if end is None:
            start += 1
        else:
            runs.append((start, end))
            start = end
    return runs


# Spellings the name bank lacks: Russian-era renderings of common Arabic-origin names.
EXTRA_SPELLINGS: dict[str, tuple[str, ...]] = {
    "محمد": ("Мухаммед", "Мухаммад", "Мухамед", "Магомед", "Мохаммад", "Mukhammed", "Magomed"),
    "احمد": ("Ахмед", "Ахмад", "Akhmed", "Akhmad"),
    "محمود": ("Махмуд", "Makhmud"),
    "علی": ("Али",),
    "حسین": ("Хусейн", "Гусейн", "Хуссейн", "Khusein", "Guseyn"),
    "حسن": ("Хасан", "Гасан", "Khasan", "Gasan"),
    "فاطمه": ("Фатима", "Fatimа"),
    "عبدالله": ("Абдулла", "Абдуллах", "Abdulla"),
    "عبدالرحمن": ("Абдурахман", "Абдуррахман", "Abdurakhman"),
    "مریم": ("Марьям", "Мариям", "Maryam"),
    "یوسف": ("Юсуф", "Yusif"),
    "ابراهیم": ("Ибрагим", "Ibragim"),
}


def table_key(native: str) -> str:
    """The key of a name of the variant table, the same however its words are spaced."""
    return f"{KEY_MARK}={_compact(native)}{KEY_MARK}"


@cache
def _entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    entries = [entry for table in _name_lists() for entry in table]
    entries += list(EXTRA_SPELLINGS.items())
    entries += [
        namebank.azerbaijani_surname(stem, sex)
        for stem in namebank.AZERBAIJANI_SURNAME_STEMS
        for sex in ("M", "F")
    ]
    return tuple(entries)


@cache
def _table() -> dict[str, frozenset[str]]:
    """Every known spelling (folded, without spaces) → the native names it spells (the same)."""
    index: dict[str, set[str]] = {}
    for native, spellings in _entries():
        for spelling in (native, *spellings):
            index.setdefault(_compact(spelling), set()).add(_compact(native))
    return {spelling: frozenset(natives) for spelling, natives in index.items()}


@cache
def _native_words() -> dict[str, frozenset[str]]:
    """Each native name as ``known_natives`` gives it → the words it is written in (محمدزمان →
    محمد, زمان)."""
    words: dict[str, set[str]] = {}
    for native, _spellings in _entries():
        words.setdefault(_compact(native), set()).update(name_key(native).split())
    return {native: frozenset(parts) for native, parts in words.items()}


def known_natives(word: str) -> frozenset[str]:
    """The names of the variant table that ``word`` (any script, any listed spelling, its words
    joined or apart) spells."""
    return _table().get(_compact(word), frozenset())


@cache
def sound_keys(text: str) -> tuple[str, ...]:
    """The key tokens stored for a name part: for each word, for the whole part and for each
    compound inside a longer part (Abdul Rahman in "Abdul Rahman Khan"), the variant table's key
    where the table knows it, and the sound key always (for spellings it lacks). A name of two
    words written as one (Gulahmad, محمدزمان) also gets the keys of those words, so that a search
    for "Gul Ahmad" finds it."""
    words = name_key(text).split()
    pieces = [*words, text] if len(words) > 1 else words
    if len(words) > 2:
        pieces += [" ".join(words[start:end]) for start, end in compound_runs(words)]
    # A name of two words written as one (not an Abd- or -ullah compound, which queries split and
    # join themselves) is keyed as if written apart too.
    pieces += [
        word
        for piece in pieces
        if " " not in name_key(piece)
        for native in known_natives(piece)
        if len(_native_words()[native]) > 1 and not is_compound(native)
        for word in _native_words()[native]
    ]
    keys = {sound_key(piece) for piece in pieces}
    if _is_cyrillic(text):
        # Russian has no h: Hüseynov is written Гусейнов. Key the г both ways.
        keys |= {sound_key(word.replace("г", "х")) for word in words}
    tokens = {f"{KEY_MARK}{key}{KEY_MARK}" for key in keys if key}
    tokens |= {table_key(native) for piece in pieces for native in known_natives(piece)}
    return tuple(sorted(tokens))


def query_keys(word: str) -> list[str]:
    """The key tokens a query word (or a run of words read as one name) matches: the variant
    table's, when it knows the name (so that Mahmood does not find Mohammad, whose consonants are
    the same), else the sound key. An Abd- or -ullah compound is asked for by its sound key too:
    its spellings not in the table (Abd ar-Rahman, Wafi Allah) are joined and split in every way,
    and its key is long enough to be specific."""
    natives = known_natives(word)
    keys = sorted(table_key(native) for native in natives)
    compound = is_compound(word)
    if natives and not compound:
        return keys
    key = sound_key(word)
    # A two-letter skeleton of an unknown word matches too much to be worth asking for; a compound's
    # (Wafiullah: "fl") is stored for the whole name only.
    if len(key) >= (2 if compound else 3):
        keys.append(f"{KEY_MARK}{key}{KEY_MARK}")
    return keys


def compound_query_keys(words: Sequence[str]) -> list[str]:
    """The key tokens of a run of query words (from ``compound_runs``) read as one name, so that
    "Abdul Rahman" also finds Abdurrahman and "Wafi Ullah" finds Wafiullah."""
    return query_keys("".join(_compact(word) for word in words))


def _name_lists():
    return (
        namebank.AFGHAN_MALE_GIVEN, namebank.AFGHAN_FEMALE_GIVEN, namebank.AFGHAN_FAMILY,
        namebank.IRANIAN_MALE_GIVEN, namebank.IRANIAN_FEMALE_GIVEN, namebank.IRANIAN_FAMILY,
        namebank.EGYPTIAN_MALE_GIVEN, namebank.EGYPTIAN_FEMALE_GIVEN, namebank.EGYPTIAN_FAMILY,
        namebank.AZERBAIJANI_MALE_GIVEN, namebank.AZERBAIJANI_FEMALE_GIVEN,
    )  # fmt: skip


@cache
def _known_spellings() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for entries in _name_lists():
        for native, spellings in entries:
            table.setdefault(name_key(native), spellings)
    return table


def _first_latin(spellings: tuple[str, ...] | None) -> str | None:
    return next((spelling for spelling in spellings or () if spelling.isascii()), None)


def suggest_latin(text: str) -> str:
    """The Latin spelling field staff would most likely write for a name typed in Arabic script
    or Cyrillic: the variant table's first spelling (of the whole name, else word by word), else a
    letter-by-letter rendering."""
    if not text or not (_is_arabic_script(text) or _is_cyrillic(text)):
        return ""
    known = _known_spellings()
    if whole := _first_latin(known.get(name_key(text))):
        return whole
    return " ".join(_first_latin(known.get(word)) or _readable_latin(word) for word in name_key(text).split())


def _readable_latin(word: str) -> str:
    latin = to_latin_letters(word)
    if _is_arabic_script(word):
        # Long vowels are written, short ones are not: give consonant clusters an "a" to be readable.
        latin = latin.replace("w", "u").replace("ii", "i")
        latin = re.sub(
            r"([bcdfghjklmnpqrstvxz])([bdfjklmnpqrstvxz])(?=[bcdfghjklmnpqrstvxz])", r"\1a\2", latin
        )
    return latin[:1].upper() + latin[1:]


_SURNAME_ENDINGS = (
    ("yeva", "ева"),
    ("yev", "ев"),
    ("ova", "ова"),
    ("ov", "ов"),
    ("eva", "ева"),
    ("ev", "ев"),
)


@cache
def _surname_stems() -> dict[str, str]:
    return {name_key(native): spellings[0] for native, spellings in namebank.AZERBAIJANI_SURNAME_STEMS}


def suggest_cyrillic(text: str) -> str:
    """A Cyrillic spelling for an Azerbaijani or Russian name typed in Latin letters: from the
    variant table (Hüseynov → Гусейнов), else by letters."""
    if not text or _is_arabic_script(text) or _is_cyrillic(text):
        return ""
    key = name_key(text)
    known = _known_spellings().get(key)
    if known and _is_cyrillic(known[0]):
        return known[0]
    for ending, cyrillic_ending in _SURNAME_ENDINGS:
        stem = _surname_stems().get(key.removesuffix(ending)) if key.endswith(ending) else None
        if stem:
            return stem + cyrillic_ending
    lowered = re.sub(r"^h", "г", text.strip().lower())  # Russian writes Azerbaijani h as г
    for latin, cyrillic in _LATIN_TO_CYRILLIC:
        lowered = lowered.replace(latin, cyrillic)
    return " ".join(part[:1].upper() + part[1:] for part in lowered.split())
