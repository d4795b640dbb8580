"""Meetings, agenda, attendance, attachments, minutes and the personal calendar feed."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from governance.authority import require
from governance.bodies.models import Body
from governance.documents import selectors as documents
from governance.meetings import selectors, services
from governance.meetings.forms import (
    ActionItemForm,
    AdjustmentForm,
    AgendaFormSet,
    AttachmentForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    presenters,
)
from governance.meetings.models import ActionItem, Meeting, MeetingAttachment, Minutes
from governance.paging import peek
from governance.people.models import User
from governance.records.archive import archive_response
from governance.web import act, confirm, submit

PAST_PAGE_SIZE = 20


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_detail(pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def _viewable(request, pk: int) -> Meeting:
    meeting = _meeting_or_404(pk)
    require(request.user, "governance.view_meeting", meeting, message=_("Only the members of the meeting's bodies see it."))
    return meeting


def _managed(request, pk: int) -> Meeting:
    meeting = _meeting_or_404(pk)
    require(request.user, "governance.manage_meeting", meeting, message=_("Only the officers of the meeting's bodies may do this."))
    return meeting


# --- Meetings --------------------------------------------------------------------------------------
@login_required
def meeting_list(request):
    """Upcoming and past meetings of every body the user belongs to (or of one of them)."""
    # The visible and managed bodies once (one object-permission query), shared by both lists.
    visible, managed = selectors.visible_and_managed_body_ids(request.user)
    body_filter = None
    chosen = request.GET.get("organ", "")
    if chosen.isdigit() and int(chosen) in visible:
        body_filter = [int(chosen)]
    upcoming = list(
        selectors.upcoming_meetings(request.user, body_ids=body_filter, visible=visible).prefetch_related(None)
    )
    # Not counted: the past meetings grow every year (governance.paging).
    past_page = peek(selectors.past_meetings(request.user, body_ids=body_filter, visible=visible)
                     .prefetch_related(None), PAST_PAGE_SIZE, request.GET.get("sida"))
    selectors.prefetch_joint_bodies(upcoming, past_page.object_list)  # both lists' joint bodies, one query
    return render(
        request,
        "governance/meetings/meeting_list.html",
        {
            "upcoming": upcoming,
            "past_page": past_page,
            "bodies": Body.objects.filter(pk__in=visible).order_by("kind", "-year", "name"),
            "chosen": body_filter[0] if body_filter else None,
            "can_create": bool(managed),
        },
    )


@login_required
def meeting_create(request):
    bodies = selectors.managed_bodies(request.user)
    if not bodies.exists():
        raise PermissionDenied(_("Only the officers of a body may plan its meetings."))
    initial = {}
    if request.GET.get("organ", "").isdigit():
        initial["body"] = int(request.GET["organ"])
    form = MeetingForm(request.POST or None, bodies=bodies, initial=initial)
    # A new meeting of a body starts from the body's standing agenda items.
    standing = Body.objects.filter(pk=initial.get("body"), pk__in=bodies.values("pk")).first() if initial else None
    agenda_initial = [{"order": i.order, "title": i.title, "duration_minutes": i.duration_minutes}
                      for i in standing.agenda_template.order_by("order", "pk")] if standing else []
    agenda = AgendaFormSet(request.POST or None, prefix="agenda", initial=agenda_initial,
                           form_kwargs={"presenters": presenters()})
    return submit(
        request, form,
        lambda d: services.meeting_create(body=d["body"], agenda=agenda.entries(), actor=request.user,
                                          **form.service_kwargs()),
        formsets=[agenda], success=_("The meeting was created."), then=lambda meeting: meeting,
    ) or render(request, "governance/meetings/meeting_form.html", {"form": form, "agenda": agenda})


@login_required
def meeting_detail(request, pk: int):
    meeting = _viewable(request, pk)
    manage = request.user.has_perm("governance.manage_meeting", meeting)
    agenda = list(meeting.agenda_items.all())
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "agenda_total": sum(item.duration_minutes for item in agenda),
        "attachments": list(meeting.attachments.all()),
        "documents": documents.for_meeting(request.user, meeting),
        "attendance": list(selectors.attendance_rows(meeting)),
        "can_manage": manage,
        "may_cancel": manage and not meeting.cancelled_at and meeting.end >= timezone.now(),
        "minutes": selectors.current_minutes(meeting),
        "draft": selectors.draft_minutes(meeting) if manage else None,
    }
    return render(request, "governance/meetings/meeting_detail.html", context)


@login_required
def meeting_edit(request, pk: int):
    meeting = _managed(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    initial = [
        {"order": i.order, "title": i.title, "presenter": i.presenter_id, "duration_minutes": i.duration_minutes}
        for i in meeting.agenda_items.all()
    ]
    agenda = AgendaFormSet(
        request.POST or None, prefix="agenda", initial=initial, form_kwargs={"presenters": presenters()}
    )
    return submit(
        request, form,
        lambda d: services.meeting_update(meeting=meeting, version=d.get("version") or 0, agenda=agenda.entries(),
                                          actor=request.user, **form.service_kwargs()),
        formsets=[agenda], success=_("The meeting was saved."), then=meeting,
        saved=lambda: Meeting.objects.get(pk=meeting.pk),
    ) or render(request, "governance/meetings/meeting_form.html", {"form": form, "agenda": agenda, "meeting": meeting})


@login_required
def meeting_attendance(request, pk: int):
    meeting = _managed(request, pk)
    members = selectors.meeting_members(meeting)
    current = selectors.attendance_of(meeting)
    member_ids = {m.user_id for m in members}
    extra = User.objects.filter(pk__in=[uid for uid in current if uid not in member_ids]).order_by(
        "last_name", "first_name"
    )
    form = AttendanceForm(request.POST or None, members=members, current=current, extra_users=extra)
    return submit(
        request, form, lambda d: services.attendance_record(meeting=meeting, statuses=form.statuses(), actor=request.user),
        success=_("The attendance was saved."), then=meeting,
    ) or render(request, "governance/meetings/attendance_form.html", {"meeting": meeting, "form": form})


# --- Attachments -----------------------------------------------------------------------------------
@login_required
def attachment_upload(request, pk: int):
    meeting = _managed(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    return submit(
        request, form, lambda d: services.attachment_add(meeting=meeting, upload=d["file"], actor=request.user),
        success=_("The attachment was added."), then=meeting, on="file",
    ) or render(
        request,
        "governance/meetings/attachment_form.html",
        {"meeting": meeting, "form": form, "max_bytes": settings.ATTACHMENT_MAX_BYTES},
    )


@login_required
@require_GET
def attachment_download(request, pk: int):
    """Only through here, to those who see the meeting; always as a download, never sniffed."""
    attachment = get_object_or_404(MeetingAttachment.objects.select_related("meeting", "meeting__body"), pk=pk)
    require(request.user, "governance.view_meeting", attachment.meeting, message=_("Only the members of the meeting's bodies see its attachments."))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(MeetingAttachment.objects.select_related("meeting"), pk=pk)
    require(request.user, "governance.manage_meeting", attachment.meeting, message=_("Only the officers of the meeting's bodies may do this."))
    meeting = attachment.meeting
    return confirm(request, action=_("Delete %(name)s") % {"name": attachment.original_name}, back=meeting,
                   consequences=[_("The attachment is deleted from the meeting and cannot be brought back.")],
                   ) or act(request, lambda: services.attachment_delete(attachment=attachment, actor=request.user),
               success=_("The attachment was deleted."), then=meeting)


# --- Minutes ---------------------------------------------------------------------------------------
@login_required
def minutes_list(request):
    """The current version of every published set of minutes: the whole network reads them."""
    page = Paginator(selectors.published_minutes(), 25).get_page(request.GET.get("page"))
    return render(request, "governance/meetings/minutes_list.html", {"page": page})


@login_required
def meeting_minutes(request, pk: int):
    """A meeting's minutes: the current published version and the history of versions. Drafts
    only for those who manage the meeting; without published minutes, nothing for the others."""
    meeting = _meeting_or_404(pk)
    manage = request.user.has_perm("governance.manage_meeting", meeting)
    adjusters = list(meeting.adjusters.order_by("last_name", "first_name", "pk"))
    adjuster = any(u.pk == request.user.pk for u in adjusters)
    versions = [m for m in selectors.minutes_versions(meeting) if m.is_published or manage or adjuster]
    published = [m for m in versions if m.is_published]
    if not published and not manage and not adjuster:
        raise Http404
    draft = next((m for m in versions if not m.is_published), None)
    answers = list(draft.adjustments.select_related("adjuster").order_by("answered_at")) if draft else []
    waiting = services.adjusters_waiting(draft) if draft else []
    return render(
        request,
        "governance/meetings/minutes_detail.html",
        {
            "meeting": meeting,
            "minutes": published[0] if published else None,
            "draft": draft,
            "versions": versions,
            "can_manage": manage,
            "can_view_meeting": request.user.has_perm("governance.view_meeting", meeting),
            "adjusters": adjusters,
            "answers": answers,
            "waiting": waiting,
            "may_answer": bool(draft and draft.sent_for_adjustment_at and adjuster and not any(
                a.adjuster_id == request.user.pk and a.minutes_version == draft.version for a in answers)),
            "adjust_form": AdjustmentForm(),
            "actions": list(meeting.action_items.select_related("owner__organisation").order_by("due", "pk")),
        },
    )


@login_required
def action_item_add(request, pk: int):
    meeting = _managed(request, pk)
    form = ActionItemForm(request.POST or None, meeting=meeting)
    back = reverse("governance:meeting_minutes", kwargs={"pk": meeting.pk})
    return submit(
        request, form,
        lambda d: services.action_item_add(meeting=meeting, actor=request.user, **d),
        success=_("The action was added; its owner is told."), then=back,
    ) or render(request, "governance/meetings/action_item_form.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def action_item_status(request, pk: int):
    item = get_object_or_404(ActionItem.objects.select_related("meeting"), pk=pk)
    status = request.POST.get("status", "")
    return act(request, lambda: services.action_item_set_status(item=item, status=status, actor=request.user),
               success=_("The action was updated."), then=item.get_absolute_url())


@login_required
@require_POST
def minutes_send_for_adjustment(request, pk: int):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)
    require(request.user, "governance.manage_meeting", minutes.meeting,
            message=_("Only the officers of the meeting's bodies may do this."))
    return act(request, lambda: services.minutes_send_for_adjustment(minutes=minutes, actor=request.user),
               success=_("The draft was sent to the adjusters. It cannot be changed until they have answered."),
               then=reverse("governance:meeting_minutes", kwargs={"pk": minutes.meeting_id}))


@login_required
@require_POST
def minutes_take_back(request, pk: int):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)
    require(request.user, "governance.manage_meeting", minutes.meeting,
            message=_("Only the officers of the meeting's bodies may do this."))
    return act(request, lambda: services.minutes_take_back(minutes=minutes, actor=request.user),
               success=_("The draft was taken back from the adjusters: change it and send it again."),
               then=reverse("governance:meeting_minutes", kwargs={"pk": minutes.meeting_id}))


@login_required
@require_POST
def minutes_adjust(request, pk: int):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)
    require(request.user, "governance.adjust_minutes", minutes,
            message=_("Only the meeting's adjusters adjust its minutes."))
    form = AdjustmentForm(request.POST)
    back = reverse("governance:meeting_minutes", kwargs={"pk": minutes.meeting_id})
    return submit(
        request, form,
        lambda d: services.minutes_adjust(minutes=minutes, actor=request.user, approve=d["answer"] == "approve",
                                          comment=d.get("comment", "")),
        success=lambda a: _("You approved the minutes.") if a.approved else _(
            "Your proposed change was sent to the meeting's officers."),
        then=back,
    ) or render(request, "governance/meetings/minutes_adjust.html", {"minutes": minutes, "meeting": minutes.meeting,
                                                                      "form": form})


@login_required
def minutes_version(request, pk: int):
    """One version, as it was published (or the draft, for those who manage the meeting)."""
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting", "meeting__body", "previous", "created_by", "published_by"), pk=pk
    )
    if not request.user.has_perm("governance.view_minutes", minutes):
        raise Http404
    return render(
        request,
        "governance/meetings/minutes_version.html",
        {"minutes": minutes, "meeting": minutes.meeting, "can_manage": request.user.has_perm("governance.manage_meeting", minutes.meeting),
         "newer": Minutes.objects.filter(previous=minutes, status=Minutes.Status.PUBLISHED).first()},
    )


@login_required
def minutes_archive(request, pk: int):
    """A published version of the minutes as an archive copy (tagged PDF/A-2a), with who adjusted it."""
    minutes = get_object_or_404(Minutes.objects.select_related("meeting", "meeting__body", "published_by"), pk=pk)
    if not minutes.is_published or not request.user.has_perm("governance.view_minutes", minutes):
        raise Http404
    adjusted_by = list(minutes.adjustments.filter(minutes_version=minutes.version, approved=True)
                       .select_related("adjuster"))
    actions = list(minutes.meeting.action_items.select_related("owner").order_by("due", "pk"))
    return archive_response(
        "archive/minutes.html", {"minutes": minutes, "meeting": minutes.meeting, "adjusted_by": adjusted_by,
                                 "actions": actions},
        title=_("Minutes: %(title)s") % {"title": minutes.meeting.title},
        filename=f"minnesanteckningar-{minutes.meeting.date:%Y%m%d}-v{minutes.number}.pdf")


@login_required
def minutes_edit(request, pk: int):
    """Write (or go on writing) the meeting's draft; after publication a draft is a correction."""
    meeting = _managed(request, pk)
    draft = selectors.draft_minutes(meeting)
    published = selectors.current_minutes(meeting)
    initial = {}
    if draft:
        initial = {"text": draft.text, "reason": draft.correction_reason, "version": draft.version}
    elif published:
        initial = {"text": published.text}
    form = MinutesForm(request.POST or None, initial=initial, correction=published is not None)
    return submit(
        request, form,
        lambda d: services.minutes_save_draft(meeting=meeting, text=d["text"], reason=d.get("reason", ""),
                                              version=d.get("version"), actor=request.user),
        success=_("The draft was saved. It is visible only to the body's officers until you publish it."),
        then=reverse("governance:meeting_minutes", kwargs={"pk": meeting.pk}),
        saved=lambda: selectors.draft_minutes(meeting), fields=["text"],
    ) or render(
        request,
        "governance/meetings/minutes_form.html",
        {"meeting": meeting, "form": form, "draft": draft, "published": published},
    )


