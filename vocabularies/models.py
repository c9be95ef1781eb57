"""Controlled vocabularies: data that administrators manage and translate, never hard-coded choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TranslatedLabelModel


class Term(TranslatedLabelModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]


class ReturnType(Term):
    class Meta(Term.Meta):
        verbose_name = _("return type")
        verbose_name_plural = _("return types")


class DocumentType(Term):
    class Meta(Term.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class Relationship(Term):
    """Relationship to the head of the household."""

    is_head = models.BooleanField(_("is the head of household"), default=False)

    class Meta(Term.Meta):
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")


class TransportMeans(Term):
    class Meta(Term.Meta):
        verbose_name = _("means of transport")
        verbose_name_plural = _("means of transport")
