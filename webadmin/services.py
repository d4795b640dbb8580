"""Writes of the web management. Keyword-only, atomic, validated (full_clean through
audited_save), recorded in the history with who and why; PermissionDenied when the actor may not.
`actor=None` is the system itself (data migrations, commands) and skips the permission check."""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from governance.audit import audited_delete, audited_save
from governance.authority import require
from governance.models import Body, Membership, Organisation, User
from governance.selectors import steering_group
from governance.services import membership_create, membership_end, notification_send

from . import notifications as kinds
from .models import (
    FeatureAttachment,
    FeatureRequest,
    FeatureSupport,
    HandbookPage,
    Policy,
    PolicyVersion,
    Role,
    RoleAssignment,
    StatusReport,
    SteeringDecision,
    WorkingGroup,
)
from .selectors import role_holders, web_lead, web_management_group

GROUP_SIZE = 5  # members besides the chair

# Attachments: the type is read from the content, never from the name or the browser's claim.
ALLOWED_ATTACHMENT_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}



def _check_version(obj, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise ValidationError(
            _("Somebody else changed this while you were editing it. Your text is kept below: "
              "reload the page to see their change, then make yours again.")
        )


def _decision(*, kind: str, decided_on: dt.date, summary: str, actor, assignment=None, body=None):
    decision = SteeringDecision(
        kind=kind, steering_group=steering_group(decided_on.year), decided_on=decided_on, summary=summary,
        recorded_by=actor if getattr(actor, "pk", None) else None, assignment=assignment, body=body,
    )
    return audited_save(decision, actor=actor, reason=f"decision: {kind}")


# --- Roles ----------------------------------------------------------------------------------------------
@transaction.atomic
def role_assign(
    *,
    role: Role,
    user: User,
    start: dt.date,
    decided_on: dt.date,
    actor: User | None,
    end: dt.date | None = None,
    share: Decimal = Decimal("0"),
    salary_cost: Decimal = Decimal("0"),
    social_fee_rate: Decimal = Decimal("0.3142"),
    note: str = "",
) -> RoleAssignment:
    """The steering group assigns a role to a person for a period; the decision is recorded.
    The process owner cannot be assigned (it follows the steering group's chair). The share and
    the person's salary cost (at full time, plus social fees) are what the operating plan pays the
    person's organisation for the assignment."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group assigns the web management roles."))
    Role.objects.select_for_update().filter(pk=role.pk).first()  # two appointments cannot both pass
    assignment = RoleAssignment(role=role, user=user, organisation=user.organisation, start=start, end=end,
                                share=share, salary_cost=salary_cost, social_fee_rate=social_fee_rate, note=note)
    audited_save(assignment, actor=actor, reason="role assigned")
    kind = (SteeringDecision.Kind.APPOINT_WEB_LEAD if role.code == Role.Code.WEB_LEAD
            else SteeringDecision.Kind.ASSIGN_ROLE)
    summary = _("%(person)s (%(org)s) is %(role)s from %(start)s%(until)s, %(share)s of full time.") % {
        "person": user, "org": user.organisation.short_name, "role": role, "start": start,
        "until": (" " + _("until %(end)s") % {"end": end}) if end else "", "share": share,
    }
    _decision(kind=kind, decided_on=decided_on, summary=summary, actor=actor, assignment=assignment)
    return assignment


def web_lead_appoint(*, user: User, start: dt.date, decided_on: dt.date, actor: User | None,
                     end: dt.date | None = None, share: Decimal = Decimal("0"), salary_cost: Decimal = Decimal("0"),
                     social_fee_rate: Decimal = Decimal("0.3142")) -> RoleAssignment:
    """The steering group appoints the web development lead (a recorded decision)."""
    return role_assign(role=Role.objects.get(code=Role.Code.WEB_LEAD), user=user, start=start, end=end,
                       share=share, salary_cost=salary_cost, social_fee_rate=social_fee_rate,
                       decided_on=decided_on, actor=actor)


@transaction.atomic
def role_assignment_end(*, assignment: RoleAssignment, end: dt.date, actor: User | None) -> RoleAssignment:
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group assigns the web management roles."))
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.end = end
    audited_save(assignment, actor=actor, reason="role assignment ended")
    return assignment


@transaction.atomic
def role_assignment_update(*, assignment: RoleAssignment, actor: User | None, end: dt.date | None,
                           share: Decimal, salary_cost: Decimal, social_fee_rate: Decimal, note: str = ""
                           ) -> RoleAssignment:
    """Correct what the plan pays for an assignment (share, salary cost, social fees) or its end.
    Who holds which role from when is the decision itself: a new person is a new assignment."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group assigns the web management roles."))
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.end, assignment.share, assignment.salary_cost = end, share, salary_cost
    assignment.social_fee_rate, assignment.note = social_fee_rate, note
    audited_save(assignment, actor=actor, reason="role assignment changed")
    return assignment


