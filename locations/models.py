"""Countries and first-level subdivisions come from ISO 3166 (pycountry); districts come from
OCHA's P-coded administrative boundary tables; border crossings are reference data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TranslatedLabelModel


class Country(models.Model):
    """An ISO 3166-1 country. Its label comes from pycountry's translations of ISO 3166-1."""

    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("ISO name (English)"), max_length=200)
    common_name = models.CharField(_("common name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from locations.names import country_label

        return country_label(self.name, self.common_name or self.name)


class AdminArea(TranslatedLabelModel):
    """A province (level 1, ISO 3166-2) or district (level 2, OCHA P-code)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("province")
        DISTRICT = 2, _("district")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="areas"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=10, null=True, blank=True, unique=True)
    pcode = models.CharField(_("P-code"), max_length=20, null=True, blank=True, unique=True)
    pcode_dataset = models.CharField(_("P-code dataset"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "level", "name"], name="adminarea_country_level_idx")]

    @property
    def label(self) -> str:
        if self.translations:
            return super().label
        if self.iso_code:
            from locations.names import subdivision_label

            return subdivision_label(self.iso_code, self.name)
        return self.name


class BorderCrossing(TranslatedLabelModel):
    """A border crossing point or airport where people arrive."""

    class Kind(models.TextChoices):
        LAND = "land", _("land border crossing")
        AIRPORT = "airport", _("airport")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LAND)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="border_crossings"
    )
    area = models.ForeignKey(
        AdminArea,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    neighbour_country = models.ForeignKey(
        Country,
        verbose_name=_("neighbouring country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    neighbour_name = models.CharField(_("name on the other side"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("border crossing point")
        verbose_name_plural = _("border crossing points")
        ordering = ["sort_order", "name"]
