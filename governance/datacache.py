"""Caching that is never stale: a cached value lives exactly as long as the tables it was read from
are unchanged.

How it works
- Every SQL statement passes an execute wrapper (installed on each database connection, in web
  processes, Celery workers and management commands alike). A statement that writes a table
  (INSERT, UPDATE, DELETE, TRUNCATE) gives the table a new *version* in the cache: at once, so the
  writer's own later reads miss, and again when its transaction commits, so nobody keeps a value
  read before the commit. A rolled-back transaction bumps nothing at commit.
- `cached(key, compute)` runs `compute` while recording the tables its queries read, and stores the
  value with the versions those tables had *before* it read them (the tables are predicted from
  earlier computations of the same kind of value; a value whose reads were not predicted is not
  stored, only its tables are remembered). A later call returns the stored value only while every
  one of those versions is unchanged — one cache round trip (the entry, and the versions of the
  tables it was last seen to depend on), no SQL.
- A version change that does not reach the cache (Redis unreachable for a moment) makes the
  process start a new epoch — every value out of date — as soon as the cache answers again, and
  compute without storing until then. Entries also expire (`timeout`, ten minutes by default),
  which bounds the harm of what the cache cannot hear of: a process killed between its commit and
  the callback, or a change made outside the portal (psql). Keys include a digest of the code and
  templates, so a deployment never serves values computed by other code, and `manage.py migrate`
  starts a new epoch (a new schema).

Rules for callers
- The key names everything else the value depends on: the user, the language, the day, the page.
- A value that depends on the time of day (upcoming meetings) gets a short timeout.
- A value computed inside a transaction that has written is not stored (it may be rolled back);
  tests that run inside a transaction therefore always compute.
- Objects loaded before `compute` and used inside it were not read under its recording: name
  their tables in `depends_on` (or load them inside). `request.user` and its organisation are
  `USER_TABLES`.
- A memo shared by several cached values within one request (governance.selectors.roles) records
  its reads with `remember()` and replays them with `note()` each time it is used, so every value
  that uses it depends on its tables.
- Never cache what depends on the session (messages, the CSRF token — `render()` puts a
  placeholder for it): a value that read a table whose writes are not versioned (the session
  table) is never stored.

Configuration: `DATA_CACHE`. It uses the `default` cache, which must be one for every process:
Redis with REDIS_URL (on by default), process memory without it (on by default only in the demo,
which runs in one process; `check --deploy` warns when it is forced on there)."""
from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable, Hashable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.safestring import SafeString, mark_safe

log = logging.getLogger("samordna.datacache")
T = TypeVar("T")

_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.IGNORECASE)
_TRUNCATE = re.compile(r"\s*TRUNCATE\b", re.IGNORECASE)
_QUOTED = re.compile(r'"(\w+)"')
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)
# Writes that change nothing a cached value shows: the session row (saved on every request) and
# the login time. A value that reads an unversioned table is never stored.
UNVERSIONED = frozenset({"django_session"})
_LAST_LOGIN_ONLY = re.compile(r'\s*UPDATE\s+"\w+"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE\b', re.IGNORECASE)

VERSION_PREFIX = "dv:"
ENTRY_PREFIX = "dc:"
SHAPE_PREFIX = "ds:"
EPOCH = "__epoch__"
SHAPE_TIMEOUT = 7 * 24 * 3600


# --- Recording reads -----------------------------------------------------------------------------
@dataclass
class _Tracker:
    tables: set[str] = field(default_factory=set)
    unversioned: bool = False


_TRACKERS: ContextVar[tuple[_Tracker, ...]] = ContextVar("datacache_trackers", default=())


@contextmanager
def _tracking():
    tracker = _Tracker()
    token = _TRACKERS.set((*_TRACKERS.get(), tracker))
    try:
        yield tracker
    finally:
        _TRACKERS.reset(token)


