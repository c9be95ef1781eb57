"""The OpenAPI schema and the docs page, which must work under our CSP (no inline script or style)."""

import re

from django.urls import reverse


def test_the_schema_is_openapi_3_with_every_resource(client, db):
    response = client.get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/households/",
        "/api/v1/return-events/",
        "/api/v1/documents/",
        "/api/v1/countries/",
        "/api/v1/admin-areas/",
        "/api/v1/border-crossings/",
        "/api/v1/return-types/",
        "/api/v1/document-types/",
        "/api/v1/relationships/",
        "/api/v1/transport-means/",
    } <= set(schema["paths"])
    assert "search_text" not in response.content.decode()
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_loads_its_scripts_from_files_only(client, db):
    page = client.get(reverse("api:docs"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "<style" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "cdn" not in html
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in src for src in sources)
    init = client.get(sources[-1].replace("&amp;", "&"))
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in init.content.decode()
