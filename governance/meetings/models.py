"""Meetings of the bodies, their agenda, attendance, attachments and minutes.

A meeting belongs to one body (`body`) and may be held jointly with others (`joint_bodies`,
e.g. the web management group with the steering group). Who may see it follows the bodies:
members of any of its bodies (guardian `governance.view_body`), who may run it follows their
officers (`governance.manage_body`). Minutes are drafted, then published; a published version
is never changed — a correction is a new version that links to the one it corrects."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.bodies.models import Body
from governance.workflow import Workflow


class MeetingQuerySet(models.QuerySet):
    def for_bodies(self, body_ids) -> MeetingQuerySet:
        """Meetings held by, or jointly with, any of these bodies (no duplicates)."""
        joint = Meeting.joint_bodies.through.objects.filter(meeting_id=OuterRef("pk"), body_id__in=body_ids)
        return self.filter(Q(body_id__in=body_ids) | Exists(joint))

    def upcoming(self, now: dt.datetime | None = None) -> MeetingQuerySet:
        """Meetings that have not ended yet (a meeting in progress is still "upcoming")."""
        return self.filter(end__gte=now or timezone.now())

    def past(self, now: dt.datetime | None = None) -> MeetingQuerySet:
        return self.filter(end__lt=now or timezone.now())

    def with_minutes_state(self) -> MeetingQuerySet:
        """Annotate `minutes_published` (a published version exists) and `minutes_draft` (a draft
        is waiting) — e.g. the reminders ask for past meetings with `minutes_published=False`."""
        return self.annotate(
            minutes_published=Exists(
                Minutes.objects.filter(meeting_id=OuterRef("pk"), status=Minutes.Status.PUBLISHED)
            ),
            minutes_draft=Exists(Minutes.objects.filter(meeting_id=OuterRef("pk"), status=Minutes.Status.DRAFT)),
        )

    def minutes_published(self) -> MeetingQuerySet:
        return self.with_minutes_state().filter(minutes_published=True)

    def minutes_unpublished(self) -> MeetingQuerySet:
        return self.with_minutes_state().filter(minutes_published=False)


class Meeting(models.Model):
    """One meeting of a body (or a joint meeting of several), from `start` to `end`."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    joint_bodies = models.ManyToManyField(
        Body,
        verbose_name=_("held jointly with"),
        blank=True,
        related_name="joint_meetings",
        help_text=_("Other bodies taking part, e.g. the steering group in a joint meeting."),
    )
    adjusters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adjusters"),
        blank=True,
        related_name="meetings_to_adjust",
        help_text=_("The members who adjust (justerar) the minutes beside the chair: the minutes are "
                    "published once each of them has approved them."),
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online meeting link"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    # A meeting of a series (governance/meetings/series.py): the day its rule gave it (moved when
    # it is held on another day) — and, for any meeting, when it was cancelled and why.
    series = models.ForeignKey("governance.MeetingSeries", verbose_name=_("series"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="meetings")
    series_date = models.DateField(_("day in the series"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "pk"]
        # Upcoming meetings (end >= now) are a handful among thousands: without this index the
        # meeting list and the start page scan every meeting of the user's bodies.
        indexes = [models.Index(fields=["end"], name="meeting_end_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="meeting_end_after_start"),
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_link=""), name="meeting_has_place_or_link"),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%Y-%m-%d})" if self.start else self.title

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", kwargs={"pk": self.pk})

    @property
    def is_joint(self) -> bool:
        """Held by more than one body (prefetch `joint_bodies` on lists)."""
        return bool(self.pk) and len(self.joint_bodies.all()) > 0

    @property
    def bodies(self) -> list[Body]:
        """The body and every joint body (prefetch `joint_bodies` on lists)."""
        return [self.body, *[b for b in self.joint_bodies.all() if b.pk != self.body_id]]

    @property
    def body_ids(self) -> list[int]:
        return [self.body_id, *[b.pk for b in self.joint_bodies.all() if b.pk != self.body_id]]

    @property
    def is_moved(self) -> bool:
        """A meeting of a series held on another day than its rule gave."""
        return bool(self.series_date and self.start and self.date != self.series_date)

    @property
    def length_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60) if self.start and self.end else 0

    @property
    def date(self) -> dt.date:
        """The meeting's day in Europe/Stockholm (whose members it concerns)."""
        return timezone.localdate(self.start)

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The meeting must end after it starts.")
        if not self.place.strip() and not self.online_link.strip():
            errors["place"] = _("Give a place or an online meeting link (or both).")
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    """A point on the agenda (dagordning): the items together must fit within the meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("item"), max_length=250)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=1), name="agenda_item_positive_duration"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    """Whether a member was at a meeting (närvaro)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendance_one_per_person")]

    def __str__(self):
        return f"{self.user} – {self.get_status_display()}"


def attachment_path(instance: MeetingAttachment, filename: str) -> str:
    """A random name under MEDIA_ROOT; the service has already chosen it (never the upload's name)."""
    return f"meetings/{timezone.now():%Y}/{filename}"


class MeetingAttachment(models.Model):
    """A document (bilaga) on a meeting: type checked from the content, served through a view."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["meeting", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("governance:attachment_download", kwargs={"pk": self.pk})


class Minutes(models.Model):
    """One version of a meeting's minutes (minnesanteckningar). A draft may be edited by the
    body's officers; publishing freezes it. A correction is a new version (`number` + 1) with a
    reason and a link to the version it corrects; every version stays in the history."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    WORKFLOW = Workflow({Status.DRAFT: (Status.PUBLISHED,)})  # a correction is a new draft

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes")
    number = models.PositiveSmallIntegerField(_("version number"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    text = models.TextField(_("minutes"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("edit version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Adjustment (justering): a draft sent to the meeting's adjusters is locked until they have
    # answered; when each has approved this edit version it is adjusted and may be published.
    sent_for_adjustment_at = models.DateTimeField(_("sent for adjustment"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_number_unique"),
            models.UniqueConstraint(fields=["meeting"], condition=Q(status="draft"), name="minutes_one_draft"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="minutes_published_has_date"
            ),
            models.CheckConstraint(
                condition=Q(number=1) | Q(previous__isnull=False), name="minutes_correction_links_previous"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} – {_('version')} {self.number}"

    def get_absolute_url(self):
        return reverse("governance:minutes_version", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_correction(self) -> bool:
        return self.number > 1


class MinutesAdjustment(models.Model):
    """An adjuster's answer on one edit version of a draft: approved, or a change proposed."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE,
                                related_name="adjustments")
    adjuster = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("adjuster"), on_delete=models.PROTECT,
                                 related_name="+")
    minutes_version = models.PositiveIntegerField(_("edit version answered"))
    approved = models.BooleanField(_("approved"))
    comment = models.TextField(_("proposed change"), blank=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adjustment of minutes")
        verbose_name_plural = _("adjustments of minutes")
        ordering = ["minutes", "answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "adjuster", "minutes_version"],
                                    name="minutes_adjustment_one_answer_per_version"),
        ]

    def __str__(self):
        return f"{self.minutes}: {self.adjuster}"


class ActionItem(models.Model):
    """Something the minutes say a person will do (an action point): owner, due date, status."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    WORKFLOW = Workflow({Status.OPEN: (Status.DONE, Status.CANCELLED), Status.DONE: (Status.OPEN,),
                         Status.CANCELLED: (Status.OPEN,)})

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="action_items")
    title = models.CharField(_("action"), max_length=250)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="action_items")
    due = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "status"], name="action_item_owner_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:meeting_minutes", kwargs={"pk": self.meeting_id}) + f"#action-{self.pk}"
