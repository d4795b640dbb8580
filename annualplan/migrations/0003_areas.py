"""The seven areas of the coordination (annualplan.reference.AREAS)."""
from django.db import migrations


def load(apps, schema_editor):
    from annualplan.reference import load as load_areas

    load_areas(apps)


class Migration(migrations.Migration):
    dependencies = [("annualplan", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
