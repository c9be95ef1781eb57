"""What a person agreed to, with whom their record is shared and why, and requests to erase it.

The rules (who may see a shared record, which fields) are in access/policy.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    """Why a record is shared with a partner; each purpose shows the partner only the fields it
    needs (``access.policy.PURPOSE_FIELDS``)."""

    SERVICE_DELIVERY = "service_delivery", _("Service delivery")
    REFERRAL = "referral", _("Referral for assistance")
    CASH_ASSISTANCE = "cash_assistance", _("Cash or in-kind assistance")
    FOLLOW_UP = "follow_up", _("Follow-up and monitoring")


class Consent(models.Model):
    """A person's consent, as recorded by staff: to being registered, or to their record being
    shared with one named partner for stated purposes. Withdrawing keeps the row (with when and
    who) so the history stays whole."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        SHARING = "sharing", _("Sharing with a partner")

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purposes = models.JSONField(_("purposes"), default=list, blank=True)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="registration", partner__isnull=True)
                | models.Q(kind="sharing", partner__isnull=False),
                name="consent_partner_only_for_sharing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    @property
    def purpose_labels(self) -> list[str]:
        return [str(Purpose(code).label) if code in Purpose.values else code for code in self.purposes]


class Share(models.Model):
    """A person's record shared with a partner organisation for one purpose, under a consent.
    Revoked when the consent is withdrawn or the work is done; a revoked share shows nothing."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="shares"
    )
    partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    consent = models.ForeignKey(
        Consent, verbose_name=_("consent"), on_delete=models.PROTECT, related_name="shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("shared by"), on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        indexes = [models.Index(fields=["partner", "revoked_at", "person"], name="share_partner_idx")]

    def __str__(self) -> str:
        return f"{self.partner} — {self.get_purpose_display()}"


class ErasureRequest(models.Model):
    """A person's request to have their personal data erased. A supervisor approves or refuses;
    on approval the record is anonymised (names, phones, documents, notes gone; sex, year of
    birth and return events kept for the statistics)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved and carried out")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="erasure_requests"
    )
    reason = models.TextField(_("reason"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_status_display()}"


class Anonymisation(models.Model):
    """That a person's record was anonymised, why and when: after an approved erasure request or
    when its retention period ran out. The person row stays (sex, year of birth, province, office,
    household and returns keep the statistics right); this row keeps it from being done twice."""

    class Reason(models.TextChoices):
        ERASURE = "erasure", _("Erasure request")
        RETENTION = "retention", _("Retention period over")

    person = models.OneToOneField(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="anonymisation"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    at = models.DateTimeField(_("anonymised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_reason_display()}"
