"""GIN indexes for the two sources that search a related table's text too (people: their
organisation's name; minutes: their meeting's title). Each source's own columns get an index over
their vector, and each related table one over the searched column's vector, so that the search's
`candidates` condition (governance/search/engine.py) is answered from indexes instead of computing
every person's and every minutes' vector on each search."""
from django.db import migrations

from governance.search import indexes as search_indexes

# (model, index name, fields and weights as engine.own_fields / engine.joined_fields give them)
INDEXES = [
    ("user", "governance_user_search", (("first_name", "A"), ("last_name", "A"), ("title", "B"))),
    ("organisation", "governance_organisation_search", (("name", "C"),)),
    ("minutes", "governance_minutes_search", (("text", "B"),)),
    ("meeting", "governance_meeting_title_search", (("title", "A"),)),
]


def create_search_indexes(apps, schema_editor):
    search_indexes.create("governance", INDEXES, apps, schema_editor)


def drop_search_indexes(apps, schema_editor):
    search_indexes.drop("governance", INDEXES, apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0013_notification_digest_since"),
    ]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
