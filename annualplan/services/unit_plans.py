"""Each organisation's communication action plan, its measures and surveys."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import concurrency, dates
from governance.audit import audited_save
from governance.authority import require
from governance.people.models import Organisation, User

from ..models import (
    Light,
    Measure,
    MeasureFollowUp,
    Plan,
    Survey,
    UnitActionPlan,
)
from .common import current_light, tell_if_off_track


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


@transaction.atomic
def measure_follow_up_record(*, measure: Measure, quarter: int, light: str, analysis: str, actor: User,
                             expected_version: int | None = None) -> MeasureFollowUp:
    """A measure's quarterly follow-up (its traffic light and analysis), by those who write the
    action plan. When the measure's light (its latest quarter's) turns red, the chair is told."""
    unit_plan = UnitActionPlan.objects.select_related("organisation").get(pk=measure.action_plan_id)
    require(actor, "annualplan.edit_unitactionplan", unit_plan, message=_("Only the people of %(org)s write its action plan.")
                               % {"org": unit_plan.organisation.short_name})
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    if light not in Light.values:
        raise ValidationError({"light": _("Choose on track, at risk or off track.")})
    measure = concurrency.locked(measure)  # one follow-up of a measure at a time: its light's turn is told once
    before = current_light(MeasureFollowUp(measure=measure))
    follow_up = MeasureFollowUp.objects.select_for_update().filter(measure=measure, quarter=quarter).first()
    if follow_up is None:
        follow_up = MeasureFollowUp(measure=measure, quarter=quarter)
    else:
        concurrency.check_version(follow_up, expected_version, _("follow-up"))
        follow_up.version += 1
    follow_up.light, follow_up.analysis = light, (analysis or "").strip()
    follow_up.recorded_by, follow_up.recorded_at = actor, timezone.now()
    audited_save(follow_up, actor=actor, reason=f"measure follow-up Q{quarter}")
    tell_if_off_track(follow_up, before, title=measure.title, year=unit_plan.year, actor=actor,
                      organisation=unit_plan.organisation.short_name)
    return follow_up
