"""Feature requests: submitting, supporting, attachments, triage and the ranked backlog."""
from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from governance import concurrency, uploads
from governance.audit import audited_save
from governance.authority import require
from governance.notifications.services import notification_send
from governance.people.models import User
from governance.texts import Text, lower

from .. import notifications as kinds
from ..models import (
    FeatureAttachment,
    FeatureRequest,
    FeatureSupport,
    Role,
)
from ..selectors import role_holders


# --- Feature requests --------------------------------------------------------------------------------
@transaction.atomic
def attachment_add(*, request: FeatureRequest, upload, actor: User) -> FeatureAttachment:
    mime = uploads.check_upload(upload)
    attachment = FeatureAttachment(request=request, original_name=uploads.display_name(upload, mime),
                                   content_type=mime, size=upload.size, uploaded_by=actor)
    uploads.store(attachment, upload, mime, lambda: audited_save(attachment, actor=actor, reason="attachment added"))
    return attachment


@transaction.atomic
def feature_request_submit(
    *,
    title: str,
    site: str,
    problem: str,
    proposal: str,
    affected: str,
    actor: User,
    attachments: Sequence = (),
) -> FeatureRequest:
    """Any staff member submits a feature request; the feature owner is notified."""
    require(actor, "webadmin.submit_request", message=_("Log in to submit a request."))
    for upload in attachments:  # refuse the whole request before anything is saved
        uploads.check_upload(upload)
    request = FeatureRequest(title=title, site=site, problem=problem, proposal=proposal, affected=affected,
                             submitted_by=actor, organisation=actor.organisation)
    audited_save(request, actor=actor, reason="submitted")
    for upload in attachments:
        attachment_add(request=request, upload=upload, actor=actor)
    for owner in role_holders(Role.Code.FEATURE_OWNER):
        notification_send(
            kind=kinds.FEATURE_REQUEST, recipient=owner, target=request, occasion="submitted",
            subject=Text(gettext_lazy("New feature request: %(title)s"), title=request.title),
            body=request.problem, url=request.get_absolute_url(),
        )
    return request


@transaction.atomic
def feature_request_support(*, request: FeatureRequest, actor: User) -> FeatureSupport:
    """The actor's organisation supports the request — once per organisation."""
    require(actor, "webadmin.submit_request", message=_("Log in to support a request."))
    if request.status in (FeatureRequest.Status.REJECTED, FeatureRequest.Status.RELEASED):
        raise ValidationError(_("This request is %(status)s and can no longer be supported.")
                              % {"status": request.get_status_display().lower()})
    message = _("%(org)s already supports this request: each organisation supports a request once.") % {
        "org": actor.organisation.short_name}
    if FeatureSupport.objects.filter(request=request, organisation=actor.organisation_id).exists():
        raise ValidationError(message)
    try:
        with transaction.atomic():
            support = FeatureSupport.objects.create(request=request, organisation=actor.organisation, user=actor)
    except IntegrityError as exc:  # a colleague at the same organisation was a moment faster
        raise ValidationError(message) from exc
    return support


def _next_rank() -> int:
    top = FeatureRequest.objects.filter(status__in=FeatureRequest.BACKLOG).aggregate(m=Max("rank"))["m"]
    return (top or 0) + 1


