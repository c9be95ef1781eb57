import re

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory

MONTH_URL = reverse("calendars:month")


def day_values(html: str) -> list[str]:
    return re.findall(r'class="btn btn-sm date-picker-day[^"]*" data-date="([^"]+)"', html)


def weekday_headers(html: str) -> list[str]:
    return re.findall(r'<span class="visually-hidden">([^<]+)</span></th>', html)


@pytest.fixture
def dari_reader(client, office):
    user = UserFactory(
        username="dari",
        organisation=office.organisation,
        office=office,
        language="fa-af",
        calendar="solar_hijri_afghan",
    )
    client.force_login(user)
    return client


@pytest.fixture
def english_reader(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.parametrize(
    ("month", "title", "last_day"), [("1403-12", "حوت ۱۴۰۳", "۳۰"), ("1402-12", "حوت ۱۴۰۲", "۲۹")]
)
def test_a_solar_hijri_month_has_its_days_in_dari_saturday_first(dari_reader, month, title, last_day):
    response = dari_reader.get(MONTH_URL, {"month": month})

    html = response.content.decode()
    assert response.status_code == 200
    assert title in html
    days = day_values(html)
    assert len(days) == int(last_day.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
    assert days[-1] == f"{title.split()[1]}/۱۲/{last_day}"
    assert weekday_headers(html) == ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]
    # Whoever must match a Gregorian document sees which Gregorian months these are.
    assert "فبروری" in html


def test_a_gregorian_month_in_english_starts_on_monday(english_reader):
    response = english_reader.get(MONTH_URL, {"month": "2024-02"})

    html = response.content.decode()
    assert "Feb 2024" in html
    assert day_values(html) == [f"2024-02-{day:02d}" for day in range(1, 30)]
    assert weekday_headers(html)[0] == "Monday"
    assert 'aria-label="29 Feb 2024"' in html


def test_the_month_of_the_typed_date_opens_with_that_day_chosen(dari_reader):
    response = dari_reader.get(MONTH_URL, {"value": "2023-10-07"})

    html = response.content.decode()
    assert "میزان ۱۴۰۲" in html
    chosen = re.search(r"<button[^>]*btn-homeward[^>]*>", html).group(0)
    assert 'data-date="۱۴۰۲/۰۷/۱۵"' in chosen
    assert 'tabindex="0"' in chosen
    assert html.count('tabindex="0"') == 1
    # Its neighbours are a click away, with the typed date still marked.
    assert "month=1402-06&amp;value=2023-10-07" in html
    assert "month=1402-08&amp;value=2023-10-07" in html


def test_an_unreadable_typed_date_opens_this_month(english_reader):
    response = english_reader.get(MONTH_URL, {"value": "yesterday"})

    assert response.status_code == 200
    assert 'aria-current="date"' in response.content.decode()


@pytest.mark.parametrize(
    ("month", "reason"),
    [
        ("2023-13", "Month 2023-13 is outside the years 1800–2199."),
        ("9999-01", "Month 9999-01 is outside the years 1800–2199."),
        ("1402-07", "Month 1402-07 is outside the years 1800–2199."),
        ("soon", "Write the month as YYYY-MM"),
        ("2023-10-07", "Write the month as YYYY-MM"),
    ],
)
def test_a_month_outside_the_calendar_is_refused_with_a_reason(english_reader, month, reason):
    response = english_reader.get(MONTH_URL, {"month": month})

    assert response.status_code == 400
    assert reason in response.content.decode()


def test_the_first_and_last_months_have_no_way_further(dari_reader):
    first = dari_reader.get(MONTH_URL, {"month": "1300-01"}).content.decode()
    last = dari_reader.get(MONTH_URL, {"month": "1499-12"}).content.decode()

    assert 'data-nav="previous"' not in first
    assert 'data-nav="next"' in first
    assert 'data-nav="next"' not in last


def test_visitors_are_sent_to_sign_in(client, db):
    response = client.get(MONTH_URL, {"month": "1402-07"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def year_options(html: str) -> list[tuple[str, str, bool]]:
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]+)"( selected)?>([^<]+)</option>', html
        )
    ]


@pytest.mark.parametrize(
    ("value", "title"),
    [("۱۳۶۴", "حمل ۱۳۶۴"), ("1364/7", "میزان ۱۳۶۴"), ("1985", "جدی ۱۳۶۳")],
)
def test_a_date_of_birth_known_to_the_year_or_month_opens_there_with_no_day_chosen(dari_reader, value, title):
    html = dari_reader.get(MONTH_URL, {"value": value}).content.decode()

    assert title in html
    assert "btn-homeward" not in html
    assert html.count('tabindex="0"') == 1  # the first day takes the focus


def test_the_year_list_jumps_to_the_same_month_of_another_year(dari_reader):
    html = dari_reader.get(MONTH_URL, {"month": "1364-07", "value": "۱۳۶۴"}).content.decode()

    years = year_options(html)
    assert ("1364-07", "۱۳۶۴", True) in years
    assert [selected for _value, _label, selected in years].count(True) == 1
    assert years == sorted(years, reverse=True)
    # A lifetime back for a date of birth, some years ahead for an expiry date.
    assert ("1284-07", "۱۲۸۴", False) not in years  # before the years the parser reads
    assert len(years) > 100
    assert "value=%DB%B1%DB%B3%DB%B6%DB%B4" in html


def test_a_year_outside_the_list_is_offered_when_it_is_the_shown_one(english_reader):
    years = year_options(english_reader.get(MONTH_URL, {"month": "1850-03"}).content.decode())

    assert ("1850-03", "1850", True) in years


# Saturday comes first where the week starts on it. Pashto, as written in Afghanistan, uses the
# Persian-derived names (شنبه … جمعه); Arabic writes الاثنين with a connecting alif, as CLDR does.
@pytest.mark.parametrize(
    ("language", "calendar", "full", "short"),
    [
        (
            "ps",
            "solar_hijri_afghan",
            ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"],
            ["ش", "ی", "د", "س", "چ", "پ", "ج"],
        ),
        (
            "ar",
            "gregorian",
            ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"],
            ["س", "ح", "ن", "ث", "ر", "خ", "ج"],
        ),
    ],
)
def test_weekday_names_in_pashto_and_arabic_head_the_right_columns(
    client, office, language, calendar, full, short
):
    user = UserFactory(
        username=language,
        organisation=office.organisation,
        office=office,
        language=language,
        calendar=calendar,
    )
    client.force_login(user)

    # 7 October 2023 (15 Mizan 1402) was a Saturday: its day sits in the column headed Saturday.
    html = client.get(MONTH_URL, {"value": "2023-10-07"}).content.decode()

    assert weekday_headers(html) == full
    assert re.findall(r'<span aria-hidden="true">([^<]+)</span><span class="visually-hidden">', html) == short
    row = next(row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "btn-homeward" in row)
    assert row.split("btn-homeward")[0].count("<td") == 1
