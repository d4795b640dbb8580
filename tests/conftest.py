"""Shared fixtures. Services (PostgreSQL, Redis, Chromium): a test that needs one that is missing
is skipped with the reason on a laptop, and fails when REQUIRE_SERVICES=1 (CI)."""
from __future__ import annotations

import datetime
import os
import socket
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# Hypothesis: no deadline (a test posting to a page takes what the page takes); in CI (CI set, or
# REQUIRE_SERVICES=1) the same examples every run and no example database, so a failure reproduces;
# on a laptop the failing examples are kept in .hypothesis/ (ignored by git) and tried first next
# time. `--hypothesis-profile=thorough` runs ten times as many examples (tests/test_hostile_input.py).
_CI = bool(os.environ.get("CI")) or REQUIRE_SERVICES
hypothesis_settings.register_profile(
    "portal", deadline=None, derandomize=_CI, print_blob=True,
    database=None if _CI else DirectoryBasedExampleDatabase(os.path.join(os.path.dirname(__file__), "..", ".hypothesis")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile("thorough", parent=hypothesis_settings.get_profile("portal"), max_examples=1000)
if hypothesis_settings.get_current_profile_name() == "default":  # not chosen with --hypothesis-profile
    hypothesis_settings.load_profile("portal")


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
def english(client, settings):
    """The page and the test read the English source text (the portal defaults to Swedish; the
    Swedish catalogue is checked by tests/test_i18n_catalogue.py). A module asks for it with
    `pytestmark = pytest.mark.usefixtures("english")`."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def today():
    from governance.authority import today as _today

    return _today()


# The reference data the data migrations load (governance/migrations/0002_reference_data.py and its
# siblings). The suite builds its databases from the models (`--no-migrations` in pyproject.toml: the
# migrations re-render every model related to the user model at each step, 40 s of CPU per
# database); the browser tests' server runs the real `migrate`, and test_migrations.py checks that
# the migrations and the models agree.
REFERENCE_LOADERS = ["governance.reference.load", "webadmin.reference.load", "annualplan.reference.load",
                     "fees.reference.load"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    if request.config.getoption("nomigrations", False):
        with django_db_blocker.unblock():
            load_reference_data()


def load_reference_data() -> None:
    from django.apps import apps
    from django.utils.module_loading import import_string

    for path in REFERENCE_LOADERS:
        import_string(path)(apps)


# A transactional test's database is flushed when the test ends, the reference data with it; it is
# loaded again right after, so every test starts with it whatever ran before on the same worker.
# (pytest-django runs the transactional tests last, but pytest-xdist's worksteal hands a worker
# tests from anywhere in the run.)
# Each phase's report of a test ({"setup": …, "call": …}), kept on the test's stash by the hook below:
# the reload here asks whether set-up passed, the browser tests' `pages` whether the call failed.
REPORTS = pytest.StashKey[dict]()


def _flushes(item) -> bool:
    """Whether pytest-django runs `item` on a transactional database (flushed at its end)."""
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction_, reset_sequences, *_ = validate_django_db(marker)
        if transaction_ or reset_sequences:
            return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)  # the fixtures' teardown: pytest-django's flush among them
    finally:
        if _flushes(item):
            _DEMO_COPIES.clear()  # it may have committed to the demo copy: the next module makes a new one
            setup = item.stash.get(REPORTS, {}).get("setup")
            # After the last test the session's fixtures are gone with the test database: nothing to
            # load it into (the settings name the real database again).
            if setup is not None and setup.passed and nextitem is not None:
                from pytest_django.plugin import blocking_manager_key

                with item.config.stash[blocking_manager_key].unblock():
                    load_reference_data()


def _postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def _admin_sql(*statements: str) -> None:
    """Statements run outside any transaction on the server's maintenance database."""
    import psycopg2
    from django.db import connection

    s = connection.settings_dict
    conn = psycopg2.connect(dbname="postgres", user=s["USER"], host=s["HOST"], port=s["PORT"] or None,
                            password=s["PASSWORD"] or None)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
    finally:
        conn.close()


def _use_database(name: str) -> None:
    from django.db import connections

    for conn in connections.all():
        conn.close()
    connections["default"].settings_dict["NAME"] = name


@pytest.fixture(scope="session")
def _demo_template(django_db_setup, django_db_blocker):
    """On PostgreSQL: the demo data seeded once per test session into a database of its own, the
    template every module that uses `demo` copies (CREATE DATABASE ... TEMPLATE: half a second,
    against several seconds to seed). None on SQLite."""
    if not _postgres():
        yield None
        return
    from django.db import connection

    base = connection.settings_dict["NAME"]
    template = f"{base}_demo"
    with django_db_blocker.unblock():
        _use_database(base)
        _admin_sql(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)',
                   f'CREATE DATABASE "{template}" TEMPLATE "{base}"')
        _use_database(template)
        call_command("seed_demo", force=True, verbosity=0, stdout=open(os.devnull, "w"))
        _sign_in_demo_roles()
        _use_database(base)
    yield template
    with django_db_blocker.unblock():
        _admin_sql(f'DROP DATABASE IF EXISTS "{_demo_copy(template)}" WITH (FORCE)',
                   f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


def _demo_copy(template: str) -> str:
    """The name of the copy of the demo template the modules run on."""
    return f"{template}_module"


# The copies of the demo template that hold it unchanged: every test on one rolls back, so the next
# module that uses `demo` runs on the same copy (copying it again cost 1-2 s per module under load). A
# transactional test commits and flushes: after one, the next module copies the template again.
_DEMO_COPIES: set[str] = set()


@pytest.fixture(scope="module")
def demo(_demo_template, django_db_setup, django_db_blocker):
    """The demo data (every app's seeder) for one module. On PostgreSQL the module runs on a copy of
    the session's seeded template that no test has committed to (see _DEMO_COPIES); on SQLite it is
    seeded in a transaction rolled back after the module. Tests using it must also request `db`;
    their own changes roll back per test."""
    from django.db import connection

    if _demo_template is None:
        with django_db_blocker.unblock():
            with transaction.atomic():
                call_command("seed_demo", force=True, verbosity=0, stdout=open(os.devnull, "w"))
                _sign_in_demo_roles()
                yield
                transaction.set_rollback(True)
        return
    base = connection.settings_dict["NAME"]
    copy = _demo_copy(_demo_template)
    with django_db_blocker.unblock():
        if copy not in _DEMO_COPIES:
            _admin_sql(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)',
                       f'CREATE DATABASE "{copy}" TEMPLATE "{_demo_template}"')
            _DEMO_COPIES.add(copy)
        _use_database(copy)
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            _use_database(base)


DEMO_ROLES = ["admin", "chair", "steering", "infochef", "communicator", "weblead", "director", "g7", "deputy", "former",
              "archivist"]


# Each demo role's session, made once with the demo data ({username: (session key, expiry)}): a
# test signs a client in by giving it the cookie, without a log-in's writes (the session, the last
# log-in, its history row, axes' log) in every test. A test's own changes to the session roll back
# with the test.
DEMO_SESSIONS: dict[str, tuple[str, datetime.datetime]] = {}


def _sign_in_demo_roles() -> None:
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    from governance.people.models import User

    DEMO_SESSIONS.clear()
    for user in User.objects.filter(username__in=DEMO_ROLES):
        client = Client()
        client.force_login(user)
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        DEMO_SESSIONS[user.username] = (key, SessionStore(session_key=key).get_expiry_date())


def sign_in(client, username: str):
    """`client` signed in as the demo account `username`: with the session made once with the demo
    data when this database holds it and the clock has not passed its expiry, else by a log-in."""
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    kept = DEMO_SESSIONS.get(username)
    if kept is not None and timezone.now() < kept[1] and Session.objects.filter(pk=kept[0]).exists():
        client.cookies[settings.SESSION_COOKIE_NAME] = kept[0]
    else:
        from governance.people.models import User

        client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def login(client):
    """login("chair") -> the test client logged in as that demo account (needs `demo`)."""

    def _login(username: str):
        return sign_in(client, username)

    return _login


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Provider (django-oauth-toolkit) in a process of its own on loopback, with the
    agency's test people and the portal registered as a client (tests/oidc_provider/harness.py).
    Unlike the services above it is never skipped: it is a dev dependency that `make install` puts
    in the virtualenv, so a provider that does not start is a failure, on a laptop as in CI."""
    from tests.oidc_provider.harness import ProviderFailed, start_provider

    try:
        provider = start_provider(tmp_path_factory.mktemp("oidc-provider"))
    except ProviderFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    yield provider
    provider.stop()
