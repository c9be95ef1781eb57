"""Pulling submissions from a KoBoToolbox server's API (``/api/v2/assets/<uid>/data.json``).

The API pages its answer (``results`` and a ``next`` URL); all pages are saved as one JSON list,
which then imports like a KoBo JSON export.
"""

import json
import urllib.error
import urllib.request
from pathlib import Path

from django.utils.translation import gettext as _

from exchange.importing.files import FileError

_PAGES_MAX = 10_000
_TIMEOUT_SECONDS = 60


def _page(url: str, token: str | None) -> dict:
    if not url.startswith(("http://", "https://")):
        raise FileError(_("The KoBo server sent a link that is not http(s): %(url)s") % {"url": url})
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 -- checked above
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            raise FileError(
                _("The KoBo server refused the token (HTTP %(code)d).") % {"code": error.code}
            ) from error
        raise FileError(
            _("The KoBo server answered HTTP %(code)d for %(url)s.") % {"code": error.code, "url": url}
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FileError(_("The KoBo server cannot be reached: %(error)s") % {"error": error}) from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FileError(_("The KoBo server's answer is not JSON: %(error)s") % {"error": error}) from error


def submissions_download(url: str, *, token: str | None, into: Path) -> Path:
    submissions: list = []
    next_url: str | None = url
    for _page_number in range(_PAGES_MAX):
        if not next_url:
            break
        page = _page(next_url, token)
        if isinstance(page, list):
            submissions.extend(page)
            break
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise FileError(_("The KoBo server's answer has no list of results."))
        submissions.extend(page["results"])
        next_url = page.get("next")
    into.write_text(json.dumps(submissions, ensure_ascii=False), encoding="utf-8")
    return into
