"""The portal search's GIN indexes on PostgreSQL (governance/search/engine.py): for each source whose
searched fields are all columns of its own table, an expression index over exactly the vector the
search's WHERE computes (`engine.vector`), so the planner finds the matching rows in the index
instead of computing every row's vector. Elsewhere (SQLite: the demo, the local tests) nothing: the
plain search needs no index. The indexes are not in the models' state (no Meta.indexes): SQLite
could not create them. tests/governance/test_search.py applies `create_search_indexes` to its
database and EXPLAINs each source's part of the statement against it."""
from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast, Coalesce

# (model, index name, the source's fields and weights as its search.py lists them)
INDEXES = [
    ("decision", "governance_decision_search",
     (("number", "A"), ("text", "B"), ("grounds", "C"), ("dissent", "D"))),
    ("document", "governance_document_search", (("title", "A"), ("description", "B"))),
    ("newsitem", "governance_newsitem_search", (("title", "A"), ("text", "B"))),
    ("proposal", "governance_proposal_search",
     (("title", "A"), ("description", "B"), ("expected_benefit", "C"))),
    ("body", "governance_body_search", (("name", "A"), ("description", "B"))),
]


def _index(name, fields):
    """engine.vector's expression as of this migration, in a GIN index."""
    def text(field):
        return Coalesce(Cast(F(field), TextField()), Value("", output_field=TextField()), output_field=TextField())

    return GinIndex(reduce(add, (SearchVector(text(f), weight=w, config="swedish") for f, w in fields)), name=name)


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, name, fields in INDEXES:
        schema_editor.add_index(apps.get_model("governance", model), _index(name, fields))


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, name, fields in INDEXES:
        schema_editor.remove_index(apps.get_model("governance", model), _index(name, fields))


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0011_meeting_planning"),
    ]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
