import pytest
from hypothesis import given
from hypothesis import strategies as st

from names.normalise import digits_key, document_number_key, name_key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("محمد", "محمد"),
        ("مُحَمَّد", "محمد"),  # harakat dropped
        ("محـــمد", "محمد"),  # tatweel dropped
        ("علي", "علی"),  # Arabic yeh → Persian yeh
        ("كريمي", "کریمی"),  # Arabic kaf → Persian kaf
        ("فاطمة", "فاطمه"),  # teh marbuta → heh
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهیم"),
        ("آمنه", "امنه"),
        ("عبدالله\u200cزاده", "عبداللهزاده"),  # zero-width non-joiner dropped
        ("Hüseynov", "huseynov"),
        ("Əliyev", "eliyev"),
        ("Abdul-Rahman", "abdul rahman"),
        ("  Mohammad   Zaman ", "mohammad zaman"),
        ("ГУСЕЙНОВ", "гусеинов"),
        ("۱۴۰۲", "1402"),
        ("١٤٠٢", "1402"),
        ("", ""),
    ],
)
def test_name_key_folds_what_people_type_differently(typed, key):
    assert name_key(typed) == key


@given(st.text())
def test_name_key_is_idempotent(text):
    assert name_key(name_key(text)) == name_key(text)


@given(st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ -+()", max_size=30))
def test_digits_key_keeps_only_ascii_digits_in_order(text):
    key = digits_key(text)
    assert key.isdigit() or key == ""
    assert len(key) == sum(char.isdigit() for char in text)


@pytest.mark.parametrize(
    ("typed", "key"),
    [("p 123-45", "P12345"), ("۱۴۰۰-۰۱۰۱-۱۲۳۴۵", "1400010112345"), ("ab.12/3", "AB123")],
)
def test_document_number_key_ignores_spacing_case_and_digit_script(typed, key):
    assert document_number_key(typed) == key
