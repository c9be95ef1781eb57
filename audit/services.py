"""Recording what people do with the records. Callers run inside their own transaction."""

from django.db import models

from audit.models import AuditEvent


def _target_type(target: models.Model) -> str:
    return target._meta.label_lower


def record(*, actor, action: str, target: models.Model, details: dict | None = None) -> AuditEvent:
    """Record a write (``action`` like ``household.registered``) done by ``actor`` to ``target``."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=_target_type(target),
        target_id=target.pk,
        details=details or {},
    )


def record_read(*, actor, target: models.Model) -> AuditEvent:
    """Record that ``actor`` opened ``target``'s file."""
    return record(actor=actor, action="read", target=target)
