"""The audit trail: every change to an audited model (plans, budgets, fees, roles, memberships)
is a django-simple-history record of who, when and what. Services save through `audited_save`
so the actor and the reason are recorded even outside a request (Celery, commands)."""
from __future__ import annotations

from django.db import models


def audited_save(obj: models.Model, *, actor, reason: str = "", clean: bool = True, **save_kwargs):
    """Validate and save `obj`, recording `actor` and `reason` in its history row."""
    if clean:
        obj.full_clean()
    obj._history_user = actor if getattr(actor, "pk", None) else None
    obj._change_reason = reason[:100] if reason else None
    obj.save(**save_kwargs)
    return obj


def audited_delete(obj: models.Model, *, actor, reason: str = ""):
    obj._history_user = actor if getattr(actor, "pk", None) else None
    obj._change_reason = reason[:100] if reason else None
    obj.delete()
