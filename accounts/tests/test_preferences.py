import pytest
from django.urls import reverse

from people.tests.factories import PersonFactory


def test_a_user_chooses_language_calendar_and_digits(client, officer):
    client.force_login(officer)

    response = client.post(
        reverse("accounts:preferences"),
        {"language": "fa-af", "calendar": "solar_hijri_afghan", "digits": "latin"},
    )

    officer.refresh_from_db()
    assert response.status_code == 302
    assert (officer.language, officer.calendar, officer.digits) == ("fa-af", "solar_hijri_afghan", "latin")


def test_pages_follow_the_users_language_whatever_the_browser_says(client, officer):
    officer.language = "ps"
    officer.save()
    client.force_login(officer)

    response = client.get(reverse("core:home"), headers={"accept-language": "en"})

    assert '<html lang="ps" dir="rtl">' in response.content.decode()


def test_dates_on_a_persons_file_follow_the_users_calendar(client, officer):
    import datetime

    person = PersonFactory(
        organisation=officer.organisation, birth_on=datetime.date(1985, 10, 7), birth_precision="day"
    )
    officer.calendar, officer.digits = "solar_hijri_afghan", "latin"
    officer.save()
    client.force_login(officer)

    assert "15 Mizan 1364" in client.get(person.get_absolute_url()).content.decode()


def test_the_language_menu_remembers_the_choice_for_a_signed_in_user(client, officer):
    client.force_login(officer)

    client.post(reverse("accounts:language"), {"language": "ar", "next": "/"})

    officer.refresh_from_db()
    assert officer.language == "ar"


@pytest.mark.parametrize("language", ["fa-af", "ru"])
def test_a_visitor_can_switch_language_before_signing_in(client, db, language):
    client.post(reverse("accounts:language"), {"language": language, "next": "/accounts/login/"})

    assert f'<html lang="{language}"' in client.get(reverse("accounts:login")).content.decode()
