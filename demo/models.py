from django.db import models
from django.utils.translation import gettext_lazy as _


class SyntheticIdentity(models.Model):
    """Ground truth for generated demo people: records with the same ``identity`` are one human.

    About 5% of demo people are re-registrations of another under a different spelling or script;
    the identity-resolution benchmark scores itself against this table. Real data never has it.
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    identity = models.BigIntegerField(_("synthetic identity"), db_index=True)
    is_reregistration = models.BooleanField(_("is a re-registration"), default=False)

    class Meta:
        verbose_name = _("synthetic identity")
        verbose_name_plural = _("synthetic identities")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.identity}"
