from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_a_locked_database_answers_503_with_a_page_not_a_server_error(client, officer):
    client.force_login(officer)

    with mock.patch("core.views.render", side_effect=OperationalError("database is locked")):
        response = client.get(reverse("core:home"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The database is busy" in response.content.decode()