# --- The web management group -----------------------------------------------------------------------
def _is_system_administrator_representative(user: User, on: dt.date) -> bool:
    if user.organisation.kind == Organisation.Kind.IT_UNIT:
        return True
    return RoleAssignment.objects.active_on(on).filter(
        user=user, role__code=Role.Code.SYSTEM_ADMINISTRATOR
    ).exists()


def composition_errors(*, chair: User | None, members: Sequence[User], on: dt.date) -> list[str]:
    """Every rule of the web management group that this composition breaks, each named."""
    errors: list[str] = []
    if chair is None:
        errors.append(_("Rule: the group is chaired by the web development lead. There is no web development "
                        "lead on %(day)s: the steering group appoints one first.") % {"day": on})
    ids = [m.pk for m in members]
    duplicates = sorted({str(m) for m in members if ids.count(m.pk) > 1})
    if duplicates:
        errors.append(_("A person can be in the group only once: %(names)s.") % {"names": ", ".join(duplicates)})
    if chair is not None and chair.pk in ids:
        errors.append(_("Rule: the web development lead chairs the group and is not one of the five members."))
    if len(set(ids)) != GROUP_SIZE:
        errors.append(_("Rule: the group has five members besides the chair; this composition has %(n)d.")
                      % {"n": len(set(ids))})
    admins = [m for m in members if _is_system_administrator_representative(m, on)]
    if not admins:
        errors.append(_("Rule: at least one member represents the technical system administrator (a person "
                        "from the IT unit or a contact person of the system administrator at Länsstyrelsen i "
                        "Västra Götaland). None of the chosen members does."))
    if not any(m.has_it_competence for m in members):
        errors.append(_("Rule: at least one member has IT competence. None of the chosen members is marked "
                        "as having IT competence."))
    communicators = set(
        Membership.objects.active_on(on).filter(body__kind=Body.Kind.COMMUNICATORS_NETWORK, user__in=members)
        .values_list("user_id", flat=True)
    )
    admin_ids = {m.pk for m in admins}
    not_communicators = sorted({str(m) for m in members if m.pk not in admin_ids and m.pk not in communicators})
    if not_communicators:
        errors.append(_("Rule: the members who do not represent the system administrator are communicators. "
                        "Not in the communicators' network: %(names)s.") % {"names": ", ".join(not_communicators)})
    return errors


