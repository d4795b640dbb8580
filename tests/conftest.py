"""Shared fixtures. Services (PostgreSQL, Redis, Chromium): a test that needs one that is missing
is skipped with the reason on a laptop, and fails when REQUIRE_SERVICES=1 (CI)."""
from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.db import transaction

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def need_service(reason: str):
    """Skip (laptop) or fail (CI, REQUIRE_SERVICES=1) when a real service is missing."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        need_service("REDIS_URL is not set (a real Redis is needed)")
    parsed = urlparse(url)
    if not port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        need_service(f"Redis at {url} does not answer")
    return url


def pytest_sessionstart(session):
    """In CI the suite must run on PostgreSQL: refuse to start on anything else."""
    if REQUIRE_SERVICES and not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise pytest.UsageError("REQUIRE_SERVICES=1 needs DATABASE_URL pointing at PostgreSQL")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clock_back():
    """A clock moved with tests.clock.at() goes back after the test."""
    from tests.clock import stop_all

    yield
    stop_all()


@pytest.fixture
def today():
    from governance.authority import today as _today

    return _today()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data (every app's seeder), loaded once per module and rolled back after it.
    Tests using it must also request `db`; their own changes roll back per test."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", force=True, verbosity=0, stdout=open(os.devnull, "w"))
            yield
            transaction.set_rollback(True)


DEMO_ROLES = ["admin", "chair", "steering", "infochef", "communicator", "weblead", "director", "g7", "deputy", "former"]


@pytest.fixture
def login(client):
    """login("chair") -> the test client logged in as that demo account (needs `demo`)."""
    from governance.people.models import User

    def _login(username: str):
        client.force_login(User.objects.get(username=username))
        return client

    return _login
