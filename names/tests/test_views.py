from django.urls import reverse


def test_suggests_latin_for_a_dari_name(client, officer):
    client.force_login(officer)

    response = client.get(reverse("names:spelling-suggest"), {"text": "وفی الله"})

    assert response.json() == {"latin": "Wafiullah", "cyrillic": ""}


def test_suggests_cyrillic_for_an_azerbaijani_name(client, officer):
    client.force_login(officer)

    response = client.get(reverse("names:spelling-suggest"), {"text": "Hüseynov"})

    assert response.json()["cyrillic"] == "Гусейнов"
