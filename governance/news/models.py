"""News and announcements: short news in Markdown from the steering group to the whole network, from
a body's officers to the body, and from an organisation's information manager to its communicators,
with an optional image or attachment. Who reads an item is computed from today's memberships
(governance/news/rules.py); nothing about readers is stored."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

TEXT_MAX_LENGTH = 8000


def news_file_path(instance: NewsItem, filename: str) -> str:
    """A random name (the service has chosen it, never the upload's) under the year."""
    return f"news/{timezone.now():%Y}/{filename}"


class NewsItem(models.Model):
    class Audience(models.TextChoices):
        NETWORK = "network", _("The communications network")
        BODY = "body", _("The members of a body")
        ORGANISATION = "organisation", _("An organisation's communicators")

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH, help_text=_("Markdown."))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    body = models.ForeignKey("governance.Body", verbose_name=_("body"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="news")
    organisation = models.ForeignKey("governance.Organisation", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="news")
    file = models.FileField(_("image or attachment"), upload_to=news_file_path, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=120, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    pinned_until = models.DateField(_("pinned until"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["-published_at"], name="news_published")]
        constraints = [
            models.CheckConstraint(
                name="news_audience_target",
                condition=(
                    Q(audience="network", body__isnull=True, organisation__isnull=True)
                    | Q(audience="body", body__isnull=False, organisation__isnull=True)
                    | Q(audience="organisation", body__isnull=True, organisation__isnull=False)
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:news_detail", kwargs={"pk": self.pk})

    @property
    def is_image(self) -> bool:
        return bool(self.file) and self.file_type.startswith("image/")

    @property
    def audience_label(self) -> str:
        if self.audience == self.Audience.BODY:
            return str(self.body)
        if self.audience == self.Audience.ORGANISATION:
            return _("Communicators of %(organisation)s") % {"organisation": self.organisation}
        return str(self.Audience.NETWORK.label)
