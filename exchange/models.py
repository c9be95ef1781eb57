"""What the data exchange remembers: whose key each imported record had, and every import run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKey(models.Model):
    """A record's key in another system (a spreadsheet's ``record_id``, a KoBo submission), so that
    importing the same record from the same source again updates it instead of duplicating it.

    UUID keys need no entry: they are matched against Person.uid / Household.uid directly.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        HOUSEHOLD = "household", _("household")

    source = models.CharField(_("source"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("key in the source"), max_length=200)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    household = models.ForeignKey(
        "people.Household", verbose_name=_("household"), on_delete=models.CASCADE, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("source key")
        verbose_name_plural = _("source keys")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "key"], name="source_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.kind}:{self.key}"


class ImportJob(models.Model):
    """One import of one file, from the command line or the browser, with its report."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        VALIDATING = "validating", _("checking")
        VALIDATED = "validated", _("checked")
        IMPORTING = "importing", _("importing")
        IMPORTED = "imported", _("imported")
        FAILED = "failed", _("could not be read")

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=100)
    file_name = models.CharField(_("file name"), max_length=255)
    stored_file = models.CharField(_("stored file"), max_length=500, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    progress = models.FloatField(_("progress"), default=0.0)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("people created"), default=0)
    rows_updated = models.PositiveIntegerField(_("people updated"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
