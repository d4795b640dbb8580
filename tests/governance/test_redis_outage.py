"""With REDIS_URL set, the cache (Django's cache framework on django-redis) and the sessions live in
Redis (shared by every web process); when Redis is down, pages keep answering from the database
(IGNORE_EXCEPTIONS: a read is a miss, a write is skipped and logged) and /healthz/ reports the
outage."""
import logging
import runpy
from pathlib import Path

import pytest
from django.core.cache import caches

from tests.governance.factories import UserFactory

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"


def production_settings(redis_url: str) -> dict:
    """config/settings/base.py as it reads with REDIS_URL set."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REDIS_URL", redis_url)
        return runpy.run_path(str(BASE_SETTINGS))


@pytest.fixture
def redis_cache(settings):
    """use(url): the cache and the sessions as in production, on the Redis at `url`."""
    def use(url):
        configured = production_settings(url)
        settings.REDIS_URL = url
        settings.CACHES = configured["CACHES"]
        settings.SESSION_ENGINE = configured["SESSION_ENGINE"]

    return use  # Django rebuilds the cache handler when CACHES changes (setting_changed)


def test_the_cache_is_django_redis_that_ignores_an_outage():
    configured = production_settings(DEAD_REDIS)
    default = configured["CACHES"]["default"]
    assert default["BACKEND"] == "django_redis.cache.RedisCache" and default["LOCATION"] == DEAD_REDIS
    assert default["OPTIONS"] == {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
    assert configured["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"] is True
    assert configured["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db
def test_pages_answer_and_sessions_survive_when_redis_is_down(client, redis_cache):
    redis_cache(DEAD_REDIS)
    user = UserFactory(username="kari")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["user"] == user


def test_the_cache_misses_and_logs_when_redis_is_down(redis_cache, caplog):
    redis_cache(DEAD_REDIS)
    cache = caches["default"]
    with caplog.at_level(logging.ERROR, logger="django_redis"):
        cache.set("greeting", "hej")  # skipped, no exception
        assert cache.get("greeting") is None
    assert any(r.name.startswith("django_redis") for r in caplog.records)


@pytest.mark.django_db
def test_healthz_reports_redis_down(client, redis_cache):
    redis_cache(DEAD_REDIS)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["redis"].startswith("error")


@pytest.mark.django_db
def test_sessions_live_in_redis_when_it_is_up(client, redis_cache, redis_url):
    redis_cache(redis_url)
    client.force_login(UserFactory(username="kari"))
    session_key = client.cookies["sessionid"].value
    assert caches["default"].get("django.contrib.sessions.cached_db" + session_key) is not None
    assert client.get("/").status_code == 200
    assert client.get("/healthz/").json()["checks"]["redis"] == "ok"


@pytest.mark.django_db
def test_a_session_made_while_redis_was_up_survives_its_outage(client, redis_cache, redis_url):
    redis_cache(redis_url)
    user = UserFactory(username="kari")
    client.force_login(user)
    redis_cache(DEAD_REDIS)  # Redis goes away: cached_db reads the session from the database
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["user"] == user
