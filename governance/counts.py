"""Several counts in one statement."""
from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet


def count_each(**querysets: QuerySet) -> dict[str, int]:
    """Each queryset's number of rows, all counted in one statement (a scalar subquery per
    queryset, as the ORM writes it): for pages that show several counts from different tables."""
    if not querysets:
        return {}
    parts, params = [], []
    for qs in querysets.values():
        sql, qs_params = qs.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(qs_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
