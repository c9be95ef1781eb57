"""Recording what people do with the records. Callers run inside their own transaction."""

from django.db import models

from audit.models import AuditEvent


def _target_type(target: models.Model) -> str:
    return target._meta.label_lower


def record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    details: dict | None = None,
    target_type: str = "",
) -> AuditEvent:
    """Record a write (``action`` like ``household.registered``) done by ``actor`` to ``target``.

    An action on many records at once (an export) names their ``target_type`` (``people.person``)
    instead of one ``target``. The command line (no ``pk``) is recorded with no actor.
    """
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=_target_type(target) if target is not None else target_type,
        target_id=target.pk if target is not None else None,
        details=details or {},
    )


def record_read(*, actor, target: models.Model) -> AuditEvent:
    """Record that ``actor`` opened ``target``'s file."""
    return record(actor=actor, action="read", target=target)
