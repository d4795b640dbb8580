"""What the fee models share: money fields in kronor."""
from __future__ import annotations

from decimal import Decimal

from django.db import models

ZERO = Decimal("0")


def money(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)