def note(tables: Iterable[str]) -> None:
    """Count `tables` as read by every value being computed now (a memo replaying its reads)."""
    trackers = _TRACKERS.get()
    if not trackers:
        return
    tables = set(tables)
    unversioned = bool(tables & UNVERSIONED)
    for tracker in trackers:
        tracker.tables |= tables
        tracker.unversioned |= unversioned


def remember(compute: Callable[[], T]) -> tuple[T, frozenset[str]]:
    """Run `compute`, returning its value and the tables it read (for a memo to `note()` later)."""
    with _tracking() as tracker:
        value = compute()
    note(tracker.tables)
    return value, frozenset(tracker.tables)


# --- Recording writes ----------------------------------------------------------------------------
def _token() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(3)}"


# Set when a version change did not reach the cache (Redis unreachable for a moment, its data
# kept): this process starts a new epoch as soon as the cache answers again, so nothing stored
# before the change is served after it.
_MISSED: list[bool] = [False]


def _cache_errors() -> int:
    return getattr(cache, "errors", 0)


def bump(tables: Iterable[str]) -> None:
    """Give `tables` new versions: every cached value read from them is out of date."""
    tables = [t for t in tables if t not in UNVERSIONED]
    if tables:
        token = _token()
        errors = _cache_errors()
        cache.set_many({VERSION_PREFIX + t: token for t in tables}, timeout=None)
        if _cache_errors() != errors:
            _MISSED[0] = True


def _recover() -> None:
    """After a missed version change: a new epoch, once the cache takes it."""
    errors = _cache_errors()
    cache.set(VERSION_PREFIX + EPOCH, _token(), timeout=None)
    if _cache_errors() == errors:
        _MISSED[0] = False