@login_required
@require_POST
def minutes_publish(request, pk: int):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)
    require(request.user, "governance.manage_meeting", minutes.meeting, message=_("Only the officers of the meeting's bodies may publish its minutes."))
    back = reverse("governance:meeting_minutes", kwargs={"pk": minutes.meeting_id})
    return confirm(request, action=_("Publish version %(n)s") % {"n": minutes.number}, back=back,
                   consequences=[_("The minutes are published to the whole network and can no longer be "
                                   "changed: a correction becomes a new version.")],
                   ) or act(request, lambda: services.minutes_publish(minutes=minutes, actor=request.user),
               success=_("The minutes were published."),
               then=reverse("governance:meeting_minutes", kwargs={"pk": minutes.meeting_id}))


@login_required
@require_POST
def minutes_discard(request, pk: int):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)
    require(request.user, "governance.manage_meeting", minutes.meeting, message=_("Only the officers of the meeting's bodies may do this."))
    back = reverse("governance:meeting_minutes", kwargs={"pk": minutes.meeting_id})
    return confirm(request, action=_("Delete the draft"), back=back,
                   consequences=[_("The draft is deleted and cannot be brought back.")],
                   ) or act(request, lambda: services.minutes_discard_draft(minutes=minutes, actor=request.user),
               success=_("The draft was deleted."),
               then=reverse("governance:meeting_minutes", kwargs={"pk": minutes.meeting_id}))
