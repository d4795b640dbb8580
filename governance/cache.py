"""A Redis cache that degrades instead of failing: when Redis is unreachable a read is a miss and
a write is skipped (logged). Sessions use `cached_db` on top of it, so a Redis outage costs speed,
never a page: the session is read from and written to the database as well."""
from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("samordna.cache")


def _tolerant(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                log.warning("Redis cache unavailable (%s: %s); carrying on without it",
                            type(exc).__name__, exc)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _default_arg(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
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
