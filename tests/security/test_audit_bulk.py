"""The audit trail (django-simple-history) records every change to an audited model — but
QuerySet.update(), bulk_create() and bulk_update() bypass save() and the history signals. So on
audited models they are banned in the code base (use services with audited_save, or
simple_history.utils.bulk_create_with_history / bulk_update_with_history, which write history).

The scan is static (ast): a call `.update(` / `.bulk_create(` / `.bulk_update(` on a chain that
starts with `<Model>.objects` (or `<Model>._default_manager`) where <Model> has history fails.
Chains whose model cannot be seen (a variable, a related manager) are listed too, unless
ALLOWED names them with a reason."""
from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
APPS = ["governance", "annualplan", "fees", "webadmin"]
BULK = {"update", "bulk_create", "bulk_update"}
QUERYSET_METHODS = {"objects", "_default_manager", "filter", "exclude", "all", "select_for_update", "order_by",
                    "select_related", "prefetch_related", "only", "defer", "annotate", "distinct", "using"}
# (path, text in the line) -> why it is fine.
ALLOWED = {
    ("governance/permissions.py", "perm_model.objects.bulk_create"):
        "guardian permission rows are derived from audited memberships by sync, not audited themselves",
}


# Demo data generators write many rows at once; their history is not a record of anybody's decision.
GENERATOR_FILES = ("demo.py", "demo_scale.py")


def history_fields(model_name: str) -> set[str] | None:
    """The fields the history of `model_name` records (None when unknown or ambiguous)."""
    found = [m for m in apps.get_models() if m.__name__ == model_name and hasattr(m, "history")]
    if len(found) != 1:
        return None
    return {f.name for f in found[0].history.model._meta.get_fields()} | {
        f.attname for f in found[0].history.model._meta.concrete_fields}


def audited_model_names() -> dict[str, bool]:
    """Model class name -> whether it has a simple-history history (ambiguous names: True wins)."""
    from simple_history.models import registered_models

    history = {m._meta.label_lower for m in registered_models.values()} if registered_models else set()
    names: dict[str, bool] = {}
    for model in apps.get_models():
        audited = model._meta.label_lower in history or hasattr(model, "history") and hasattr(
            model.history, "model")
        names[model.__name__] = names.get(model.__name__, False) or bool(audited)
    return names


def _chain(node: ast.AST) -> tuple[str | None, list[str]]:
    """For a.b().c.d(...): ('a', ['b', 'c', 'd'])."""
    parts = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id, list(reversed(parts))
        else:
            return None, list(reversed(parts))


def bulk_calls():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in BULK:
                    root, parts = _chain(node.func)
                    keys = [k.arg for k in node.keywords if k.arg]
                    yield (path.relative_to(ROOT).as_posix(), node.lineno, lines[node.lineno - 1].strip(), root, parts,
                           keys)


def test_no_bulk_change_on_audited_models():
    audited = audited_model_names()
    problems = []
    for path, lineno, line, root, parts, keys in bulk_calls():
        if any(p == path and text in line for p, text in ALLOWED) or path.endswith(GENERATOR_FILES):
            continue
        method = parts[-1]
        via_queryset = any(p in QUERYSET_METHODS for p in parts[:-1])
        if method == "update" and not via_queryset:
            continue  # dict.update, form.cleaned_data.update, …
        if root in audited:
            recorded = history_fields(root)
            if method == "update" and keys and recorded is not None and not set(keys) & recorded:
                continue  # only fields the history deliberately leaves out (e.g. a calendar token)
            if audited[root]:
                problems.append(f"{path}:{lineno}: {method}() on audited model {root} writes no history: {line}")
        elif via_queryset or method != "update":
            problems.append(f"{path}:{lineno}: {method}() on a queryset whose model the test cannot see "
                            f"(make it <Model>.objects…, or add to ALLOWED with a reason): {line}")
    assert not problems, "Bulk changes bypass the audit trail:\n" + "\n".join(problems)


def test_the_history_models_exist_for_the_audited_domain():
    audited = {name for name, yes in audited_model_names().items() if yes}
    for name in ("Organisation", "User", "Body", "Membership"):
        assert name in audited, f"{name} should be audited"
