"""Building blocks shared by every app that holds records about people."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackedModel(models.Model):
    """A record that knows who created and last changed it, and when."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True


class TranslatedLabelModel(models.Model):
    """Reference data whose label is shown in the reader's language.

    `name` is the English label; `translations` maps a language code (``fa-af``, ``ps``, ``fa``,
    ``ar``, ``ru``, ``az``) to the label in that language. Administrators edit both.
    """

    name = models.CharField(_("name (English)"), max_length=200)
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Label per language code, e.g. {"fa-af": "…", "ps": "…", "ar": "…"}.'),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from core.i18n import translated_label

        return translated_label(self.name, self.translations)
