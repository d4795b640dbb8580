"""Authority is computed, never copied: no permission rows are derived from memberships, no sync
exists, every question in the code is a registered rule, and asking writes nothing."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from guardian.models import GroupObjectPermission, UserObjectPermission, UserObjectPermissionBase

from governance.people.models import Delegation, User

ROOT = Path(__file__).resolve().parents[2]
APPS = ["governance", "annualplan", "fees", "webadmin", "config"]
PERM = re.compile(r"""(?:has_perm|require)\(\s*(?:[\w.]+,\s*)?["']([a-z_]+\.[a-z_]+)["']""")
TEMPLATE_PERM = re.compile(r"""perms\.([a-z_]+)\.([a-z_]+)""")


def _sources(*suffixes):
    for app in APPS + ["templates"]:
        for path in (ROOT / app).rglob("*"):
            if path.suffix in suffixes and "migrations" not in path.parts:
                yield path


def test_every_permission_asked_in_the_code_is_a_rule():
    asked = {}
    for path in _sources(".py", ".html"):
        text = path.read_text(encoding="utf-8")
        for name in PERM.findall(text) + [f"{a}.{b}" for a, b in TEMPLATE_PERM.findall(text)]:
            asked.setdefault(name, path.relative_to(ROOT))
    assert len(asked) > 40, sorted(asked)
    unknown = {n: str(p) for n, p in asked.items() if not rules.perm_exists(n)}
    assert not unknown, f"permissions asked but not defined in any rules.py: {unknown}"


def test_no_module_writes_or_syncs_permission_rows():
    forbidden = {"assign_perm", "remove_perm", "sync_object_permissions", "sync_all", "get_objects_for_user",
                 "bulk_assign_perm"}
    found = []
    for path in _sources(".py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            elif isinstance(node, ast.ImportFrom):
                name = next((a.name for a in node.names if a.name in forbidden), None)
            if name in forbidden:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert not found, found


def test_the_only_object_permission_model_is_the_dated_delegation():
    direct = [m for m in apps.get_models() if issubclass(m, UserObjectPermissionBase) and not m._meta.abstract
              and m._meta.app_label in APPS]
    assert direct == [Delegation]
    fk = Delegation._meta.get_field("content_object")
    assert fk.remote_field.on_delete is models.CASCADE
    assert not Delegation._meta.get_field("end").null, "a mandate always ends by itself"


def test_no_schedule_syncs_permissions():
    from config.schedules import SCHEDULES

    assert not [s for s in SCHEDULES if "perm" in s.task or "perm" in s.name.lower()]


@pytest.mark.django_db
def test_the_demo_holds_no_permission_rows(demo):
    assert not UserObjectPermission.objects.exists() and not GroupObjectPermission.objects.exists()
    assert not User.user_permissions.through.objects.exists()


@pytest.mark.django_db
def test_asking_writes_nothing(demo):
    from annualplan.models import Plan

    chair = User.objects.get(username="chair")
    plan = Plan.objects.order_by("-year").first()
    with CaptureQueriesContext(connection) as ctx:
        assert chair.has_perm("annualplan.edit_plan", plan)
        assert not chair.has_perm("fees.decide_fee")
    writes = [q["sql"] for q in ctx.captured_queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert not writes


@pytest.mark.django_db
def test_a_refusal_is_logged_once_with_the_rule(demo, client, caplog):
    import logging

    client.force_login(User.objects.get(username="communicator"))
    from fees.models import Budget

    budget = Budget.objects.order_by("-year").first()
    with caplog.at_level(logging.INFO):
        response = client.post(f"/avgifter/budget/{budget.year}/personalkostnader/")
    assert response.status_code == 403
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1, [r.getMessage() for r in refusals]
    assert "rule=fees.edit_budget" in refusals[0].getMessage() and "fees.Budget" in refusals[0].getMessage()
