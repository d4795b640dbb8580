"""The pages of a body's meeting planning: a new meeting series, the standing agenda items, the
topic backlog, and cancelling a meeting."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance.authority import require
from governance.bodies.models import Body
from governance.web import act, confirm, error_messages, submit

from . import planning
from .models import Meeting
from .planning_forms import CancelForm, SeriesForm, TemplateFormSet, TopicForm, TopicScheduleForm
from .series import AgendaTopic


def _planned(request, pk: int) -> Body:
    body = get_object_or_404(Body, pk=pk)
    require(request.user, "governance.manage_body", body,
            message=_("Only the officers of %(body)s plan its meetings.") % {"body": body})
    return body


@login_required
def series_create(request, pk: int):
    body = _planned(request, pk)
    form = SeriesForm(request.POST or None)
    return submit(
        request, form,
        lambda d: planning.series_create(body=body, actor=request.user, **d),
        success=lambda result: ngettext("The series was created with %(n)s meeting.",
                                        "The series was created with %(n)s meetings.", len(result[1]))
        % {"n": len(result[1])},
        then=reverse("governance:meeting_list") + f"?organ={body.pk}",
    ) or render(request, "governance/meetings/series_form.html", {
        "form": form, "body": body, "template": list(body.agenda_template.order_by("order", "pk"))})


@login_required
def agenda_template_edit(request, pk: int):
    body = _planned(request, pk)
    initial = [{"order": i.order, "title": i.title, "duration_minutes": i.duration_minutes}
               for i in body.agenda_template.order_by("order", "pk")]
    formset = TemplateFormSet(request.POST or None, prefix="items", initial=initial)
    if request.method == "POST" and formset.is_valid():
        return act(request, lambda: planning.agenda_template_set(body=body, entries=formset.entries(),
                                                                 actor=request.user),
                   success=_("The standing agenda items were saved."), then=reverse(
                       "governance:agenda_topics", kwargs={"pk": body.pk}))
    return render(request, "governance/meetings/agenda_template_form.html", {"body": body, "formset": formset})


@login_required
def agenda_topics(request, pk: int):
    """The body's topic backlog: members propose, officers move a topic into a coming agenda."""
    body = get_object_or_404(Body, pk=pk)
    may_propose = request.user.has_perm("governance.propose_agendatopic", body)
    may_plan = request.user.has_perm("governance.manage_body", body)
    if not (may_propose or may_plan):
        require(request.user, "governance.propose_agendatopic", body,
                message=_("The topic backlog is for the members of %(body)s.") % {"body": body})
    form = TopicForm(request.POST or None) if may_propose else None
    if form is not None:
        done = submit(request, form, lambda d: planning.topic_add(body=body, actor=request.user, **d),
                      success=_("The topic was added to the backlog."), then=request.path)
        if done:
            return done
    coming = (Meeting.objects.for_bodies([body.pk]).filter(start__gte=timezone.now(), cancelled_at__isnull=True)
              .order_by("start"))
    topics = list(body.agenda_topics.select_related("proposed_by", "meeting").order_by("status", "proposed_at"))
    return render(request, "governance/meetings/agenda_topics.html", {
        "body": body, "form": form, "may_plan": may_plan, "topics": topics,
        "schedule_form": TopicScheduleForm(meetings=coming) if may_plan else None,
        "template": list(body.agenda_template.order_by("order", "pk")),
        "series": list(body.meeting_series.order_by("-first_date")[:10]),
    })


@login_required
@require_POST
def topic_schedule(request, pk: int):
    topic = get_object_or_404(AgendaTopic.objects.select_related("body"), pk=pk)
    require(request.user, "governance.manage_body", topic.body,
            message=_("Only the officers of %(body)s plan its meetings.") % {"body": topic.body})
    coming = Meeting.objects.for_bodies([topic.body_id]).filter(start__gte=timezone.now(), cancelled_at__isnull=True)
    form = TopicScheduleForm(request.POST, meetings=coming)
    back = reverse("governance:agenda_topics", kwargs={"pk": topic.body_id})
    if not form.is_valid():  # a form in a table row: its refusal is a message on the backlog's page
        error_messages(request, ValidationError(form.errors.as_data()))
        return redirect(back)
    return act(request, lambda: planning.topic_schedule(topic=topic, actor=request.user, **form.cleaned_data),
               success=_("The topic is on the meeting's agenda."), then=back)


@login_required
@require_POST
def topic_withdraw(request, pk: int):
    topic = get_object_or_404(AgendaTopic.objects.select_related("body"), pk=pk)
    return act(request, lambda: planning.topic_withdraw(topic=topic, actor=request.user),
               success=_("The topic was withdrawn."),
               then=reverse("governance:agenda_topics", kwargs={"pk": topic.body_id}))


@login_required
@require_POST
def meeting_cancel(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(request.user, "governance.manage_meeting", meeting,
            message=_("Only the officers of the meeting's bodies may do this."))
    form = CancelForm(request.POST)
    if not form.is_valid():
        error_messages(request, ValidationError(_("Say why the meeting is cancelled.")))
        return redirect(meeting)
    return confirm(request, action=_("Cancel the meeting"), back=meeting, consequences=[
        _("The meeting stays in the lists and the calendar feeds, marked as cancelled."),
        _("The members of its bodies are told, with your reason.")]) or act(
        request, lambda: planning.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"],
                                                 actor=request.user),
        success=_("The meeting was cancelled."), then=meeting)
