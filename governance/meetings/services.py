"""Writes for meetings, agenda, attendance, attachments, minutes and the personal calendar feed."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency, uploads
from governance.audit import audited_delete, audited_save
from governance.bodies.models import Body, Membership
from governance.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAttachment,
    Minutes,
    MinutesAdjustment,
)
from governance.notifications import kinds
from governance.notifications.services import notification_send
from governance.people.models import User
from governance.texts import Text
from governance.texts import date as text_date


@dataclass
class AgendaEntry:
    title: str
    duration_minutes: int
    order: int = 0
    presenter: User | None = None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not run this body's meetings."))


def _check_manager(actor: User | None, meeting: Meeting) -> None:
    """`actor` None is the system (demo data, commands)."""
    if actor is not None:
        _require(actor.has_perm("governance.manage_meeting", meeting))


def check_agenda_fits(*, start: dt.datetime, end: dt.datetime, agenda: Sequence[AgendaEntry]) -> None:
    """MUST: the agenda's items together fit within the meeting."""
    if not (start and end) or end <= start:
        return
    length = int((end - start).total_seconds() // 60)
    total = sum(int(item.duration_minutes or 0) for item in agenda)
    if total > length:
        raise ValidationError(
            _(
                "The agenda does not fit within the meeting: its items take %(total)d minutes but the "
                "meeting is %(length)d minutes long. Shorten the items or extend the meeting."
            )
            % {"total": total, "length": length},
            code="agenda_too_long",
        )


def _save_agenda(meeting: Meeting, agenda: Sequence[AgendaEntry]) -> None:
    meeting.agenda_items.all().delete()
    ordered = sorted(enumerate(agenda), key=lambda pair: (pair[1].order or pair[0] + 1, pair[0]))
    for position, (_index, entry) in enumerate(ordered, start=1):
        item = AgendaItem(
            meeting=meeting, order=position, title=entry.title, presenter=entry.presenter,
            duration_minutes=entry.duration_minutes,
        )
        item.full_clean()
        item.save()


def _joint(body: Body, joint_bodies: Iterable[Body]) -> list[Body]:
    return [b for b in joint_bodies if b.pk != body.pk]


# --- Meetings --------------------------------------------------------------------------------------
@transaction.atomic
def meeting_create(
    *,
    body: Body,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    actor: User | None,
    place: str = "",
    online_link: str = "",
    description: str = "",
    joint_bodies: Iterable[Body] = (),
    adjusters: Iterable[User] | None = None,
    agenda: Sequence[AgendaEntry] = (),
) -> Meeting:
    """Create a meeting of `body` (with `joint_bodies`); the actor must run `body`."""
    if actor is not None:
        _require(actor.has_perm("governance.manage_body", body))
    meeting = Meeting(
        body=body, title=title, start=start, end=end, place=place, online_link=online_link,
        description=description, created_by=actor,
    )
    meeting.full_clean()
    check_agenda_fits(start=start, end=end, agenda=agenda)
    audited_save(meeting, actor=actor, reason="meeting created", clean=False)
    meeting.joint_bodies.set(_joint(body, joint_bodies))
    if adjusters is not None:
        meeting.adjusters.set(list(adjusters))
    _save_agenda(meeting, agenda)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    version: int,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    actor: User | None,
    place: str = "",
    online_link: str = "",
    description: str = "",
    joint_bodies: Iterable[Body] = (),
    adjusters: Iterable[User] | None = None,
    agenda: Sequence[AgendaEntry] = (),
) -> Meeting:
    """Change a meeting and replace its agenda. `version` is the one the editor started from: if
    someone saved in between, nothing is saved and a ValidationError (code "conflict") says so."""
    _check_manager(actor, meeting)
    locked = concurrency.locked(meeting)
    concurrency.check_version(locked, version)
    locked.title, locked.start, locked.end = title, start, end
    locked.place, locked.online_link, locked.description = place, online_link, description
    locked.full_clean()
    check_agenda_fits(start=start, end=end, agenda=agenda)
    locked.version += 1
    audited_save(locked, actor=actor, reason="meeting changed", clean=False)
    locked.joint_bodies.set(_joint(locked.body, joint_bodies))
    if adjusters is not None:
        locked.adjusters.set(list(adjusters))
    _save_agenda(locked, agenda)
    return locked


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict[int, str], actor: User | None) -> int:
    """Set each person's attendance ({user id: status}; blank removes it). Returns rows changed."""
    _check_manager(actor, meeting)
    valid = set(Attendance.Status.values)
    changed = 0
    for user_id, status in statuses.items():
        if not status:
            changed += Attendance.objects.filter(meeting=meeting, user_id=user_id).delete()[0]
            continue
        if status not in valid:
            raise ValidationError(_("Unknown attendance status."))
        Attendance.objects.update_or_create(
            meeting=meeting, user_id=user_id, defaults={"status": status}
        )
        changed += 1
    return changed


