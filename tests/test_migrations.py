"""The migrations and the models agree. The suite's databases are built from the models
(`--no-migrations`), the browser tests' server runs the real `migrate` from nothing; this test
fails when a model changes without its migration."""
import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(f"makemigrations found changes without a migration:\n{out.getvalue()}", pytrace=False)
        raise AssertionError from exc
    assert "No changes detected" in out.getvalue()