@transaction.atomic
def feature_request_transition(
    *, request: FeatureRequest, status: str, actor: User | None, reason: str = "", version: int | None = None
) -> FeatureRequest:
    """The feature owner moves a request through triage: new → accepted/rejected → specified →
    in development → in test → released. Anything else is refused with the allowed next steps."""
    if actor is not None:
        require(actor, "webadmin.triage_requests", message=_("Only the feature owner triages feature requests."))
    request = FeatureRequest.objects.select_for_update().get(pk=request.pk)
    concurrency.check_version(request, version)
    labels = dict(FeatureRequest.Status.choices)
    if status not in labels:
        raise ValidationError(_("Unknown status."))
    allowed = request.allowed_transitions()
    if status not in allowed:
        raise ValidationError(
            _("A request that is %(current)s cannot become %(new)s. %(allowed)s") % {
                "current": str(labels[request.status]).lower(),
                "new": str(labels[status]).lower(),
                "allowed": (_("Allowed next: %(list)s.") % {"list": ", ".join(str(labels[s]).lower() for s in allowed)}
                            if allowed else _("It is closed.")),
            }
        )
    reason = reason.strip()
    if status == FeatureRequest.Status.REJECTED and not reason:
        raise ValidationError(_("Give a reason when you reject a request: the person who submitted it is told."))
    if status == FeatureRequest.Status.SPECIFIED and not request.requirement_specification.strip():
        raise ValidationError(_("Write the requirement specification before marking the request specified."))
    if status == FeatureRequest.Status.RELEASED and not request.test_result.strip():
        raise ValidationError(_("Record the test result before marking the request released."))
    was_in_backlog = request.status in FeatureRequest.BACKLOG
    FeatureRequest.WORKFLOW.move(request, status)
    if status == FeatureRequest.Status.REJECTED:
        request.rejection_reason = reason
    request.step_reason = reason
    if status in FeatureRequest.BACKLOG and not was_in_backlog:
        request.rank = _next_rank()
    elif status not in FeatureRequest.BACKLOG:
        request.rank = None
    request.version += 1
    audited_save(request, actor=actor, reason=f"status: {status}")
    if request.rank is None and was_in_backlog:
        _renumber(actor=actor, reason="backlog renumbered")
    notification_send(
        kind=kinds.FEATURE_REQUEST, recipient=request.submitted_by, target=request, occasion=f"status-{status}",
        subject=Text(gettext_lazy("Your feature request “%(title)s” is now %(status)s"),
                     title=request.title, status=lower(labels[status])),
        body=reason, url=request.get_absolute_url(),
    )
    return request


@transaction.atomic
def feature_request_update(
    *,
    request: FeatureRequest,
    version: int | None,
    actor: User | None,
    value: int | None,
    effort: int | None,
    requirement_specification: str,
    test_result: str,
) -> FeatureRequest:
    """The feature owner records value, effort, the requirement specification and the test result."""
    if actor is not None:
        require(actor, "webadmin.triage_requests", message=_("Only the feature owner triages feature requests."))
    request = FeatureRequest.objects.select_for_update().get(pk=request.pk)
    concurrency.check_version(request, version)
    request.value, request.effort = value, effort
    request.requirement_specification = requirement_specification
    request.test_result = test_result
    request.version += 1
    return audited_save(request, actor=actor, reason="specification updated")


def _renumber(order: list[int] | None = None, *, actor: User | None = None, reason: str = "backlog reordered") -> None:
    """Number the backlog 1..n (in `order` when given); the changed ranks are saved with history."""
    items = list(FeatureRequest.objects.select_for_update().filter(status__in=FeatureRequest.BACKLOG)
                 .order_by("rank", "created_at", "pk"))
    if order is not None:
        position = {pk: i for i, pk in enumerate(order)}
        items.sort(key=lambda r: position.get(r.pk, len(position)))
    changed = []
    for rank, item in enumerate(items, start=1):
        if item.rank != rank:
            item.rank = rank
            changed.append(item)
    if changed:
        bulk_update_with_history(changed, FeatureRequest, ["rank"], default_user=actor if getattr(actor, "pk", None)
                                 else None, default_change_reason=reason)


@transaction.atomic
def backlog_move(*, request: FeatureRequest, direction: str, actor: User | None) -> None:
    """Move a request up or down (or to the top or bottom) of the ranked backlog; saved at once."""
    if actor is not None:
        require(actor, "webadmin.triage_requests", message=_("Only the feature owner prioritises the backlog."))
    if request.status not in FeatureRequest.BACKLOG:
        raise ValidationError(_("Only requests in the backlog (accepted up to in test) are ranked."))
    order = list(FeatureRequest.objects.select_for_update().filter(status__in=FeatureRequest.BACKLOG)
                 .order_by("rank", "created_at", "pk").values_list("pk", flat=True))
    i = order.index(request.pk)
    target = {"up": i - 1, "down": i + 1, "top": 0, "bottom": len(order) - 1}.get(direction)
    if target is None:
        raise ValidationError(_("Unknown direction."))
    target = max(0, min(target, len(order) - 1))
    order.insert(target, order.pop(i))
    _renumber(order, actor=actor)


@transaction.atomic
def backlog_reorder(*, ordered_ids: Sequence[int], actor: User | None) -> None:
    """Save a whole new order of the backlog (ids best first; ids not given keep their order after)."""
    if actor is not None:
        require(actor, "webadmin.triage_requests", message=_("Only the feature owner prioritises the backlog."))
    _renumber([int(pk) for pk in ordered_ids], actor=actor)
