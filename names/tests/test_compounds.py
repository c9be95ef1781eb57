"""Compound names written joined or apart: Abdurrahman / Abdul Rahman / Abd al-Rahman / عبد الرحمن,
Wafiullah / Wafi Ullah / وفی الله. Keys and queries are pure functions, so they are tested here
without a database: a stored spelling is found when every clause of the query holds in its keys."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from names.variants import compound_runs, is_compound, sound_key, sound_keys, table_key
from people.search_index import query_clauses, query_terms, search_text_for


def found(stored: str, query: str) -> bool:
    keys = search_text_for(spellings=[[stored]])
    return all(any(text in keys for text in clause) for clause in query_clauses(query_terms(query)))


ABDUL_RAHMAN = [
    "Abdurrahman",
    "Abdul Rahman",
    "Abdulrahman",
    "Abdul-Rahman",
    "Abd al-Rahman",
    "Abd ar-Rahman",
    "Abdel Rahman",
    "Abd El Rahman",
    "Abdur Rahman",
    "عبدالرحمن",
    "عبد الرحمن",
    "Абдурахман",
]
WAFIULLAH = ["Wafiullah", "Wafi Ullah", "Wafi-ullah", "Wafi Allah", "Wafiulla", "وفی الله", "وفیالله"]
ABDUSSALAM = ["Abdussalam", "Abdul Salam", "Abd al-Salam", "Abd as-Salam", "عبدالسلام", "عبد السلام"]
# Not in the variant table: found by the sound key alone.
ABDUL_WAHAB = ["Abdulwahab", "Abdul Wahab", "Abd al-Wahhab", "عبدالوهاب", "عبد الوهاب"]
RAHMATULLAH = ["Rahmatullah", "Rahmat Ullah", "رحمت الله", "رحمتالله", "Rahmat Allah", "Rahmatollah"]
# Names of two words the variant table knows, written joined.
MOHAMMAD_ZAMAN = ["Mohammadzaman", "Mohammad Zaman", "محمد زمان", "محمدزمان"]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        (stored, query)
        for spellings in (ABDUL_RAHMAN, WAFIULLAH, ABDUSSALAM, ABDUL_WAHAB, RAHMATULLAH, MOHAMMAD_ZAMAN)
        for stored in spellings
        for query in spellings
    ],
)
def test_a_compound_is_found_however_it_was_split_or_joined(stored, query):
    assert found(stored, query)


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Abdul Rahman Khan", "Abdurrahman"),
        ("Abdurrahman Khan", "Abdul Rahman Khan"),
        ("Wafi Ullah Jan", "Wafiullah"),
        ("Gulahmad", "Gul Ahmad"),
    ],
)
def test_a_compound_inside_a_longer_name_part_is_found(stored, query):
    assert found(stored, query)


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Abdul Ali", "Abdullah"),
        ("Abdullah", "Abdul Ali"),
        ("Abdul Hadi", "Abdul Ahad"),
        ("Abdul Ahad", "Abdulhadi"),
        ("Abdul Rahim", "Abdurrahman"),
        ("Abdurrahman", "Abdul Rahim"),
        ("Mahmood", "Mohammad"),
        ("Mahmoodzaman", "Mohammad Zaman"),
    ],
)
def test_different_names_stay_apart(stored, query):
    assert not found(stored, query)


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        ("Abdurrahman", True),
        ("Abdul Rahman", True),
        ("عبدالرحمن", True),
        ("Wafiullah", True),
        ("وفی الله", True),
        ("Nasrollah", True),
        ("Abdul", False),
        ("Abdo", False),
        ("Mulla", False),
        ("Allah", False),
        ("Jamila", False),
        ("Mohammad Zaman", False),
    ],
)
def test_abd_and_ullah_compounds_are_recognised(text, compound):
    assert is_compound(text) is compound


@pytest.mark.parametrize(
    ("words", "runs"),
    [
        (["abdul", "rahman"], [(0, 2)]),
        (["abd", "al", "rahman", "karimi"], [(0, 3)]),
        (["عبد", "الرحمن"], [(0, 2)]),
        (["wafi", "ullah", "khan"], [(0, 2)]),
        (["karimi", "abdur", "rahman"], [(1, 3)]),
        (["mohammad", "karimi"], []),
        (["abdul"], []),
    ],
)
def test_runs_of_words_that_may_be_one_compound(words, runs):
    assert compound_runs(words) == runs


def test_the_variant_tables_key_ignores_spaces():
    assert table_key("عبد الرحمن") == table_key("عبدالرحمن") == "~=عبدالرحمن~"
    assert "~=عبدالرحمن~" in sound_keys("Abdel Rahman")
    assert "~=عبدالرحمن~" in sound_keys("Abdurrahman")


NAMES_AFTER_ABD = [
    "rahman",
    "rahim",
    "karim",
    "salam",
    "wahid",
    "ghani",
    "hamid",
    "jabbar",
    "sattar",
    "qadir",
]
PREFIXES = [
    "abd",
    "abdu",
    "abdul",
    "abdel",
    "abdol",
    "abdal",
    "abd al ",
    "abd el ",
    "abd-ul-",
    "abdul ",
    "abdel-",
]


@given(
    name=st.sampled_from(NAMES_AFTER_ABD),
    prefix=st.sampled_from(PREFIXES),
    capitalised=st.booleans(),
)
def test_abd_compounds_share_a_sound_key_whatever_the_prefix(name, prefix, capitalised):
    spelling = prefix + name
    if capitalised:
        spelling = spelling.title()

    assert sound_key(spelling) == sound_key("Abdul " + name)


@given(name=st.sampled_from(NAMES_AFTER_ABD), vowel=st.sampled_from("aiu"))
def test_a_sun_letter_article_assimilated_into_a_doubled_letter_keys_alike(name, vowel):
    # Abdur-Rahman, Abdus-Salam, Abdush-Shakur: the article's l becomes the name's first letter.
    first = "sh" if name.startswith("sh") else name[0]
    assert sound_key(f"abd{vowel}{first}{name}") == sound_key(f"abdul {name}")


STEMS_BEFORE_ULLAH = ["wafi", "rahmat", "najib", "habib", "aziz", "sami", "zabih", "hekmat", "atiq", "ruh"]
ULLAH = ["ullah", " ullah", "-ullah", " allah", "ulla", "ollah", "olah", " ulla"]


@given(stem=st.sampled_from(STEMS_BEFORE_ULLAH), ending=st.sampled_from(ULLAH), other=st.sampled_from(ULLAH))
def test_ullah_compounds_are_found_joined_or_apart(stem, ending, other):
    assert found(stem + ending, stem + other)
