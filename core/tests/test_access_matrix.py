"""The role × action matrix: every named URL of our apps, and what each actor gets from it.

Rows live next to the views they describe, in ``<app>/tests/access_rows.py``:
``ROWS = {"ns:url-name": (kwargs, expected)}``, where ``kwargs`` maps a URL kwarg to a ``world``
attribute name (core/tests/access_world.py), a literal value (a code such as "AF"), or a callable
``lambda world: value`` that makes its own record; ``expected`` maps every actor to the status of
a GET (200, 302, 401, 403, 404, 405, or "login" = redirected to sign in).

The apps are discovered from the URL namespaces (Django's admin site aside), so a page added
later fails here until its app says who may open it.

The rules the rows follow (access/policy.py): a record the actor may not see is 404, never 403; a
page of personal data (or an action) the actor's role may not use is 403; a visitor is sent to
sign in, or gets 401 from the API.
"""

import importlib

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import get_resolver, reverse

from accounts.tests.helpers import sign_in
from core.tests.access_world import ACTORS, World

NOT_OURS = {"admin"}
STATUSES = {200, 302, 401, 403, 404, 405, "login"}


def _namespaces() -> dict[str, str]:
    """Namespace → the app whose urls.py declares it."""
    found = {}
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        if namespace in NOT_OURS:
            continue
        module = resolver.urlconf_name
        module_name = module if isinstance(module, str) else module.__name__
        found[namespace] = module_name.split(".")[0]
    return found


def our_url_names() -> set[str]:
    names = set()
    resolver = get_resolver()
    for namespace in _namespaces():
        _prefix, sub = resolver.namespace_dict[namespace]
        names |= {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    return names


def _rows_of(app: str) -> dict:
    try:
        module = importlib.import_module(f"{app}.tests.access_rows")
    except ModuleNotFoundError as error:
        if error.name not in (f"{app}.tests.access_rows", f"{app}.tests"):
            raise
        return {}
    return module.ROWS


def all_rows() -> dict:
    rows = {}
    for app in sorted(set(_namespaces().values())):
        rows.update(_rows_of(app))
    return rows


ROWS = all_rows()


@pytest.mark.parametrize("namespace", sorted(_namespaces()))
def test_every_app_gives_its_rows(namespace):
    app = _namespaces()[namespace]
    assert _rows_of(app), f"{app}/tests/access_rows.py is missing: say who may open {namespace}'s pages"


def test_every_url_has_a_row_and_every_row_a_url():
    names = our_url_names()
    assert sorted(names - set(ROWS)) == [], "URLs without a row in <app>/tests/access_rows.py"
    assert sorted(set(ROWS) - names) == [], "rows for URLs that do not exist"


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_every_row_names_every_actor_once(url_name):
    _kwargs, expected = ROWS[url_name]
    assert set(expected) == set(ACTORS)
    assert set(expected.values()) <= STATUSES


def _kwargs(world: World, spec: dict) -> dict:
    values = {}
    for key, value in spec.items():
        if callable(value):
            values[key] = value(world)
        elif isinstance(value, str) and value in world.values:
            values[key] = world.values[value]
        else:
            values[key] = value
    return values


def _status(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return "login"
    return response.status_code


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_each_actor_gets_the_expected_status(world, url_name):
    spec, expected = ROWS[url_name]
    url = reverse(url_name, kwargs=_kwargs(world, spec))
    got = {}
    for actor in ACTORS:
        client = Client()
        if actor != "anonymous":
            sign_in(client, world.users[actor])
        got[actor] = _status(client.get(url))
    wrong = {
        actor: f"got {got[actor]}, expected {expected[actor]}"
        for actor in ACTORS
        if got[actor] != expected[actor]
    }
    assert not wrong, f"{url_name}: {wrong}"


PERSONAL_DATA_APPS = {"people", "consent", "protection", "audit"}


def test_the_admin_site_changes_no_personal_data():
    """Personal data is reached through the app, where scope and audit apply: the admin site
    registers no model of those apps, or only read-only."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = AnonymousUser()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PERSONAL_DATA_APPS:
            continue
        request.user = type(
            "Superuser",
            (),
            {"is_active": True, "is_superuser": True, "is_staff": True, "has_perm": lambda *a: True, "pk": 1},
        )()
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