@transaction.atomic
def web_management_group_compose(
    *,
    year: int,
    members: Sequence[tuple[User, str]],
    start: dt.date,
    decided_on: dt.date,
    actor: User | None,
) -> Body:
    """The steering group decides the web management group's composition for `year` from `start`:
    chaired by the web development lead, five members representing the roles. A composition that
    breaks a rule is refused with the rule named; the decision is recorded."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group decides the web management group's "
                                                "composition."))
    if start.year != year:
        raise ValidationError(_("The composition must take effect within %(year)s.") % {"year": year})
    lead = web_lead(on=start)
    chair = lead.user if lead else None
    people = [user for user, _represents in members]
    errors = composition_errors(chair=chair, members=people, on=start)
    if errors:
        raise ValidationError(errors)
    body = web_management_group(year)
    if body is None:
        body = Body(kind=Body.Kind.WEB_MANAGEMENT_GROUP, year=year, name="Webbförvaltningsgruppen",
                    description=_("Chaired by the web development lead; five members representing the roles."))
        audited_save(body, actor=actor, reason="web management group created")
    wanted = {chair.pk: (Membership.Position.CHAIR, "")}
    wanted.update({user.pk: (Membership.Position.MEMBER, represents) for user, represents in members})
    users = {chair.pk: chair, **{u.pk: u for u in people}}
    dec31 = dt.date(year, 12, 31)
    kept: set[int] = set()
    for m in Membership.objects.select_for_update().filter(body=body).overlapping(start, dec31):
        position, represents = wanted.get(m.user_id, (None, ""))
        if position == m.position and m.user_id not in kept:
            kept.add(m.user_id)
            if m.role_description != represents:
                m.role_description = represents
                audited_save(m, actor=actor, reason="web management group composition")
        elif m.start < start:
            membership_end(membership=m, end=start - dt.timedelta(days=1), actor=actor)
        else:
            audited_delete(m, actor=actor, reason="web management group composition")
    for user_id, (position, represents) in wanted.items():
        if user_id not in kept:
            membership_create(body=body, user=users[user_id], start=start, end=dec31, position=position,
                              role_description=represents, actor=actor)
    names = ", ".join(f"{u} ({r})" if r else str(u) for u, r in members)
    _decision(kind=SteeringDecision.Kind.GROUP_COMPOSITION, decided_on=decided_on, actor=actor, body=body,
              summary=_("The web management group %(year)s from %(start)s: %(chair)s (chair); %(members)s.")
              % {"year": year, "start": start, "chair": chair, "members": names})
    return body


# --- Working and reference groups --------------------------------------------------------------------
@transaction.atomic
def working_group_create(
    *,
    kind: str,
    name: str,
    purpose: str,
    leader: User,
    members: Iterable[User],
    start: dt.date,
    actor: User | None,
    end: dt.date | None = None,
) -> WorkingGroup:
    """The web management group sets up a working or reference group with a leader who reports
    to the web development lead."""
    if actor is not None:
        require(actor, "webadmin.lead_web", message=_("Only the web development lead sets up working and reference "
                                              "groups."))
    if kind not in (Body.Kind.WORKING_GROUP, Body.Kind.REFERENCE_GROUP):
        raise ValidationError(_("Choose a working group or a reference group."))
    if end is not None and end < start:
        raise ValidationError(_("The end date must not be before the start date."))
    parent = web_management_group(start.year)
    if parent is None:
        raise ValidationError(_("Set up the web management group for %(year)s first: working and reference "
                                "groups report to it.") % {"year": start.year})
    body = audited_save(Body(kind=kind, name=name, parent=parent, description=purpose), actor=actor,
                        reason="working group created")
    group = audited_save(WorkingGroup(body=body, purpose=purpose, start=start, end=end), actor=actor,
                         reason="working group created")
    membership_create(body=body, user=leader, start=start, end=end, position=Membership.Position.LEADER,
                      actor=actor)
    for user in members:
        if user.pk != leader.pk:
            membership_create(body=body, user=user, start=start, end=end, actor=actor)
    return group


@transaction.atomic
def status_report_file(*, group: WorkingGroup, text: str, actor: User) -> StatusReport:
    """The group's leader files a short status report; the web development lead is notified."""
    require(actor, "webadmin.file_status_report", group, message=_("Only the group's leader files status reports."))
    report = audited_save(StatusReport(group=group, author=actor, text=text.strip()), actor=actor,
                          reason="status report")
    lead = web_lead()
    if lead is not None:
        notification_send(
            kind=kinds.STATUS_REPORT, recipient=lead.user, target=report, occasion="filed",
            subject=_("Status report from %(group)s") % {"group": group},
            body=report.text, url=group.get_absolute_url(),
        )
    return report