class _BumpOnCommit:
    """The one on-commit callback of a transaction that wrote: bumps what it wrote, again."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self):
        bump(self.tables)


def _pending(connection) -> _BumpOnCommit | None:
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _BumpOnCommit):
            return entry[1]
    return None


def _written(connection, tables: set[str]) -> None:
    bump(tables)
    if connection.in_atomic_block:
        callback = _pending(connection)
        if callback is None:
            callback = _BumpOnCommit()
            transaction.on_commit(callback, using=connection.alias, robust=True)
        callback.tables |= tables


def _execute_wrapper(execute, sql, params, many, context):
    trackers = _TRACKERS.get()
    if trackers:
        note(_READ.findall(sql))
    result = execute(sql, params, many, context)
    written: set[str] = set()
    match = _WRITE.match(sql)
    if match:
        if not _LAST_LOGIN_ONLY.match(sql):
            written = {match.group(1)}
    elif _TRUNCATE.match(sql):
        written = set(_QUOTED.findall(sql))
    written -= UNVERSIONED
    if written:
        _written(context["connection"], written)
    return result


def install(connection, **kwargs) -> None:
    """Put the wrapper on a database connection (connection_created; idempotent)."""
    if _execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(_execute_wrapper)


def new_epoch(**kwargs) -> None:
    """Out-date every cached value (after migrations: new code, new schema)."""
    bump([EPOCH])


# --- Reading through the cache -------------------------------------------------------------------
def enabled() -> bool:
    return getattr(settings, "DATA_CACHE", True)


def _dirty_transaction() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    return connection.in_atomic_block and _pending(connection) is not None


def _versions(tables: Iterable[str]) -> dict[str, str] | None:
    """The current version of each table (one round trip; a table never written gets one now).
    None when the cache does not answer."""
    keys = [VERSION_PREFIX + t for t in {*tables, EPOCH}]
    found = cache.get_many(keys)
    missing = [k for k in keys if k not in found]
    if missing:
        token = _token()
        for key in missing:
            cache.add(key, token, timeout=None)
        found.update(cache.get_many(missing))
        if any(k not in found for k in missing):
            return None
    return {k[len(VERSION_PREFIX):]: v for k, v in found.items()}


_CODE: list[str] = []


def code_fingerprint() -> str:
    """A digest of the portal's code and templates, taken once per process. It is part of every
    entry's key, so a deployment never reads what other code computed (a value's shape changes
    with the code), while processes running the same code share their entries."""
    if not _CODE:
        digest = hashlib.sha256()
        root = settings.BASE_DIR
        for folder in ("config", "governance", "annualplan", "fees", "webadmin", "templates"):
            for path in sorted((root / folder).rglob("*")):
                if path.suffix in (".py", ".html", ".txt") and path.is_file():
                    digest.update(str(path.relative_to(root)).encode())
                    digest.update(path.read_bytes())
        _CODE.append(digest.hexdigest()[:16])
    return _CODE[0]


def _key(prefix: str, key: Hashable) -> str:
    text = f"{code_fingerprint()}:{key!r}"
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"{prefix}{digest}"


@dataclass
class Item:
    """One value to fetch or compute: `key` names it (a tuple whose first element is its kind,
    e.g. ("home-panels", user.pk, "sv", today)); values of one kind read the same tables."""

    key: tuple
    compute: Callable[[], Any]
    timeout: int = 600
    depends_on: tuple[str, ...] = ()


# The tables each entry was last seen to depend on, per process: their versions are fetched in the
# same round trip as the entry (a guess; a wrong one costs a second round trip, never a wrong value).
_SEEN_TABLES: dict[str, tuple[str, ...]] = {}
_SEEN_LIMIT = 20_000


def _seen(entry_key: str, tables: Iterable[str]) -> None:
    if len(_SEEN_TABLES) >= _SEEN_LIMIT:
        _SEEN_TABLES.clear()
    _SEEN_TABLES[entry_key] = tuple(tables)


def cached_many(items: list[Item]) -> list[Any]:
    """The values of `items`, from the cache where still valid, else computed (and stored)."""
    if not enabled() or not items:
        return [item.compute() for item in items]
    if _MISSED[0]:
        _recover()
        if _MISSED[0]:  # the cache still does not answer: compute, store nothing
            return [item.compute() for item in items]
    entry_keys = [_key(ENTRY_PREFIX, item.key) for item in items]
    shape_keys = [_key(SHAPE_PREFIX, item.key[0]) for item in items]
    guessed = {EPOCH}.union(*(_SEEN_TABLES.get(k, ()) for k in entry_keys))
    found = cache.get_many([*entry_keys, *set(shape_keys), *(VERSION_PREFIX + t for t in guessed)])
    current: dict[str, str] | None = {
        t: found[VERSION_PREFIX + t] for t in guessed if VERSION_PREFIX + t in found
    }
    entries = [found.get(k) for k in entry_keys]
    # A stored entry needs only its own tables' versions; a value to compute needs those of every
    # table its kind has been seen to read. Whatever the first round trip did not bring, one more.
    needed: set[str] = {EPOCH}
    predicted: list[set[str]] = []
    for item, entry, shape_key in zip(items, entries, shape_keys, strict=True):
        tables = set(entry["versions"]) if entry else set()
        stale = entry and any(t in current and current[t] != v for t, v in entry["versions"].items())
        if not entry or stale:
            tables |= set(item.depends_on) | set(found.get(shape_key, ()))
        needed |= tables
        predicted.append(tables - {EPOCH})
    missing = needed - current.keys()
    if missing:
        rest = _versions(missing)
        current = None if rest is None else {**current, **rest}
    values = []
    to_store: dict[str, Any] = {}
    shapes: dict[str, set[str]] = {}
    for i, item in enumerate(items):
        entry = entries[i]
        if current is not None and entry and all(current.get(t) == v for t, v in entry["versions"].items()):
            _seen(entry_keys[i], entry["versions"])
            note(entry["versions"])
            values.append(entry["value"])
            continue
        if entry and not predicted[i] >= set(item.depends_on) | set(found.get(shape_keys[i], ())):
            # Stale after all (its tables were not all in the first round trip): what its kind
            # reads is known, but not its versions from before computing; store it next time.
            predicted[i] = set()
        with _tracking() as tracker:
            value = item.compute()
        tables = tracker.tables | set(item.depends_on)
        note(tables)
        values.append(value)
        if current is None or tracker.unversioned or _dirty_transaction():
            continue
        if tables <= predicted[i]:
            versions = {t: current[t] for t in (*tables, EPOCH)}
            to_store[entry_keys[i]] = (item.timeout, {"versions": versions, "value": value})
            _seen(entry_keys[i], versions)
        else:  # reads we did not foresee: remember them, store the value next time
            shapes.setdefault(shape_keys[i], set(found.get(shape_keys[i], ()))).update(tables)
    for key, (timeout, entry) in to_store.items():
        cache.set(key, entry, timeout=timeout)
    for key, tables in shapes.items():
        cache.set(key, sorted(tables), timeout=SHAPE_TIMEOUT)
    return values


def cached(key: tuple, compute: Callable[[], T], *, timeout: int = 600, depends_on: Iterable[str] = ()) -> T:
    """The value of `compute()`, from the cache while the tables it read are unchanged."""
    return cached_many([Item(key, compute, timeout, tuple(depends_on))])[0]


# Tables behind `request.user`, its organisation and its global permissions (read before any
# cached value is computed, and kept on the user object): values that depend on the user depend on
# these.
USER_TABLES = ("governance_user", "governance_organisation", "governance_user_groups",
               "governance_user_user_permissions", "auth_group_permissions", "auth_permission")


# --- Rendered fragments --------------------------------------------------------------------------
def csrf_placeholder() -> str:
    """Stands for the CSRF token in a cached fragment (render it with {"csrf_token": this}); derived
    from SECRET_KEY, so it is the same in every process and nobody can type it into a text the
    fragment shows. `with_csrf` puts the request's own token in its place."""
    from django.utils.crypto import salted_hmac

    return "csrf" + salted_hmac("samordna.datacache.csrf", "placeholder").hexdigest()[:32]


