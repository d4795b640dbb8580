"""Guardian object permissions with direct foreign-key permission models: every guarded model has
its own User/GroupObjectPermission tables with a CASCADE foreign key, so deleting an object
deletes its permission rows; nothing lands in guardian's generic tables; lists filter with
accept_global_perms=False."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import models
from guardian.models import (
    GroupObjectPermission,
    GroupObjectPermissionBase,
    UserObjectPermission,
    UserObjectPermissionBase,
)
from guardian.shortcuts import assign_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from tests.governance.factories import BodyFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ["governance", "annualplan", "fees", "webadmin"]


def direct_models(base):
    return [m for m in apps.get_models() if issubclass(m, base) and not m._meta.abstract
            and m._meta.app_label in APPS]


def guarded_models():
    return sorted({m._meta.get_field("content_object").related_model for m in direct_models(UserObjectPermissionBase)},
                  key=lambda m: m._meta.label)


def test_every_direct_permission_model_cascades():
    found = direct_models(UserObjectPermissionBase) + direct_models(GroupObjectPermissionBase)
    assert found, "no direct foreign-key permission models at all"
    for perm_model in found:
        fk = perm_model._meta.get_field("content_object")
        assert isinstance(fk, models.ForeignKey), perm_model
        assert fk.remote_field.on_delete is models.CASCADE, f"{perm_model.__name__}.content_object must CASCADE"


@pytest.mark.django_db
@pytest.mark.parametrize("model", guarded_models(), ids=lambda m: m._meta.label)
def test_guardian_uses_the_direct_tables(model):
    """A guarded model has both a user and a group table, and guardian finds them (not the
    generic GenericForeignKey tables, whose rows would outlive a deleted object)."""
    user_model = get_user_obj_perms_model(model)
    group_model = get_group_obj_perms_model(model)
    assert user_model is not UserObjectPermission, f"{model.__name__} has no direct user permission model"
    assert group_model is not GroupObjectPermission, f"{model.__name__} has no direct group permission model"


@pytest.mark.django_db
def test_deleting_an_object_leaves_no_permission_rows():
    body = BodyFactory()
    user, group = UserFactory(), Group.objects.create(name="g")
    assign_perm("governance.manage_body", user, body)
    assign_perm("governance.manage_body", group, body)
    user_model, group_model = get_user_obj_perms_model(body), get_group_obj_perms_model(body)
    assert user_model.objects.filter(content_object=body).count() == 1
    assert group_model.objects.filter(content_object=body).count() == 1
    pk = body.pk
    body.delete()
    assert not user_model.objects.filter(content_object_id=pk).exists()
    assert not group_model.objects.filter(content_object_id=pk).exists()
    assert not UserObjectPermission.objects.exists() and not GroupObjectPermission.objects.exists()


@pytest.mark.django_db
def test_the_demo_permissions_all_live_in_direct_tables(demo):
    """After the demo seed and every app's permission sync, guardian's generic tables are empty."""
    assert not UserObjectPermission.objects.exists(), list(UserObjectPermission.objects.all()[:5])
    assert not GroupObjectPermission.objects.exists()


def _calls(name: str):
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    func = node.func
                    fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                    if fname == name:
                        yield path.relative_to(ROOT), node


def test_lists_never_accept_global_perms():
    bad = []
    for path, call in _calls("get_objects_for_user"):
        kw = {k.arg: k.value for k in call.keywords}
        value = kw.get("accept_global_perms")
        if not (isinstance(value, ast.Constant) and value.value is False):
            bad.append(f"{path}:{call.lineno}")
    assert not bad, "get_objects_for_user without accept_global_perms=False: " + ", ".join(bad)