# --- Feature requests --------------------------------------------------------------------------------
def attachment_check(upload) -> str:
    """The upload's real type (read from its content with `filetype`), or ValidationError."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is too large: an attachment may be at most %(max)d MB.")
            % {"name": upload.name, "max": limit // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationError(
            _("%(name)s is not a file type we accept (its content was checked): attach a PDF, an image "
              "(PNG, JPEG, GIF, WebP) or an office document (Word, Excel, PowerPoint, OpenDocument).")
            % {"name": upload.name}
        )
    return kind.mime


@transaction.atomic
def attachment_add(*, request: FeatureRequest, upload, actor: User) -> FeatureAttachment:
    mime = attachment_check(upload)
    extension = ALLOWED_ATTACHMENT_TYPES[mime]
    original = get_valid_filename(upload.name)[:255] or f"bilaga.{extension}"
    attachment = FeatureAttachment(request=request, original_name=original, content_type=mime,
                                   size=upload.size, uploaded_by=actor)
    attachment.file.save(f"{secrets.token_hex(16)}.{extension}", upload, save=False)
    return audited_save(attachment, actor=actor, reason="attachment added")


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
        attachment_check(upload)
    request = FeatureRequest(title=title, site=site, problem=problem, proposal=proposal, affected=affected,
                             submitted_by=actor, organisation=actor.organisation)
    audited_save(request, actor=actor, reason="submitted")
    for upload in attachments:
        attachment_add(request=request, upload=upload, actor=actor)
    for owner in role_holders(Role.Code.FEATURE_OWNER):
        notification_send(
            kind=kinds.FEATURE_REQUEST, recipient=owner, target=request, occasion="submitted",
            subject=_("New feature request: %(title)s") % {"title": request.title},
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
    _check_version(request, version)
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
    request.status = status
    if status == FeatureRequest.Status.REJECTED:
        request.rejection_reason = reason
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
        subject=_("Your feature request “%(title)s” is now %(status)s")
        % {"title": request.title, "status": str(labels[status]).lower()},
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
    _check_version(request, version)
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


# --- Handbook and FAQ ------------------------------------------------------------------------------
@transaction.atomic
def page_create(*, kind: str, audience: str, title: str, slug: str, body: str, actor: User | None,
                sort_order: int = 0) -> HandbookPage:
    if actor is not None:
        require(actor, "webadmin.edit_handbook", message=_("Only the support owner and the editorial manager write the "
                                                   "handbook and FAQ."))
    page = HandbookPage(kind=kind, audience=audience, title=title, slug=slug, body=body, sort_order=sort_order,
                        updated_by=actor if getattr(actor, "pk", None) else None)
    return audited_save(page, actor=actor, reason="created")


@transaction.atomic
def page_update(*, page: HandbookPage, version: int | None, actor: User | None, **fields) -> HandbookPage:
    """Save a new version of a page (kind, audience, title, slug, body, sort_order)."""
    if actor is not None:
        require(actor, "webadmin.edit_handbook", message=_("Only the support owner and the editorial manager write the "
                                                   "handbook and FAQ."))
    page = HandbookPage.objects.select_for_update().get(pk=page.pk)
    _check_version(page, version)
    for name in ("kind", "audience", "title", "slug", "body", "sort_order"):
        if name in fields:
            setattr(page, name, fields[name])
    page.version += 1
    page.updated_by = actor if getattr(actor, "pk", None) else None
    return audited_save(page, actor=actor, reason="edited")


@transaction.atomic
def page_set_status(*, page: HandbookPage, status: str, actor: User | None) -> HandbookPage:
    """Publish a draft, or take a published page back to draft."""
    if actor is not None:
        require(actor, "webadmin.edit_handbook", message=_("Only the support owner and the editorial manager publish the "
                                                   "handbook and FAQ."))
    page = HandbookPage.objects.select_for_update().get(pk=page.pk)
    if status not in HandbookPage.Status.values:
        raise ValidationError(_("Unknown status."))
    page.status = status
    if status == HandbookPage.Status.PUBLISHED:
        page.published_at = timezone.now()
    page.version += 1
    return audited_save(page, actor=actor, reason=status)


# --- Policies -----------------------------------------------------------------------------------------
@transaction.atomic
def policy_adopt(*, title: str, kind: str, body: str, decided_on: dt.date, actor: User | None) -> Policy:
    """The steering group adopts a new policy or guideline (version 1, with the decision date)."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group adopts policies and guidelines."))
    policy = audited_save(Policy(title=title, kind=kind), actor=actor, reason="adopted")
    policy_version_adopt(policy=policy, body=body, decided_on=decided_on, actor=actor)
    return policy


@transaction.atomic
def policy_version_adopt(*, policy: Policy, body: str, decided_on: dt.date, actor: User | None) -> PolicyVersion:
    """The steering group adopts a new version of a policy; earlier versions stay readable."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group adopts policies and guidelines."))
    Policy.objects.select_for_update().filter(pk=policy.pk).first()
    latest = policy.versions.order_by("-number").first()
    if latest is not None and decided_on < latest.decision.decided_on:
        raise ValidationError(_("A new version cannot be decided before the current one (%(date)s).")
                              % {"date": latest.decision.decided_on})
    number = (latest.number if latest else 0) + 1
    decision = _decision(kind=SteeringDecision.Kind.POLICY, decided_on=decided_on, actor=actor,
                         summary=_("%(title)s, version %(n)d adopted.") % {"title": policy.title, "n": number})
    return audited_save(PolicyVersion(policy=policy, number=number, body=body, decision=decision), actor=actor,
                        reason="version adopted")


# --- Reminders (idempotent through notification_send; the meeting-quota reminder is webadmin.tasks) ----
def yearly_meeting_remind(*, today: dt.date) -> int:
    """Remind every member organisation's information manager and the web development lead of the
    yearly meeting of the member organisations' representatives — once a year. Returns how many
    reminders were created."""
    from django.urls import reverse

    from .selectors import yearly_meeting_reminder

    reminder = yearly_meeting_reminder(today)
    when = (_("on %(date)s") % {"date": reminder.meeting.date}) if reminder.meeting and reminder.meeting.date \
        else _("(not yet planned)")
    created = 0
    for person in reminder.recipients:
        _notification, new = notification_send(
            kind=kinds.WEB_MEETINGS, recipient=person, target=reminder.meeting, occasion=reminder.occasion,
            subject=_("The member organisations' yearly web meeting %(year)s") % {"year": reminder.year},
            body=_("All member organisations' representatives meet at least once a year on the web plan, the "
                   "budget, the fee and the ambition level: this year's meeting %(when)s.") % {"when": when},
            url=reverse("webadmin:platform_list"),
        )
        created += new
    return created
