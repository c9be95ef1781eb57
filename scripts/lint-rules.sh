#!/usr/bin/env bash
# Our own rules (STYLE.md): things ruff cannot see.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
fail() { echo "lint: $1" >&2; status=1; }

personal='(Person|Household|HouseholdMembership|ReturnEvent|ReturnEventPerson|IdentityDocument|Phone|NameSpelling)\.objects'
if hits=$(grep -rnE "$personal" --include=views.py --include='*.py' */views.py */templatetags */management 2>/dev/null); then
  [ -n "$hits" ] && fail "personal data read outside selectors/services/policy:"$'\n'"$hits"
fi
if hits=$(grep -rn "os\.environ" --include='*.py' . | grep -v -e '^./.venv' -e '^./homeward/settings' -e '^./homeward/cli.py' -e '^./homeward/wsgi.py' -e '^./manage.py' -e '^./bench/' -e '^./scripts/' -e '^./var/' -e '^./core/tests/test_security_settings.py'); then
  # (that test starts the command under production settings with a cleaned copy of the environment)
  fail "os.environ read outside homeward/settings.py:"$'\n'"$hits"
fi
if hits=$(grep -rnE '<script>|<script [^>]*>[^<]|\son[a-z]+=' --include='*.html' templates */templates); then
  fail "inline script or on* handler in a template (the CSP forbids them):"$'\n'"$hits"
fi
if hits=$(grep -rnE '(margin|padding)-(left|right)|(^|[^-])(left|right):' static/css 2>/dev/null); then
  fail "left/right in our CSS: use logical properties:"$'\n'"$hits"
fi
if hits=$(grep -rnE '(placeholder|title|aria-label)="[A-Za-z][^"{]*"' --include='*.html' templates */templates); then
  fail "untranslated placeholder/title/aria-label:"$'\n'"$hits"
fi
exit $status
