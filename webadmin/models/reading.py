"""Read receipts: a person confirms having read and understood one adopted version of a policy or
guideline that is "to be read". A new version asks again (the receipt is of the version)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import PolicyVersion


class ReadConfirmation(models.Model):
    policy_version = models.ForeignKey(PolicyVersion, verbose_name=_("policy version"), on_delete=models.CASCADE,
                                       related_name="confirmations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                             related_name="read_confirmations")
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        ordering = ["policy_version", "confirmed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["policy_version", "user"],
                                               name="webadmin_read_confirmation_unique")]

    def __str__(self):
        return f"{self.user} – {self.policy_version}"