# --- Attachments -----------------------------------------------------------------------------------
@transaction.atomic
def attachment_add(*, meeting: Meeting, upload: UploadedFile, actor: User | None) -> MeetingAttachment:
    """Store `upload` on the meeting under a random name, after checking its size and its type
    (from the content). The original name is kept only for display and download."""
    _check_manager(actor, meeting)
    mime = uploads.check_upload(upload)
    attachment = MeetingAttachment(
        meeting=meeting, original_name=uploads.display_name(upload, mime), content_type=mime, size=upload.size,
        uploaded_by=actor,
    )
    uploads.store(attachment, upload, mime, lambda: audited_save(attachment, actor=actor, reason="attachment added"))
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: MeetingAttachment, actor: User | None) -> None:
    _check_manager(actor, attachment.meeting)
    storage, name = attachment.file.storage, attachment.file.name
    audited_delete(attachment, actor=actor, reason="attachment deleted")
    transaction.on_commit(lambda: storage.delete(name))


# --- Minutes ---------------------------------------------------------------------------------------
@transaction.atomic
def minutes_save_draft(
    *,
    meeting: Meeting,
    text: str,
    actor: User | None,
    version: int | None = None,
    reason: str = "",
) -> Minutes:
    """Write the meeting's draft minutes: create it, or change the existing draft (`version` is
    the edit version the writer started from). When a version is already published, the draft
    is a correction: it needs a `reason` and becomes the next version number."""
    _check_manager(actor, meeting)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one writer per meeting
    draft = Minutes.objects.filter(meeting=meeting, status=Minutes.Status.DRAFT).first()
    latest = (
        Minutes.objects.filter(meeting=meeting, status=Minutes.Status.PUBLISHED).order_by("-number").first()
    )
    if latest is not None and not reason.strip():
        raise ValidationError(
            {"reason": _("Published minutes are never changed: give the reason for the correction.")}
        )
    if draft is None:
        draft = Minutes(
            meeting=meeting,
            number=(latest.number + 1) if latest else 1,
            previous=latest,
            created_by=actor,
        )
    elif version is not None and draft.version != version:
        raise concurrency.conflict(draft, _("draft"))
    elif draft.sent_for_adjustment_at is not None:
        raise ValidationError(_("The draft is with the adjusters: it cannot be changed until they have answered, "
                                "or you take it back from them."))
    else:
        draft.version += 1
    draft.text = text
    draft.correction_reason = reason.strip() if latest else ""
    audited_save(draft, actor=actor, reason="minutes draft saved")
    return draft


@transaction.atomic
def minutes_publish(*, minutes: Minutes, actor: User | None) -> Minutes:
    """Publish a draft: from now on the whole network reads it and it is never changed again."""
    _check_manager(actor, minutes.meeting)
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    Minutes.WORKFLOW.check(locked, Minutes.Status.PUBLISHED,
                           ValidationError(_("These minutes are already published; a correction is a new version.")))
    if not locked.text.strip():
        raise ValidationError(_("Write the minutes before publishing them."))
    waiting = adjusters_waiting(locked)
    if waiting:
        raise ValidationError(_("The minutes are not adjusted yet: %(people)s must approve this version before it "
                                "is published.") % {"people": ", ".join(str(u) for u in waiting)})
    Minutes.WORKFLOW.move(locked, Minutes.Status.PUBLISHED)
    locked.published_at = timezone.now()
    locked.published_by = actor
    audited_save(locked, actor=actor, reason="minutes published")
    return locked


# --- Action items written in the minutes -------------------------------------------------------------
@transaction.atomic
def action_item_add(*, meeting: Meeting, title: str, owner: User, due: dt.date, actor: User | None) -> ActionItem:
    """An action point of the meeting: who does what by when. The body's officers record it."""
    _check_manager(actor, meeting)
    if due < meeting.date:
        raise ValidationError({"due": _("An action is due on or after the meeting (%(date)s).")
                               % {"date": meeting.date.isoformat()}})
    item = audited_save(ActionItem(meeting=meeting, title=title.strip(), owner=owner, due=due,
                                   created_by=actor if getattr(actor, "pk", None) else None),
                        actor=actor, reason="action item added")
    notification_send(
        kind=kinds.ACTION_ITEM, recipient=owner, target=item, occasion="assigned", url=item.get_absolute_url(),
        subject=Text(gettext_lazy("An action for you from %(meeting)s: %(title)s"), meeting=str(meeting),
                     title=item.title),
        body=Text(gettext_lazy("Due %(date)s."), date=text_date(due)))
    return item


@transaction.atomic
def action_item_set_status(*, item: ActionItem, status: str, actor: User) -> ActionItem:
    """The owner (or an officer of the meeting) marks the action done, cancels it or reopens it."""
    locked = ActionItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if locked.owner_id != actor.pk and not actor.has_perm("governance.manage_meeting", locked.meeting):
        raise PermissionDenied(_("Only the action's owner or the meeting's officers change it."))
    if status not in ActionItem.Status.values:
        raise ValidationError(_("Unknown status."))
    ActionItem.WORKFLOW.move(locked, status)
    locked.done_on = timezone.localdate() if status == ActionItem.Status.DONE else None
    return audited_save(locked, actor=actor, reason=f"action item {status}")


