"""People, households and their returns.

A person has a primary name (four parts, each in the original script and in Latin letters) and
any number of other recorded spellings. ``search_text`` holds the normalised search keys of every
spelling, phone and document number; it is indexed by SQLite FTS5 (trigram) or PostgreSQL pg_trgm.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TrackedModel

NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")
    UNKNOWN = "U", _("not recorded")


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact date")
    MONTH = "month", _("month and year")
    YEAR = "year", _("year only")
    ESTIMATED = "estimated", _("estimated from stated age")


class Household(TrackedModel):
    # The identifier other systems and Homeward's own exports use; ids stay internal.
    uid = models.UUIDField(_("global identifier"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("registered at"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    # Where the household lives or is going (the latest return's destination province): with
    # the office, what decides which staff see it (access/policy.py).
    area = models.ForeignKey(
        "locations.AdminArea",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"HH-{self.pk:07d}"

    def get_absolute_url(self) -> str:
        return reverse("people:household-detail", args=[self.pk])


class NameFields(models.Model):
    """The four parts of a name in the script they were written in, and in Latin letters."""

    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    father_name = models.CharField(_("father's name"), max_length=100, blank=True)
    grandfather_name = models.CharField(_("grandfather's name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    given_name_latin = models.CharField(_("given name (Latin)"), max_length=100, blank=True)
    father_name_latin = models.CharField(_("father's name (Latin)"), max_length=100, blank=True)
    grandfather_name_latin = models.CharField(_("grandfather's name (Latin)"), max_length=100, blank=True)
    family_name_latin = models.CharField(_("family name (Latin)"), max_length=100, blank=True)

    class Meta:
        abstract = True

    @property
    def native_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def latin_name(self) -> str:
        return " ".join(part for part in (self.given_name_latin, self.family_name_latin) if part)

    @property
    def display_name(self) -> str:
        return self.native_name or self.latin_name


class Person(TrackedModel, NameFields):
    # The identifier other systems and Homeward's own exports use; ids stay internal.
    uid = models.UUIDField(_("global identifier"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("current household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_members",
    )
    # The office that registered the person and the province they live in or return to:
    # what decides which staff see them (access/policy.py).
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("registered at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        "locations.AdminArea",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_on = models.DateField(_("date of birth"), null=True, blank=True)
    birth_precision = models.CharField(
        _("date of birth precision"), max_length=10, choices=DatePrecision.choices, blank=True
    )
    search_text = models.TextField(_("search keys"), blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("people:person-detail", args=[self.pk])


class NameSpelling(NameFields):
    """Another recorded spelling of a person's name (another script, romanisation or registration)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="spellings"
    )
    source = models.CharField(_("recorded at"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("name spelling")
        verbose_name_plural = _("name spellings")

    def __str__(self) -> str:
        return self.display_name


class HouseholdMembership(TrackedModel):
    """A person's place in a household over a span of time: households change."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    relationship = models.ForeignKey(
        "vocabularies.Relationship", verbose_name=_("relationship to the head"), on_delete=models.PROTECT
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("household membership")
        verbose_name_plural = _("household memberships")

    def __str__(self) -> str:
        return f"{self.person_id} in {self.household_id}"


class ReturnEvent(TrackedModel):
    """One arrival of a household (or of people in it) in the home country."""

    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        related_name="return_events",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name=_("registered at"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    arrived_on = models.DateField(_("arrival date"))
    border_crossing = models.ForeignKey(
        "locations.BorderCrossing",
        verbose_name=_("border crossing or airport"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    returned_from = models.ForeignKey(
        "locations.Country", verbose_name=_("returned from"), on_delete=models.PROTECT, related_name="+"
    )
    return_type = models.ForeignKey(
        "vocabularies.ReturnType", verbose_name=_("return type"), on_delete=models.PROTECT
    )
    transport = models.ForeignKey(
        "vocabularies.TransportMeans",
        verbose_name=_("means of transport"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    destination_province = models.ForeignKey(
        "locations.AdminArea",
        verbose_name=_("intended province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    destination_district = models.ForeignKey(
        "locations.AdminArea",
        verbose_name=_("intended district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returnees = models.ManyToManyField(
        Person, verbose_name=_("returnees"), through="ReturnEventPerson", related_name="return_events"
    )

    class Meta:
        verbose_name = _("return event")
        verbose_name_plural = _("return events")


class ReturnEventPerson(models.Model):
    return_event = models.ForeignKey(ReturnEvent, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["return_event", "person"], name="return_event_person_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.return_event_id}"


class Phone(TrackedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("number as entered"), max_length=40)
    e164 = models.CharField(_("number (international format)"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self) -> str:
        return self.e164 or self.number


class IdentityDocument(TrackedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="documents"
    )
    document_type = models.ForeignKey(
        "vocabularies.DocumentType", verbose_name=_("document type"), on_delete=models.PROTECT
    )
    number = models.CharField(_("number as written"), max_length=60)
    number_normalised = models.CharField(_("number (normalised)"), max_length=60, editable=False)
    issuing_country = models.ForeignKey(
        "locations.Country",
        verbose_name=_("issuing country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        indexes = [models.Index(fields=["number_normalised"], name="document_number_idx")]

    def __str__(self) -> str:
        return f"{self.document_type}: {self.number}"
