from django.urls import reverse

from people import selectors
from people.models import NameSpelling
from people.tests.factories import PersonFactory


def test_a_spelling_added_to_the_file_makes_the_person_findable_by_it(client, officer):
    person = PersonFactory(organisation=officer.organisation)
    client.force_login(officer)

    response = client.post(
        reverse("people:person-spelling-add", args=[person.pk]),
        {"given_name_latin": "Muhammad", "father_name_latin": "Ahmed", "source": "IOM reception list"},
    )

    assert response.status_code == 302
    assert [p.pk for p in selectors.person_search(actor=officer, query="Muhammad Ahmed").people] == [
        person.pk
    ]
    assert "IOM reception list" in client.get(person.get_absolute_url()).content.decode()


def test_an_empty_spelling_is_refused(client, officer):
    person = PersonFactory(organisation=officer.organisation)
    client.force_login(officer)

    response = client.post(reverse("people:person-spelling-add", args=[person.pk]), {"source": "passport"})

    assert response.status_code == 422
    assert "at least one part" in response.content.decode()
    assert NameSpelling.objects.count() == 0


def test_another_organisation_cannot_add_a_spelling(client, officer, caseworker_elsewhere):
    person = PersonFactory(organisation=officer.organisation)
    client.force_login(caseworker_elsewhere)

    response = client.post(reverse("people:person-spelling-add", args=[person.pk]), {"given_name_latin": "X"})

    assert response.status_code == 404
    assert NameSpelling.objects.count() == 0
