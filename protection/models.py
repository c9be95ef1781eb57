"""Sensitive notes about a person: protection concerns, medical facts, gender-based violence,
trafficking. Shown only to users cleared for the category (access/policy.py), never indexed for
search, never in exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import SensitiveCategory
from core.models import TrackedModel


class SensitiveNote(TrackedModel):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="sensitive_notes"
    )
    category = models.CharField(_("category"), max_length=20, choices=SensitiveCategory.choices)
    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("sensitive note")
        verbose_name_plural = _("sensitive notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} #{self.pk}"
