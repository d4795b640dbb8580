"""A Redis cache that degrades instead of failing: when Redis is unreachable a read is a miss and
a write is skipped (logged). Sessions use `cached_db` on top of it, so a Redis outage costs speed,
never a page: the session is read from and written to the database as well."""
from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger("samordna.cache")


def _tolerant(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                self.errors += 1
                log.warning("Redis cache unavailable (%s: %s); carrying on without it",
                            type(exc).__name__, exc)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _default_arg(key, default=None, *args, **kwargs):
    return default


class _ReusedClient(RedisCacheClient):
    """Django builds a new redis.Redis object (and its table of ~170 response callbacks) for every
    cache operation; one client per connection pool does the same work (redis-py clients are
    thread-safe; connections still come from the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    errors = 0  # operations that failed (the data cache checks whether a version change got through)

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

    get = _tolerant(_default_arg)(RedisCache.get)
    get_many = _tolerant({})(RedisCache.get_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    set = _tolerant(None)(RedisCache.set)
    set_many = _tolerant([])(RedisCache.set_many)
    add = _tolerant(False)(RedisCache.add)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    clear = _tolerant(None)(RedisCache.clear)
