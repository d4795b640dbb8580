"""Each organisation's communication action plan, its measures and surveys."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance import concurrency, dates
from governance.audit import audited_save
from governance.authority import require
from governance.people.models import Organisation, User

from ..models import (
    Measure,
    Plan,
    Survey,
    UnitActionPlan,
)


# --- Action plans -------------------------------------------------------------------------------
@transaction.atomic
def unit_plan_create(*, organisation: Organisation, year: int, actor: User, summary: str = "",
                     goals=()) -> UnitActionPlan:
    require(actor, "annualplan.create_unitactionplan", organisation, message=_("Only the people of %(org)s write its action plan.") % {"org": organisation.short_name})
    if UnitActionPlan.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(_("%(org)s already has an action plan for %(year)s.")
                              % {"org": organisation.short_name, "year": year})
    plan = Plan.objects.filter(year=year).first()
    unit_plan = audited_save(UnitActionPlan(organisation=organisation, year=year, plan=plan, summary=summary),
                             actor=actor, reason="action plan created")
    _set_goals(unit_plan, goals)
    return unit_plan


def _set_goals(unit_plan: UnitActionPlan, goals) -> None:
    goals = list(goals or [])
    if any(g.plan_id != (unit_plan.plan_id or -1) for g in goals):
        raise ValidationError({"goals": _("Link only goals of the shared plan for %(year)s.")
                               % {"year": unit_plan.year}})
    unit_plan.goals.set(goals)


@transaction.atomic
def unit_plan_update(*, unit_plan: UnitActionPlan, actor: User, summary: str, goals, expected_version: int | None
                     ) -> UnitActionPlan:
    require(actor, "annualplan.edit_unitactionplan", unit_plan, message=_("Only the people of %(org)s write its action plan.")
                               % {"org": unit_plan.organisation.short_name})
    unit_plan = concurrency.locked(unit_plan)
    concurrency.check_version(unit_plan, expected_version, _("action plan"))
    unit_plan.summary = summary
    unit_plan.version += 1
    audited_save(unit_plan, actor=actor, reason="action plan edited")
    _set_goals(unit_plan, goals)
    return unit_plan


@transaction.atomic
def measure_save(*, unit_plan: UnitActionPlan, actor: User, measure: Measure | None = None,
                 version: int | None = None, **fields) -> Measure:
    require(actor, "annualplan.edit_unitactionplan", unit_plan, message=_("Only the people of %(org)s write its action plan.")
                               % {"org": unit_plan.organisation.short_name})
    if measure is not None and measure.action_plan_id != unit_plan.pk:
        raise PermissionDenied(_("The measure belongs to another action plan."))
    if measure is not None:
        measure = concurrency.locked(measure)
        concurrency.check_version(measure, version, _("measure"))
        measure.version += 1
    measure = measure or Measure(action_plan=unit_plan)
    for name in ("title", "goal", "planned_effect", "status", "reported_effect"):
        if name in fields:
            setattr(measure, name, fields[name])
    if measure.goal_id and measure.goal.plan_id != unit_plan.plan_id:
        raise ValidationError({"goal": _("Link only goals of the shared plan for %(year)s.")
                               % {"year": unit_plan.year}})
    if measure.status == Measure.Status.DONE and not measure.reported_effect.strip():
        raise ValidationError({"reported_effect": _("Report the effect of a measure that is done.")})
    return audited_save(measure, actor=actor, reason="measure saved")


@transaction.atomic
def survey_save(*, unit_plan: UnitActionPlan, actor: User, survey: Survey | None = None, version: int | None = None,
                title: str, conducted_on: dt.date, followed_up: bool = False, follow_up_notes: str = "") -> Survey:
    """Add a survey to an action plan, or edit one (e.g. to mark it followed up)."""
    require(actor, "annualplan.edit_unitactionplan", unit_plan, message=_("Only the people of %(org)s write its action plan.")
                               % {"org": unit_plan.organisation.short_name})
    if survey is not None and survey.action_plan_id != unit_plan.pk:
        raise PermissionDenied(_("The survey belongs to another action plan."))
    try:
        dates.conducted_on(conducted_on)
    except ValidationError as exc:
        raise ValidationError({"conducted_on": exc.messages}) from exc
    if survey is None:
        survey = Survey(action_plan=unit_plan)
    else:
        survey = concurrency.locked(survey)
        concurrency.check_version(survey, version, _("survey"))
        survey.version += 1
    survey.title, survey.conducted_on = title, conducted_on
    survey.followed_up, survey.follow_up_notes = followed_up, follow_up_notes
    return audited_save(survey, actor=actor, reason="survey saved" if survey.pk else "survey added")
