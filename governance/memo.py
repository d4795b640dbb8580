"""The request's memo: what is read once per request (the user's facts, counts shown twice) and
forgotten after a write that changes it. `scope()` opens one (AuthorityScopeMiddleware, per HTTP
request); outside a scope every call reads afresh, so an answer is never older than the question."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")
_SCOPE: ContextVar[dict | None] = ContextVar("samordna_authority_scope", default=None)


@contextmanager
def scope():
    """Memoise facts while the block runs (one request). Nested scopes share the outer one."""
    if _SCOPE.get() is not None:
        yield
        return
    token = _SCOPE.set({})
    try:
        yield
    finally:
        _SCOPE.reset(token)


def forget() -> None:
    """Drop what the current scope has memoised (after a write that changes someone's roles)."""
    memo_dict = _SCOPE.get()
    if memo_dict is not None:
        memo_dict.clear()


def memo(user, key: str, load: Callable[[], T]) -> T:
    """`load()` once per (user, key) inside a scope; every time outside one."""
    memo_dict = _SCOPE.get()
    if memo_dict is None:
        return load()
    full_key = (getattr(user, "pk", None), key)
    if full_key not in memo_dict:
        memo_dict[full_key] = load()
    return memo_dict[full_key]


def remember(user, key: str, value) -> None:
    """Leave `value` in the request's memo under `key`, for a later memo(user, key, …) to find."""
    memo_dict = _SCOPE.get()
    if memo_dict is not None:
        memo_dict[(getattr(user, "pk", None), key)] = value
