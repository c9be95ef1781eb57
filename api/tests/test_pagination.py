"""Cursor pages: no counts, newest first, every record once, and the search pages the same way."""

import pytest

from people import selectors as people_selectors
from people.tests.factories import PersonFactory


@pytest.fixture
def people(officer) -> list[int]:
    """Five people of the officer's organisation, newest first."""
    made = [PersonFactory(organisation=officer.organisation).pk for _ in range(5)]
    return sorted(made, reverse=True)


def _walk(api, url, params) -> tuple[list[list[int]], dict]:
    """Follow `next` links to the end; returns the ids of each page and the last page's body."""
    pages, body = [], api.get(url, params).json()
    pages.append([item["id"] for item in body["results"]])
    while body["next"]:
        body = api.get(body["next"]).json()
        pages.append([item["id"] for item in body["results"]])
    return pages, body


def test_pages_go_newest_first_and_show_everyone_once(api, people):
    pages, last = _walk(api, "/api/v1/people/", {"page_size": 2})

    assert pages == [people[0:2], people[2:4], people[4:5]]
    assert set(last) == {"next", "previous", "results"}


def test_a_previous_link_goes_back(api, people):
    first = api.get("/api/v1/people/", {"page_size": 2}).json()
    second = api.get(first["next"]).json()

    back = api.get(second["previous"]).json()

    assert [item["id"] for item in back["results"]] == people[0:2]


def test_ordering_by_id_goes_oldest_first(api, people):
    pages, _last = _walk(api, "/api/v1/people/", {"page_size": 2, "ordering": "id"})

    assert pages == [people[::-1][0:2], people[::-1][2:4], people[::-1][4:5]]


def test_search_results_page_the_same_way(api, people):
    pages, last = _walk(api, "/api/v1/people/", {"page_size": 2, "q": "Mohammad"})

    assert pages == [people[0:2], people[2:4], people[4:5]]
    assert last["previous"] is None


@pytest.fixture
def scattered_women(officer) -> list[int]:
    """Nine people, every third a woman: the women's ids, newest first."""
    sexes = ["M", "M", "F"] * 3
    made = [PersonFactory(organisation=officer.organisation, sex=sex) for sex in sexes]
    return sorted((person.pk for person in made if person.sex == "F"), reverse=True)


def test_a_search_whose_hits_are_mostly_filtered_out_still_reaches_every_match(
    api, scattered_women, monkeypatch
):
    # SQLite reads the index in rounds of candidates; make the rounds tiny so that pages come up
    # short and the next link has to carry on below the candidates already read.
    monkeypatch.setattr(people_selectors, "_CANDIDATE_BATCH", 2)
    monkeypatch.setattr(people_selectors, "_MAX_ROUNDS", 1)

    pages, _last = _walk(api, "/api/v1/people/", {"page_size": 2, "q": "Mohammad", "sex": "F"})

    assert [pk for page in pages for pk in page] == scattered_women


@pytest.mark.parametrize("cursor", ["garbage", "cD1hYmM=", "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ=="])
def test_a_cursor_not_made_here_is_400_naming_it(api, people, cursor):
    response = api.get("/api/v1/people/", {"cursor": cursor})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["cursor"]


def test_page_size_is_capped(api, people):
    response = api.get("/api/v1/people/", {"page_size": 100000})

    assert len(response.json()["results"]) == 5
