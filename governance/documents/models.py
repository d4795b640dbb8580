"""The document archive of each body (the steering group "publishes meeting notes and other
documents on an internal website"): a document has a title, a kind, a date, who may read it and a
history of versions; its files are stored through Django's storage API (the local disk, or an
S3-compatible object store when configured). Documents are public records: a version is never
changed or removed by hand — a new version is added, and only an approved culling list removes one."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Document(models.Model):
    class Kind(models.TextChoices):
        NOTES = "notes", _("Meeting notes")
        REPORT = "report", _("Report")
        PRESENTATION = "presentation", _("Presentation")
        GOVERNING = "governing", _("Governing document")
        MEMO = "memo", _("Memorandum")
        OTHER = "other", _("Other document")

    class Readers(models.TextChoices):
        BODY = "body", _("The body's members")
        NETWORK = "network", _("The communications network")
        STAFF = "staff", _("All staff")

    body = models.ForeignKey("governance.Body", verbose_name=_("body"), on_delete=models.PROTECT,
                             related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    dated = models.DateField(_("document date"))
    description = models.TextField(_("description"), blank=True, max_length=4000)
    readers = models.CharField(_("who may read it"), max_length=10, choices=Readers.choices, default=Readers.BODY)
    meetings = models.ManyToManyField("governance.Meeting", verbose_name=_("meetings"), blank=True,
                                      related_name="documents")
    decisions = models.ManyToManyField("governance.Decision", verbose_name=_("decisions"), blank=True,
                                       related_name="documents")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-dated", "-pk"]
        indexes = [models.Index(fields=["body", "-dated"], name="documents_body_dated")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:document_detail", kwargs={"pk": self.pk})


def version_path(instance: DocumentVersion, filename: str) -> str:
    """A random name (the service has chosen it, never the upload's) under the year."""
    return f"documents/{timezone.now():%Y}/{filename}"


class DocumentVersion(models.Model):
    """One file of a document; the newest number is the document's current version."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="documents_version_unique")]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_absolute_url(self):
        return reverse("governance:document_download", kwargs={"pk": self.document_id, "number": self.number})
