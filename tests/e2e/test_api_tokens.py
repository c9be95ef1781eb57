"""An API token in a real browser: made in the profile, shown once, accepted by the API; and the
API's docs page runs under our CSP without a single violation."""

from playwright.sync_api import Page, expect


def test_make_a_token_see_it_once_use_it_and_read_the_api_docs(signed_in_page: Page, live_server):
    page = signed_in_page
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console_errors.append(f"pageerror: {error}"))

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "button", name="Farid Ahmadzai"
    ).click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    page.get_by_role("link", name="New token").click()
    page.get_by_label("Name").fill("nightly export")
    page.get_by_role("button", name="Create the token").click()

    key = page.get_by_label("Key of “nightly export”").input_value()
    assert key.startswith("hw_")
    expect(page.get_by_text("It will not be shown again")).to_be_visible()
    page.get_by_role("link", name="Done").click()
    expect(page.get_by_role("cell", name="nightly export", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name=f"{key[:10]}…")).to_be_visible()
    assert key not in page.content()

    answer = page.request.get(f"{live_server.url}/api/v1/people/", headers={"Authorization": f"Token {key}"})
    assert answer.status == 200
    refused = page.request.get(
        f"{live_server.url}/api/v1/people/", headers={"Authorization": "Token hw_wrong"}
    )
    assert refused.status == 401

    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_role("heading", name="Homeward API")).to_be_visible()
    expect(page.get_by_text("/api/v1/people/", exact=True).first).to_be_visible()
    page.get_by_text("/api/v1/people/", exact=True).first.click()
    expect(page.get_by_text("Search: every word must match").first).to_be_visible()
    assert [error for error in console_errors if "Content Security Policy" in error] == []
    assert [error for error in console_errors if error.startswith(("error", "pageerror"))] == []
