"""The data cache (governance/datacache.py): a cached value is served only while every table it was
read from is unchanged, and never when it could show data that is not committed.

These tests commit (transactional_db): inside the usual test transaction nothing is stored."""
from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse

from governance import datacache
from governance.models import Body, Membership, Organisation, User
from governance.selectors.roles import role_scope, roles_of
from governance.services import membership_create, notification_mark_read, notification_send

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("empty_cache")]


class Counter:
    """compute() for a cached value, counting how often it really ran."""

    def __init__(self, read):
        self.read = read
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.read()


def body_names():
    return list(Body.objects.order_by("pk").values_list("name", flat=True))


def warm(key, compute, **kwargs):
    """The first computation learns which tables a value reads, the second stores it."""
    for _ in range(2):
        datacache.cached(key, compute, **kwargs)


def test_a_value_is_served_from_the_cache_until_a_table_it_read_changes():
    compute = Counter(body_names)
    warm(("bodies",), compute)
    assert compute.calls == 2
    assert datacache.cached(("bodies",), compute) == body_names()
    assert compute.calls == 2  # served from the cache

    body = Body.objects.order_by("pk").first()
    body.name = "Omdöpt organ"
    body.save()
    assert datacache.cached(("bodies",), compute)[0] == "Omdöpt organ"
    assert compute.calls == 3


def test_a_write_to_a_table_it_did_not_read_keeps_the_value():
    compute = Counter(body_names)
    warm(("bodies",), compute)
    org = Organisation.objects.order_by("pk").first()
    org.short_name = "Annat namn"
    org.save()
    datacache.cached(("bodies",), compute)
    assert compute.calls == 2


def test_bulk_updates_and_inserts_count_as_writes():
    compute = Counter(body_names)
    warm(("bodies",), compute)
    Body.objects.filter(pk=Body.objects.order_by("pk").first().pk).update(name="Ändrat i klump")
    assert datacache.cached(("bodies",), compute)[0] == "Ändrat i klump"
    Body.objects.bulk_create([Body(kind=Body.Kind.STEERING_GROUP, name="Styrgruppen", year=2099)])
    assert datacache.cached(("bodies",), compute)[-1] == "Styrgruppen"
    assert compute.calls == 4


def test_a_write_that_is_rolled_back_never_shows():
    compute = Counter(body_names)
    warm(("bodies",), compute)
    before = body_names()
    body = Body.objects.order_by("pk").first()
    with pytest.raises(RuntimeError), transaction.atomic():
        body.name = "Aldrig sparat"
        body.save()
        # The writer's own transaction sees its change (the write made the cached value stale) …
        assert datacache.cached(("bodies",), compute)[0] == "Aldrig sparat"
        raise RuntimeError("rolled back")
    # … and nobody keeps it after the rollback: it was never stored.
    assert datacache.cached(("bodies",), compute) == before


def test_a_value_read_in_a_transaction_that_wrote_is_not_stored():
    compute = Counter(body_names)
    with transaction.atomic():
        Organisation.objects.filter(code="AB").update(short_name="Stockholm")
        for _ in range(3):
            datacache.cached(("bodies",), compute)
    assert compute.calls == 3


def test_a_value_that_read_the_session_table_is_never_stored():
    def sessions():
        from django.contrib.sessions.models import Session

        return Session.objects.count()

    compute = Counter(sessions)
    for _ in range(3):
        datacache.cached(("sessions",), compute)
    assert compute.calls == 3


def test_logging_in_does_not_outdate_values_but_changing_a_person_does():
    user = User.objects.create_user("kalle", password="x" * 12, organisation=Organisation.objects.get(code="W"))
    compute = Counter(lambda: list(User.objects.order_by("pk").values_list("first_name", flat=True)))
    warm(("people",), compute)
    update_last_login(None, user)  # what every log-in does
    datacache.cached(("people",), compute)
    assert compute.calls == 2
    user.first_name = "Karl"
    user.save()
    assert "Karl" in datacache.cached(("people",), compute)
    assert compute.calls == 3


def test_a_shared_memo_makes_every_value_that_uses_it_depend_on_its_tables():
    """Inside role_scope the first value reads the memberships; the second uses the memo without a
    query, and must still be out of date when the memberships change."""
    user = User.objects.create_user("kalle", password="x" * 12, organisation=Organisation.objects.get(code="W"))
    network = Body.objects.get(kind=Body.Kind.COMMUNICATORS_NETWORK)
    today = dt.date.today()

    def both():
        with role_scope(user):
            return datacache.cached_many([
                datacache.Item(("first",), lambda: len(roles_of(user, today).memberships)),
                datacache.Item(("second",), lambda: [str(m.body) for m in roles_of(user, today).memberships]),
            ])

    both()
    both()
    assert both() == [0, []]
    Membership.objects.create(body=network, user=user, organisation=user.organisation, start=today)
    assert both() == [1, [str(network)]]


