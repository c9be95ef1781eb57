"""Writing sensitive notes: only in a category the writer is cleared for, about a person of
their own organisation they may see; audited (the category, never the text)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access import policy
from audit import services as audit
from people.models import Person
from protection.models import SensitiveNote


def can_write(actor, person: Person) -> bool:
    return (
        policy.may(actor, "sensitive.write")
        and bool(policy.sensitive_categories_for(actor))
        and (getattr(actor, "is_superuser", False) or person.organisation_id == actor.organisation_id)
    )


@transaction.atomic
def sensitive_note_create(*, actor, person: Person, category: str, text: str) -> SensitiveNote:
    if not can_write(actor, person):
        raise PermissionDenied
    if category not in policy.sensitive_categories_for(actor):
        raise ValidationError({"category": _("You are not cleared for this category.")}, code="category")
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")}, code="text")
    note = SensitiveNote.objects.create(
        person=person, category=category, text=text, created_by=actor, updated_by=actor
    )
    audit.record(
        actor=actor,
        action="sensitive_note.created",
        target=note,
        details={"person": person.pk, "category": category},
    )
    return note