# --- Adjustment (justering) ----------------------------------------------------------------------------
def adjusters_waiting(minutes: Minutes) -> list[User]:
    """The meeting's adjusters who have not approved this edit version of the draft (all of them
    while it has not been sent); empty when the meeting has no adjusters or all have approved."""
    adjusters = list(minutes.meeting.adjusters.order_by("last_name", "first_name", "pk"))
    if not adjusters:
        return []
    if minutes.sent_for_adjustment_at is None:
        return adjusters
    approved = set(minutes.adjustments.filter(minutes_version=minutes.version, approved=True)
                   .values_list("adjuster_id", flat=True))
    return [u for u in adjusters if u.pk not in approved]


@transaction.atomic
def minutes_send_for_adjustment(*, minutes: Minutes, actor: User | None) -> Minutes:
    """Send the draft to the meeting's adjusters; it is locked until they have answered."""
    _check_manager(actor, minutes.meeting)
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Only a draft is sent for adjustment."))
    adjusters = list(locked.meeting.adjusters.all())
    if not adjusters:
        raise ValidationError(_("Name the meeting's adjusters first (edit the meeting)."))
    if locked.sent_for_adjustment_at is not None:
        raise ValidationError(_("The draft is already with the adjusters."))
    if not locked.text.strip():
        raise ValidationError(_("Write the minutes before sending them for adjustment."))
    locked.sent_for_adjustment_at = timezone.now()
    audited_save(locked, actor=actor, reason="minutes sent for adjustment")
    for adjuster in adjusters:
        notification_send(
            kind=kinds.MINUTES_ADJUSTMENT, recipient=adjuster, target=locked,
            occasion=f"adjust-v{locked.version}", url=reverse("governance:meeting_minutes", args=[locked.meeting_id]),
            subject=Text(gettext_lazy("Minutes to adjust: %(meeting)s"), meeting=str(locked.meeting)),
            body=Text(gettext_lazy("You are an adjuster of the minutes of %(meeting)s. Read them and approve "
                                   "them, or propose a change."), meeting=str(locked.meeting)),
        )
    return locked


@transaction.atomic
def minutes_take_back(*, minutes: Minutes, actor: User | None) -> Minutes:
    """Take the draft back from the adjusters to change it; their answers on it stay in the history."""
    _check_manager(actor, minutes.meeting)
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.status != Minutes.Status.DRAFT or locked.sent_for_adjustment_at is None:
        raise ValidationError(_("The draft is not with the adjusters."))
    locked.sent_for_adjustment_at = None
    audited_save(locked, actor=actor, reason="minutes taken back from the adjusters")
    return locked


@transaction.atomic
def minutes_adjust(*, minutes: Minutes, actor: User, approve: bool, comment: str = "") -> MinutesAdjustment:
    """An adjuster approves the draft, or proposes a change (which sends it back to the officers)."""
    locked = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if not locked.meeting.adjusters.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("Only the meeting's adjusters adjust its minutes."))
    if locked.status != Minutes.Status.DRAFT or locked.sent_for_adjustment_at is None:
        raise ValidationError(_("These minutes are not waiting for adjustment."))
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("Say what should be changed.")})
    if MinutesAdjustment.objects.filter(minutes=locked, adjuster=actor, minutes_version=locked.version).exists():
        raise ValidationError(_("You have already answered on this version."))
    answer = audited_save(MinutesAdjustment(minutes=locked, adjuster=actor, minutes_version=locked.version,
                                            approved=approve, comment=comment),
                          actor=actor, reason="minutes approved" if approve else "change proposed")
    officers = _officers(locked.meeting)
    url = reverse("governance:meeting_minutes", args=[locked.meeting_id])
    if not approve:
        locked.sent_for_adjustment_at = None
        audited_save(locked, actor=actor, reason="minutes returned by an adjuster")
        for officer in officers:
            notification_send(
                kind=kinds.MINUTES_ADJUSTMENT, recipient=officer, target=locked, url=url,
                occasion=f"change-{answer.pk}",
                subject=Text(gettext_lazy("A change is proposed to the minutes of %(meeting)s"),
                             meeting=str(locked.meeting)),
                body=comment)
    elif not adjusters_waiting(locked):
        for officer in officers:
            notification_send(
                kind=kinds.MINUTES_ADJUSTMENT, recipient=officer, target=locked, url=url,
                occasion=f"adjusted-v{locked.version}",
                subject=Text(gettext_lazy("The minutes of %(meeting)s are adjusted and can be published"),
                             meeting=str(locked.meeting)))
    return answer


def _officers(meeting: Meeting) -> list[User]:
    from governance.bodies.selectors import members_of

    return [m.user for m in members_of(meeting.body).filter(position__in=Membership.OFFICER_POSITIONS)
            .select_related("user")]


@transaction.atomic
def minutes_discard_draft(*, minutes: Minutes, actor: User | None) -> None:
    _check_manager(actor, minutes.meeting)
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Published minutes cannot be deleted."))
    audited_delete(minutes, actor=actor, reason="minutes draft discarded")
