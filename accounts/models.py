from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A ministry, agency or NGO whose staff use Homeward (MoRR, IOM, UNHCR, a partner NGO)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        UN_AGENCY = "un_agency", _("UN agency")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        NGO = "ngo", _("NGO")
        DONOR = "donor", _("Donor")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.acronym or self.name


class Office(models.Model):
    """A place where an organisation's staff work: a reception centre, provincial directorate, HQ."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="offices"
    )
    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(
        "locations.AdminArea",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    border_crossing = models.ForeignKey(
        "locations.BorderCrossing",
        verbose_name=_("border crossing or airport"),
        help_text=_("Where the office receives people; registration forms start with it."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="office_unique_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.name}"


class User(AbstractUser):
    """A member of staff. Access scoping (later) builds on organisation and office."""

    class Calendar(models.TextChoices):
        USUAL = "", _("the language's usual calendar")
        GREGORIAN = "gregorian", _("Gregorian")
        SOLAR_HIJRI_AFGHAN = "solar_hijri_afghan", _("Solar Hijri, Afghan month names (Hamal, Sawr…)")
        SOLAR_HIJRI_IRAN = "solar_hijri_iran", _("Solar Hijri, Iranian month names (Farvardin…)")

    class Digits(models.TextChoices):
        USUAL = "", _("the language's usual digits")
        LATIN = "latin", _("Latin (0123456789)")
        PERSIAN = "persian", _("Persian (۰۱۲۳۴۵۶۷۸۹)")
        ARABIC_INDIC = "arabic_indic", _("Arabic-Indic (٠١٢٣٤٥٦٧٨٩)")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the browser's language."),
    )
    calendar = models.CharField(_("calendar"), max_length=20, choices=Calendar.choices, blank=True)
    digits = models.CharField(_("digits"), max_length=20, choices=Digits.choices, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
