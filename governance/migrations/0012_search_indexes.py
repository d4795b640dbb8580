"""The portal search's GIN indexes on PostgreSQL over the sources of this app whose searched fields
are all columns of their own table (governance/search/indexes.py says how; nothing elsewhere)."""
from django.db import migrations

from governance.search import indexes as search_indexes

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


def create_search_indexes(apps, schema_editor):
    search_indexes.create("governance", INDEXES, apps, schema_editor)


def drop_search_indexes(apps, schema_editor):
    search_indexes.drop("governance", INDEXES, apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0011_meeting_planning"),
    ]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
