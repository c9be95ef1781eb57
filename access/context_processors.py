"""``may`` in every template: ``{% if may.export %}`` asks access/policy.py, like views do."""

from access import policy

# Template-friendly names: "access_history.view" is ``may.access_history_view``.
_ACTIONS = {action.replace(".", "_"): action for action in policy.ALLOWED}


class _May:
    def __init__(self, user):
        self._user = user

    def __getitem__(self, name: str) -> bool:
        if name not in _ACTIONS:
            raise KeyError(name)
        return policy.may(self._user, _ACTIONS[name])


def may(request) -> dict:
    return {"may": _May(request.user)}
