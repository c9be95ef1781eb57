"""Screenshots of the main pages for the README: `python scripts/screenshots.py [BASE_URL]`.

Needs a running server with the demo data and Debian's chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{BASE}/accounts/login/")
        page.screenshot(path=OUT / "sign-in.png")
        page.get_by_label("Username").fill("clerk")
        page.get_by_label("Password").fill("homeward-clerk-demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{BASE}/")
        page.screenshot(path=OUT / "home.png")
        page.goto(f"{BASE}/arrivals/new/")
        page.get_by_role("button", name="Add a member").click()
        page.locator("#member-1").wait_for()
        page.screenshot(path=OUT / "register-arrival.png", full_page=True)
        page.goto(f"{BASE}/people/?q=محمد")
        page.screenshot(path=OUT / "search.png")
        page.locator("table a").first.click()
        page.wait_for_load_state()
        page.screenshot(path=OUT / "person.png", full_page=True)
        page.get_by_role("link", name="HH-").first.click()
        page.wait_for_load_state()
        page.screenshot(path=OUT / "household.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
