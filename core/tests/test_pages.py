import pytest
from django.urls import reverse


def test_health_check_answers_without_signing_in(client, db):
    response = client.get(reverse("core:health"))

    assert response.json() == {"status": "ok"}


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("accounts:login"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("en", "ltr"),
        ("fa-af", "rtl"),
        ("ps", "rtl"),
        ("fa", "rtl"),
        ("ar", "rtl"),
        ("ru", "ltr"),
        ("az", "ltr"),
    ],
)
def test_html_element_carries_language_and_direction(client, db, language, direction):
    response = client.get(reverse("accounts:login"), headers={"accept-language": language})

    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_right_to_left_pages_use_bootstraps_rtl_build(client, db):
    response = client.get(reverse("accounts:login"), headers={"accept-language": "fa-af"})

    assert "bootstrap.rtl.min.css" in response.content.decode()


def test_every_language_is_offered_in_its_own_name(client, officer):
    client.force_login(officer)

    content = client.get(reverse("core:home")).content.decode()

    for name in ("English", "دری", "پښتو", "فارسی", "العربيّة", "Русский", "Azərbaycanca"):
        assert name in content
