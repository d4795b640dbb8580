"""The URLs of the permission matrix, resolved with the demo data loaded."""
from __future__ import annotations

from django.urls import reverse

from tests.test_permission_matrix import MATRIX


def rows(method: str | None = None):
    return sorted((n, r) for n, r in MATRIX.items() if method is None or r.method == method)


def url_for(name: str) -> str:
    row = MATRIX[name]
    kwargs = row.kwargs() if callable(row.kwargs) else row.kwargs
    return reverse(name, kwargs=kwargs) + row.query


def data_for(name: str) -> dict:
    row = MATRIX[name]
    return row.data() if callable(row.data) else (row.data or {})


def allowed_role(name: str, success=(200,)) -> str | None:
    """A logged-in role for which the row expects `success` (admin first), or None."""
    row = MATRIX[name]
    for role in ["admin", "chair", "steering", "infochef", "communicator", "weblead", "director", "g7"]:
        if row.status_for(role) in success:
            return role
    return None
