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


class Role(models.Model):
    """A set of duties. The rules of what each role may do live in access/policy.py; this table
    only records who holds which role (a user may hold several)."""

    class Code(models.TextChoices):
        ADMINISTRATOR = "administrator", _("System administrator")
        SUPERVISOR = "supervisor", _("Supervisor")
        CASEWORKER = "caseworker", _("Caseworker")
        CLERK = "clerk", _("Registration clerk")
        PARTNER = "partner", _("Partner user")
        ANALYST = "analyst", _("Analyst")
        AUDITOR = "auditor", _("Auditor")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.Code(self.code).label)


class SensitiveCategory(models.TextChoices):
    """Kinds of information that may harm the person if seen by the wrong colleague. A user sees
    a category only when cleared for it (``User.clearances``) and their role allows it."""

    PROTECTION = "protection", _("Protection notes")
    MEDICAL = "medical", _("Medical")
    GBV = "gbv", _("Gender-based violence")
    TRAFFICKING = "trafficking", _("Trafficking")


class User(AbstractUser):
    """A member of staff: their organisation, roles and scope (offices, provinces or nationwide)."""

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
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="users")
    nationwide = models.BooleanField(
        _("nationwide"),
        default=False,
        help_text=_(
            "Sees the organisation's records in every province, not only the offices and provinces below."
        ),
    )
    scope_offices = models.ManyToManyField(
        Office,
        verbose_name=_("offices in scope"),
        blank=True,
        related_name="+",
        help_text=_("Sees the people these offices registered (besides the user's own office)."),
    )
    scope_provinces = models.ManyToManyField(
        "locations.AdminArea",
        verbose_name=_("provinces in scope"),
        blank=True,
        related_name="+",
        help_text=_("Sees the people who live in, or are returning to, these provinces."),
    )
    clearances = models.JSONField(
        _("sensitive categories cleared"),
        default=list,
        blank=True,
        help_text=_("Sensitive categories this user may read, where the role allows it."),
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
