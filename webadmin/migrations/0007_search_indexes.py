"""The portal search's GIN indexes on PostgreSQL over the sources of this app whose searched fields
are all columns of their own table (governance/search/indexes.py says how; nothing elsewhere)."""
from django.db import migrations

from governance.search import indexes as search_indexes

# (model, index name, the source's fields and weights as its search.py lists them)
INDEXES = [
    ("handbookpage", "webadmin_handbookpage_search", (("title", "A"), ("body", "B"))),
    ("featurerequest", "webadmin_featurerequest_search",
     (("title", "A"), ("problem", "B"), ("proposal", "B"), ("affected", "C"))),
]


def create_search_indexes(apps, schema_editor):
    search_indexes.create("webadmin", INDEXES, apps, schema_editor)


def drop_search_indexes(apps, schema_editor):
    search_indexes.drop("webadmin", INDEXES, apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("webadmin", "0006_policy_reading"),
    ]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
