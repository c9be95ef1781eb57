from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event through the application."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("the audit trail cannot be changed")

    def delete(self):
        raise AppendOnlyError("the audit trail cannot be deleted")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("the audit trail cannot be changed")


class AuditEvent(models.Model):
    """One thing a person did to, or read from, the records. Append-only: the application refuses
    to change or delete it, and database triggers refuse it too (see the migrations)."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    # The username at the time (kept even if the account is renamed; "command-line" for the CLI).
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    # The organisation whose records were touched: what an auditor of that organisation reads.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # audit_organisation_idx (organisation, at) serves it: one index less per event
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=60)
    target_type = models.CharField(_("target type"), max_length=60)
    target_id = models.BigIntegerField(_("target id"), null=True)
    # The person concerned (the person, or whose document, household or note it was): a person's
    # access history reads this.
    person_id = models.BigIntegerField(_("person"), null=True, blank=True)
    # Free-form facts; a change carries {"changes": {field: [before, after]}}.
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["person_id", "at"], name="audit_person_idx"),
            models.Index(fields=["organisation", "at"], name="audit_organisation_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("the audit trail cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the audit trail cannot be deleted")

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) of a change, in field order."""
        found = (self.details or {}).get("changes") or {}
        return [
            (name, *pair)
            for name, pair in sorted(found.items())
            if isinstance(pair, list | tuple) and len(pair) == 2
        ]

    @property
    def other_details(self) -> list[tuple[str, object]]:
        """The details besides the changes, as (key, value)."""
        return sorted((key, value) for key, value in (self.details or {}).items() if key != "changes")
