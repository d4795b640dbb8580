"""Every workflow is declared one way (governance.workflow.Workflow on its model) and moved one way
(WORKFLOW.move): each table names only the model's own states, every state is reached or is the
start, and every move the table leaves out is refused with a message in Swedish."""
from __future__ import annotations

import itertools

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from governance.workflow import DECLARED, Workflow

apps.get_models()  # every model class is loaded, so each WORKFLOW has registered its model


def workflows():
    for model in DECLARED:
        for name, value in vars(model).items():
            if isinstance(value, Workflow):
                yield pytest.param(model, value, id=f"{model._meta.label}.{name}")


EXPECTED = {"governance.JoinRequest", "governance.Proposal", "governance.Minutes", "governance.Election",
            "governance.Notification", "annualplan.Plan", "annualplan.DevelopmentProject", "fees.FeeProposal",
            "fees.Invoice", "webadmin.HandbookPage", "webadmin.FeatureRequest", "governance.ActionItem",
            "governance.CullingList", "governance.AgendaTopic"}


def test_every_lifecycle_declares_its_workflow():
    assert {m._meta.label for m in DECLARED} == EXPECTED


@pytest.mark.parametrize(("model", "workflow"), list(workflows()))
def test_the_table_names_only_the_models_states_and_reaches_them_all(model, workflow):
    states = set(dict(model._meta.get_field(workflow.field).flatchoices))
    used = set(workflow.moves) | {to for targets in workflow.moves.values() for to in targets}
    assert used <= states, f"{model.__name__}: unknown states {used - states}"
    default = model._meta.get_field(workflow.field).default
    unreached = states - {to for targets in workflow.moves.values() for to in targets} - {default}
    # Notification's "not wanted" is where a notification without e-mail starts, not a move.
    assert unreached <= {"not_wanted"}, f"{model.__name__}: no move reaches {unreached}"


@pytest.mark.parametrize(("model", "workflow"), list(workflows()))
def test_every_move_the_table_leaves_out_is_refused(model, workflow):
    states = list(dict(model._meta.get_field(workflow.field).flatchoices))
    for current, to in itertools.product(states, states):
        obj = model()
        setattr(obj, workflow.field, current)
        if to in workflow.moves.get(current, ()):
            workflow.move(obj, to)
            assert getattr(obj, workflow.field) == to
            continue
        with translation.override("sv"), pytest.raises(ValidationError) as refused:
            workflow.move(obj, to)
        assert refused.value.code == "state" and "kan inte gå från" in refused.value.messages[0]
        assert getattr(obj, workflow.field) == current  # nothing changed


def test_a_service_states_its_precondition_through_the_table_in_its_own_words():
    from annualplan.models import Plan

    plan = Plan(status=Plan.Status.CONSULTATION)
    Plan.WORKFLOW.check(plan, Plan.Status.REVISED, ValidationError("never raised"))
    own_words = ValidationError("The plan is in consultation: you cannot open the consultation.")
    with pytest.raises(ValidationError) as refused:
        Plan.WORKFLOW.check(plan, Plan.Status.CONSULTATION, own_words)
    assert refused.value is own_words and plan.status == Plan.Status.CONSULTATION
