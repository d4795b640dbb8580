"""Culling (gallring) under the retention schedule: the yearly culling list is drafted from the
schedule (governance/retention.py and the admin's RetentionRule rows), an archivist approves it —
keeping any record they see reason to keep — and only then are the records removed, each in its own
savepoint with its earlier versions in the history tables, their files once the culling is committed.
The list's rows stay as the log of what was culled, when, under which class and retention decision.

A record's period counts from its date: a kind culled after N years is culled on the list of the
year after its N-th full calendar year (a 2019 presentation under "5 years" is on the 2025 list)."""
from __future__ import annotations

import datetime as dt
import logging

import rules
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.audit import audited_save
from governance.authority import refuse, today
from governance.concurrency import check_version, locked
from governance.notifications import kinds as notification_kinds
from governance.notifications.services import notification_send
from governance.retention import RecordKind, record_kinds
from governance.texts import Text

from .models import Archivist, CullingItem, CullingList, RetentionRule

log = logging.getLogger("samordna.culling")


def cutoff(year: int, years: int) -> dt.date:
    """The first date still kept on the list of `year` for a class of `years`."""
    return dt.date(year - years, 1, 1)


def schedule() -> list[tuple[RecordKind, RetentionRule | None]]:
    """Every kind of record with its rule (None: kept, no class set), in the settings' order."""
    rules = {r.kind: r for r in RetentionRule.objects.select_related("retention_class")}
    return [(kind, rules.get(kind.key)) for kind in record_kinds().values()]


@transaction.atomic
def culling_draft(*, year: int, actor=None) -> tuple[CullingList, int]:
    """The culling list of `year` with every record then due (added to the draft if it exists).
    Returns the list and how many rows were added; an approved list is never drafted again."""
    culling_list, _created = CullingList.objects.select_for_update().get_or_create(year=year)
    CullingList.WORKFLOW.check(culling_list, CullingList.Status.CULLED, ValidationError(
        _("The culling list for %(year)s has been approved and carried out: it is not drafted again.")
        % {"year": year}))
    existing = set(culling_list.items.values_list("target_type_id", "target_id"))
    rows = []
    for kind, rule in schedule():
        if kind.permanent or rule is None or not rule.retention_class.years:
            continue
        klass = rule.retention_class
        records = list(kind.due(cutoff(year, klass.years)))
        if not records:
            continue
        content_type = ContentType.objects.get_for_model(records[0])
        for record in records:
            if (content_type.pk, record.pk) in existing:
                continue
            rows.append(CullingItem(
                culling_list=culling_list, kind=kind.key, target_type=content_type, target_id=record.pk,
                description=str(kind.describe(record))[:300], record_date=kind.date_of(record),
                retention_class=klass.name, decision=klass.decision))
    CullingItem.objects.bulk_create(rows)
    if rows:
        culling_list.version += 1
        audited_save(culling_list, actor=actor, reason=f"drafted: {len(rows)} rows added", clean=False)
        _tell_archivists(culling_list, len(rows))
    return culling_list, len(rows)


def archivists_on(day: dt.date):
    """The people appointed archivist on `day`."""
    from governance.people.models import User

    current = Archivist.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))
    return User.objects.filter(is_active=True, pk__in=current.values("user_id")).order_by("pk")


def _tell_archivists(culling_list: CullingList, added: int) -> None:
    for archivist in archivists_on(today()):
        notification_send(
            kind=notification_kinds.CULLING_LIST, recipient=archivist, target=culling_list,
            occasion=f"drafted-{culling_list.version}",
            subject=Text(gettext_lazy("The culling list for %(year)s awaits your approval"), year=culling_list.year),
            body=Text(gettext_lazy("%(count)s records are due for culling under the retention schedule. Nothing "
                                   "is removed until you have approved the list."), count=added),
            url=culling_list.get_absolute_url())


def _forget_history(model, pk) -> None:
    """A culled record's earlier versions (django-simple-history), and the copy its deletion just
    wrote there, go with it: culled means gone, and the culling list is the log of what was."""
    history = getattr(model, "history", None)
    historical = getattr(history, "model", None)
    if historical is not None and historical is not model:
        historical._default_manager.filter(**{model._meta.pk.attname: pk}).delete()


def _cull(item: CullingItem, kind: RecordKind | None) -> str:
    model = item.target_type.model_class()
    record = model._default_manager.filter(pk=item.target_id).first() if model else None
    if record is None or kind is None:
        return CullingItem.Outcome.GONE
    files = [(f.storage, f.name) for f in kind.files(record) if f]
    try:
        with transaction.atomic():
            record.delete()
            _forget_history(model, item.target_id)
    except ProtectedError:
        return CullingItem.Outcome.HELD
    for storage, name in files:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    return CullingItem.Outcome.CULLED


@transaction.atomic
def culling_approve(*, culling_list: CullingList, actor, keep=(), keep_reason: str = "", note: str = "",
                    version=None) -> CullingList:
    """The archivist's approval: the rows in `keep` are kept (with the reason), every other record on
    the list is removed now, and the list is locked as the log of what was culled."""
    # The archivist's own rule, asked of the rule set itself: an administrator's all-rights account
    # (superuser) does not approve culling in the archivist's place.
    if not rules.has_perm("governance.approve_cullinglist", actor, culling_list):
        raise refuse(actor, "governance.approve_cullinglist", culling_list,
                     _("Only an archivist approves the culling list."))
    culling_list = locked(culling_list)
    CullingList.WORKFLOW.check(culling_list, CullingList.Status.CULLED, ValidationError(
        _("This culling list has already been approved and carried out.")))
    check_version(culling_list, version)
    keep_ids = {item.pk for item in keep}
    if keep_ids and not keep_reason.strip():
        raise ValidationError({"keep_reason": _("Say why the records you keep are kept.")})
    kinds, now = record_kinds(), timezone.now()
    counts: dict[str, int] = {}
    for item in culling_list.items.select_related("target_type").filter(outcome=CullingItem.Outcome.PROPOSED):
        if item.pk in keep_ids:
            item.outcome, item.keep_reason = CullingItem.Outcome.KEPT, keep_reason.strip()[:300]
        else:
            item.outcome = _cull(item, kinds.get(item.kind))
            item.culled_at = now if item.outcome == CullingItem.Outcome.CULLED else None
        item.save(update_fields=["outcome", "keep_reason", "culled_at"])
        counts[item.outcome] = counts.get(item.outcome, 0) + 1
    CullingList.WORKFLOW.move(culling_list, CullingList.Status.CULLED)
    culling_list.approved_by, culling_list.approved_at, culling_list.note = actor, now, note.strip()
    culling_list.version += 1
    audited_save(culling_list, actor=actor, reason=f"approved: {counts}"[:100], clean=False)
    log.info("culling list %s approved by user=%s: %s", culling_list.year, actor.pk, counts)
    return culling_list
