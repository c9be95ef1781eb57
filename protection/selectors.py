"""Reads of sensitive notes: only the categories the reader is cleared for, and each listing is
recorded in the audit trail."""

from access import policy
from audit import services as audit
from people.models import Person
from protection.models import SensitiveNote


def person_sensitive_notes(*, actor, person: Person) -> list[SensitiveNote]:
    """The notes about ``person`` in the categories the actor may read (none for anyone else, not
    even whether others exist). Listing any records one "sensitive_note.read" event."""
    if not policy.sensitive_categories_for(actor):
        return []
    notes = list(policy.sensitive_notes_visible_to(actor).filter(person=person).select_related("created_by"))
    if notes:
        audit.record(
            actor=actor,
            action="sensitive_note.read",
            target=person,
            details={"notes": [note.pk for note in notes]},
        )
    return notes