def test_migrate_starts_a_new_epoch():
    compute = Counter(body_names)
    warm(("bodies",), compute)
    datacache.new_epoch()
    datacache.cached(("bodies",), compute)
    assert compute.calls == 3


def test_truncate_outdates_every_table_it_names():
    versions = datacache._versions(["governance_body", "governance_meeting"])

    def execute(sql, params, many, context):
        return None

    datacache._execute_wrapper(execute, 'TRUNCATE "governance_body", "governance_meeting" RESTART IDENTITY',
                               None, False, {"connection": connection})
    after = datacache._versions(["governance_body", "governance_meeting"])
    assert after["governance_body"] != versions["governance_body"]
    assert after["governance_meeting"] != versions["governance_meeting"]


def test_turned_off_it_always_computes(settings):
    settings.DATA_CACHE = False
    compute = Counter(body_names)
    for _ in range(3):
        datacache.cached(("bodies",), compute)
    assert compute.calls == 3


def test_it_works_the_same_through_redis(settings, redis_url):
    """Production: the versions and values live in Redis, shared by every process."""
    settings.CACHES = {"default": {"BACKEND": "governance.cache.ResilientRedisCache",
                                   "LOCATION": redis_url.rsplit("/", 1)[0] + "/9"}}
    cache.clear()
    compute = Counter(body_names)
    warm(("bodies",), compute)
    datacache.cached(("bodies",), compute)
    assert compute.calls == 2
    Body.objects.filter(pk=Body.objects.order_by("pk").first().pk).update(name="Via Redis")
    assert datacache.cached(("bodies",), compute)[0] == "Via Redis"
    cache.clear()


# --- The start page -----------------------------------------------------------------------------------
def _chair(code="F"):
    org = Organisation.objects.get(code=code)
    user = User.objects.create_user("ordf", password="x" * 12, organisation=org, first_name="Karin")
    return user


def test_the_start_page_shows_a_new_role_and_a_new_notification_at_once(client):
    user = _chair()
    client.force_login(user)
    for _ in range(3):  # learn, store, serve
        page = client.get(reverse("governance:home")).content.decode()
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    assert str(network) not in page
    membership_create(body=network, user=user, start=dt.date.today(), actor=None)
    page = client.get(reverse("governance:home")).content.decode()
    assert str(network) in page

    assert 'text-bg-warning">' not in page  # no unread notifications in the header
    notification, _ = notification_send(kind="general", recipient=user, subject="Möte i morgon klockan nio",
                                        body="Välkommen.", url="/moten/", target=network, occasion="test")
    page = client.get(reverse("governance:home")).content.decode()
    assert "Möte i morgon klockan nio" in page
    assert 'text-bg-warning">1<' in page
    notification_mark_read(notification=notification, user=user)
    page = client.get(reverse("governance:home")).content.decode()
    assert "Möte i morgon klockan nio" not in page and 'text-bg-warning">' not in page


def test_the_start_page_is_served_from_the_cache_when_nothing_changed(client, django_assert_max_num_queries):
    user = _chair()
    client.force_login(user)
    for _ in range(3):
        client.get(reverse("governance:home"))
    # Session and user, the session saved: no panel query, no count of notifications.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("governance:home"))
    assert response.status_code == 200


def test_other_code_never_reads_the_values_this_code_stored(monkeypatch):
    """A deployment changes what a value holds: entries are keyed by a digest of the code."""
    compute = Counter(body_names)
    warm(("bodies",), compute)
    monkeypatch.setattr(datacache, "_CODE", ["other-code"])
    datacache.cached(("bodies",), compute)
    assert compute.calls == 3


def test_the_deploy_check_warns_of_a_data_cache_in_process_memory(settings):
    from governance.checks import data_cache_is_shared

    settings.DATA_CACHE = True
    assert [w.id for w in data_cache_is_shared(None)] == ["samordna.W001"]
    settings.DATA_CACHE = False
    assert data_cache_is_shared(None) == []
    settings.DATA_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "governance.cache.ResilientRedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/9"}}
    assert data_cache_is_shared(None) == []


def test_a_version_change_that_missed_the_cache_starts_a_new_epoch(monkeypatch):
    """Redis unreachable for a moment while a table changed (its data kept): nothing read before
    the change may be served after it, so the process starts a new epoch when Redis answers."""
    compute = Counter(body_names)
    warm(("bodies",), compute)

    class Unreachable:
        """The cache as ResilientRedisCache is while Redis does not answer: writes are lost and
        counted as errors."""

        errors = 0

        def __getattr__(self, name):
            return getattr(cache, name)

        def set_many(self, *args, **kwargs):
            self.errors += 1
            return []

    monkeypatch.setattr(datacache, "cache", Unreachable())
    Body.objects.filter(pk=Body.objects.order_by("pk").first().pk).update(name="Ändrat under avbrottet")
    assert datacache._MISSED == [True]
    monkeypatch.setattr(datacache, "cache", cache)  # Redis answers again
    assert datacache.cached(("bodies",), compute)[0] == "Ändrat under avbrottet"
    assert compute.calls == 3 and datacache._MISSED == [False]
