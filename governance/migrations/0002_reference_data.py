"""Reference data: the 21 county boards, Vattenmyndigheterna, the IT unit, and the standing bodies."""
from django.db import migrations


def load(apps, schema_editor):
    from governance.reference import load as load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
