"""The role catalogue (seven roles with their duties) and the web cooperation row."""
from django.db import migrations


def load(apps, schema_editor):
    from webadmin.reference import load as load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("webadmin", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
