"""Invoicing details for every county board and Vattenmyndigheterna, with the organisation numbers
confirmed from a public source (fees.reference); the rest are filled in the admin."""
from django.db import migrations


def load(apps, schema_editor):
    from fees.reference import load as load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("fees", "0004_invoicing_parties"), ("governance", "0002_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
