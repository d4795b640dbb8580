"""Reads of feature requests, the handbook, FAQ and policies, platforms and the yearly meeting."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.people.models import Organisation, User

from ..models import (
    FeatureRequest,
    HandbookPage,
    Policy,
    PolicyVersion,
    RepresentativesMeeting,
    WebPlatform,
)
from .roles import web_lead


# --- Feature requests ----------------------------------------------------------------------------------
def _requests() -> QuerySet[FeatureRequest]:
    return FeatureRequest.objects.select_related("submitted_by", "organisation").annotate(
        support_count=Count("supports", distinct=True)
    )


def backlog() -> QuerySet[FeatureRequest]:
    """The ranked backlog: accepted requests up to those in test, best rank first."""
    return _requests().filter(status__in=FeatureRequest.BACKLOG).order_by(
        "rank", "created_at", "pk"
    )


def requests(*, status: str | None = None) -> QuerySet[FeatureRequest]:
    qs = _requests()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def requests_to_triage() -> QuerySet[FeatureRequest]:
    return requests(status=FeatureRequest.Status.NEW)


def request_detail(pk: int) -> FeatureRequest:
    return (
        _requests()
        .prefetch_related("attachments", Prefetch("supports", queryset=_supports()))
        .get(pk=pk)
    )


def _supports():
    from ..models import FeatureSupport

    return FeatureSupport.objects.select_related("organisation", "user").order_by("created_at", "pk")


# What each saved version of a feature request did, for the reader (the history row keeps the audit
# code the service wrote, e.g. "status: released"; it is never shown as such).
_REQUEST_STEPS = {
    "submitted": gettext_lazy("Submitted"),
    "specification updated": gettext_lazy("Value, effort, specification or test result recorded"),
    "backlog renumbered": gettext_lazy("Backlog renumbered after a request left it"),
    "backlog reordered": gettext_lazy("Backlog reordered"),
}


def request_step(code: str | None, status_label: str) -> str:
    if code and code.startswith("status: "):
        return _("Status changed to %(status)s") % {"status": str(status_label).lower()}
    label = _REQUEST_STEPS.get(code or "")
    return str(label) if label else _("Saved")


def request_history(request: FeatureRequest) -> list:
    """Every saved version, newest first, each with `step` (what it did, in the reader's language)
    and `why` (the feature owner's reason, on a change of status)."""
    rows = list(request.history.select_related("history_user").order_by("-history_date", "-history_id"))
    for h in rows:
        h.step = request_step(h.history_change_reason, h.get_status_display())
        is_status_step = (h.history_change_reason or "").startswith("status: ")
        h.why = (h.step_reason or (h.rejection_reason if h.status == FeatureRequest.Status.REJECTED else "")) \
            if is_status_step else ""
    return rows


def supported_request_ids(organisation: Organisation, request_ids) -> set[int]:
    from ..models import FeatureSupport

    return set(
        FeatureSupport.objects.filter(organisation=organisation, request_id__in=list(request_ids))
        .values_list("request_id", flat=True)
    )


# --- Handbook, FAQ, policies ---------------------------------------------------------------------------
def pages(*, include_drafts: bool = False, query: str = "", kind: str = "") -> QuerySet[HandbookPage]:
    """Handbook and FAQ pages; published only unless the reader may edit. A simple search over
    title and text."""
    qs = HandbookPage.objects.select_related("updated_by")
    if not include_drafts:
        qs = qs.filter(status=HandbookPage.Status.PUBLISHED)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(body__icontains=query))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "sort_order", "title")


def page_versions(page: HandbookPage):
    return page.history.select_related("history_user").order_by("-history_date", "-history_id")


def policies() -> QuerySet[Policy]:
    versions = PolicyVersion.objects.select_related("decision").order_by("-number")
    return Policy.objects.prefetch_related(Prefetch("versions", queryset=versions)).order_by("kind", "title")


# --- Platforms and the yearly meeting ----------------------------------------------------------------
def platforms() -> QuerySet[WebPlatform]:
    return WebPlatform.objects.order_by("kind", "name", "environment")


def representatives_meeting(year: int) -> RepresentativesMeeting | None:
    return RepresentativesMeeting.objects.filter(year=year).first()


@dataclass
class YearlyMeetingReminder:
    """What the once-a-year reminder of the member organisations' meeting needs: the meeting (or
    None when it is not yet planned), who to remind (each member organisation's information
    manager, and the web development lead) and the occasion key that makes it once a year."""

    year: int
    meeting: RepresentativesMeeting | None
    recipients: list[User]
    occasion: str


def yearly_meeting_reminder(day: dt.date | None = None) -> YearlyMeetingReminder:
    day = day or today()
    recipients: dict[int, User] = {}
    for m in (
        Membership.objects.active_on(day).filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK)
        .select_related("user").order_by("organisation__sort_order")
    ):
        recipients.setdefault(m.user_id, m.user)
    lead = web_lead(on=day)
    if lead is not None:
        recipients.setdefault(lead.user_id, lead.user)
    return YearlyMeetingReminder(
        year=day.year, meeting=representatives_meeting(day.year), recipients=list(recipients.values()),
        occasion=f"web-representatives-meeting-{day.year}",
    )
