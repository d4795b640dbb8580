"""Registering decisions. Each service that decides something (the fee, the plan, the election,
development funds, web management) registers it here in the same transaction; a decision written
into minutes is registered by the body's officers. The number comes from the year's series in the
format settings.DECISION_NUMBER_FORMAT (e.g. "SAM {year}/{sequence}"), or is the host agency's own
number entered by hand."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from governance.audit import audited_save
from governance.texts import render, store

from .models import Decision, DecisionSeries


def number_for(year: int, sequence: int) -> str:
    return settings.DECISION_NUMBER_FORMAT.format(year=year, sequence=sequence)


def _next_sequence(year: int) -> int:
    DecisionSeries.objects.get_or_create(year=year)
    series = DecisionSeries.objects.select_for_update().get(year=year)
    series.last += 1
    series.save(update_fields=["last"])
    return series.last


def entry_for(obj) -> Decision | None:
    """The register entry of a decided object (a fee decision, an election decision, …), if any."""
    if obj is None:
        return None
    return Decision.objects.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk).first()


@transaction.atomic
def decision_register(*, kind: str, decided_on: dt.date, text, body=None, target=None, participants: Iterable = (),
                      presenter=None, grounds: str = "", dissent: str = "", dissenting: Iterable = (),
                      corrects: Decision | None = None, number: str = "", actor=None) -> Decision:
    """Register a decision; `text` is a texts.Text or a person's own words. Registering the same
    decided object again returns its entry (a retried task or a re-seeded demo never numbers twice)."""
    if target is not None:
        existing = entry_for(target)
        if existing is not None:
            return existing
    if kind not in Decision.Kind.values:
        raise ValidationError(_("Unknown kind of decision."))
    if corrects is not None and hasattr(corrects, "corrected_by"):
        raise ValidationError(_("%(number)s is already corrected by %(other)s: correct the newer decision.")
                              % {"number": corrects.number, "other": corrects.corrected_by.number})
    number = number.strip()
    if number and Decision.objects.filter(number=number).exists():
        raise ValidationError({"number": _("The registration number %(number)s is already used.") % {"number": number}})
    decision = Decision(kind=kind, year=decided_on.year, decided_on=decided_on, body=body, presenter=presenter,
                        grounds=grounds.strip(), dissent=dissent.strip(), corrects=corrects,
                        recorded_by=actor if getattr(actor, "pk", None) else None)
    if target is not None:
        decision.target_type, decision.target_id = ContentType.objects.get_for_model(target), target.pk
    if isinstance(text, dict):  # the stored form of another record's text (e.g. a steering decision's)
        decision.text_message = text
        with translation.override(settings.LANGUAGE_CODE):
            decision.text = render(text)
    else:
        store(decision, "text", text)
    if number:
        decision.number = number
    else:
        decision.sequence = _next_sequence(decision.year)
        decision.number = number_for(decision.year, decision.sequence)
    audited_save(decision, actor=actor, reason="decision registered")
    decision.participants.set(list(participants))
    decision.dissenting.set(list(dissenting))
    return decision
