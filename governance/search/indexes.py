"""The search's GIN expression indexes on PostgreSQL, for the apps' `*_search_indexes` migrations.

Each migration lists its sources as (model, index name, the fields and weights as the source's
search.py lists them) and calls `create`/`drop` with them: the index is made from the expression
governance/search/engine.py computes in the part's WHERE (`vector_of`), or the planner could not use it
(tests/governance/test_search.py EXPLAINs every indexed source). Elsewhere (SQLite: the demo, the
local tests) nothing is made: the plain search needs no index, and SQLite has no GIN. The indexes
are not in the models' state (no Meta.indexes) for the same reason."""
from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex

from governance.search.engine import vector_of


def gin_index(name: str, fields) -> GinIndex:
    """engine's vector over `fields` ((field, weight), …) as a GIN index named `name`."""
    return GinIndex(vector_of(fields), name=name)


def create(app_label: str, indexes, apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, name, fields in indexes:
        schema_editor.add_index(apps.get_model(app_label, model), gin_index(name, fields))


def drop(app_label: str, indexes, apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, name, fields in indexes:
        schema_editor.remove_index(apps.get_model(app_label, model), gin_index(name, fields))
