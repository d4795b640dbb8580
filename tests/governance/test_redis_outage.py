"""With REDIS_URL set, cache and sessions live in Redis (shared by every web process); when Redis
is down, pages keep answering from the database and /healthz/ reports the outage."""
import pytest
from django.core.cache import caches

from tests.governance.factories import UserFactory

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_cache(settings):
    def use(url):
        settings.REDIS_URL = url
        settings.CACHES = {"default": {"BACKEND": "governance.cache.ResilientRedisCache", "LOCATION": url,
                                       "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

    return use  # Django rebuilds the cache handler when CACHES changes (setting_changed)


@pytest.mark.django_db
def test_pages_answer_and_sessions_survive_when_redis_is_down(client, redis_cache):
    redis_cache(DEAD_REDIS)
    user = UserFactory(username="kari")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["user"] == user


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
