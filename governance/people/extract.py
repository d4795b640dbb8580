"""A person's register extract (registerutdrag, GDPR article 15): everything the portal holds about
them, as one JSON document. Found from the models themselves — every row of every model that
points at the person (memberships, votes, proposals, notifications, history rows they made, …) —
so a new model is in the extract without anyone remembering to add it. Secrets (password hash,
calendar token, second-factor keys, session data) are left out."""
from __future__ import annotations

import json

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from governance.people.models import User

# Field names never written out, whatever the model: credentials and secrets.
SECRET_FIELDS = {"password", "calendar_token", "key", "token", "secret", "session_key", "session_data",
                 "bin_key", "throttling_failure_timestamp"}
# Models whose rows about a person are credentials or machinery, not records about them.
LEFT_OUT = {"sessions.session", "admin.logentry", "axes.accesslog", "axes.accessattempt", "axes.accessfailurelog",
            "otp_totp.totpdevice", "otp_static.staticdevice", "otp_static.statictoken"}


def _row(obj) -> dict:
    out = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS or field.attname in SECRET_FIELDS:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        out[field.attname] = value
    return out


def _user_fields(model) -> list[models.Field]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [f for f in model._meta.get_fields()
            if (f.many_to_one or f.one_to_one or f.many_to_many) and not f.auto_created
            and f.related_model is user_model and f.concrete]


def extract(user: User) -> dict:
    """{"person": …, "records": {"app_label.model": [rows]}, "made": ISO time}: one query per model
    that points at people."""
    records: dict[str, list[dict]] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in LEFT_OUT or model is type(user):
            continue
        fields = _user_fields(model)
        if not fields:
            continue
        query = models.Q()
        for f in fields:
            query |= models.Q(**{f.name: user})
        rows = [_row(o) for o in model._default_manager.filter(query).distinct().order_by("pk")]
        if rows:
            records[label] = rows
    person = _row(user)
    person["organisation"] = str(user.organisation) if user.organisation_id else ""
    return {"person": person, "records": records, "made": timezone.now()}


def extract_json(user: User) -> str:
    return json.dumps(extract(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
