"""Reading values from query strings and forms without ever raising on what users type."""

MAX_ID = 2**63 - 1


def parse_id(value: str | None) -> int | None:
    """A record id, or None for anything that is not one (letters, negatives, absurdly large)."""
    if value and value.isascii() and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return None