def with_csrf(request, html: str) -> SafeString:
    """A cached fragment with this request's CSRF token where the placeholder stands."""
    placeholder = csrf_placeholder()
    if placeholder in html:
        from django.middleware.csrf import get_token

        html = html.replace(placeholder, get_token(request))
    return mark_safe(html)


def render(request, key: tuple | None, template: str | dict[str, str], context: Callable[[], dict | None], *,
           timeout: int = 600, depends_on: Iterable[str] = (), keep: tuple[str, ...] = ()):
    """`template` rendered with `context()`, from the cache while the tables it read are unchanged.
    A dict of templates renders the same context by each and gives a dict of the results, plus the
    context values named in `keep` (e.g. the page's object, so the view need not read it again).
    `key` = (kind, …): the language is added; None renders afresh without keeping it (e.g. for input
    that is not worth a cache entry, such as an invalid filter). A context of None (the object does
    not exist) gives None. The template is rendered without the request (no `user`, `request`,
    `perms` or messages: pass what it needs in the context); a `{% csrf_token %}` in it is rendered
    as a placeholder and replaced with this request's token."""
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    templates = template if isinstance(template, dict) else {"": template}

    def compute() -> dict | None:
        values = context()
        if values is None:
            return None
        values = {**values, "csrf_token": csrf_placeholder()}
        return {"html": {name: render_to_string(path, values) for name, path in templates.items()},
                "kept": {name: values[name] for name in keep}}

    if key is None:
        rendered = compute()
    else:
        rendered = cached((key[0], get_language(), *key[1:]), compute, timeout=timeout, depends_on=depends_on)
    if rendered is None:
        return None
    result = {name: with_csrf(request, html) for name, html in rendered["html"].items()}
    if not isinstance(template, dict):
        return result[""]
    return {**result, **rendered["kept"]}
