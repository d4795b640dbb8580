"""People who sign in with the agency account (OpenID Connect): the claims the provider vouches
for become, or update, a person in the portal.

- The person is found by their account at the provider (issuer and `sub`, ExternalIdentity).
- At the first sign-in: an account that an administrator created with the same e-mail address is
  linked (not if it has staff or superuser rights: those stay local, and not when the provider says
  the address is unverified); otherwise the person is created from the claims — name, e-mail and the
  organisation, which comes from the organisation claim through OrganisationClaimMapping. A value
  that is missing or not mapped is refused and nothing is created.
- At a later sign-in only the name and the e-mail are brought up to date. Roles, memberships, staff
  rights and the organisation stay the portal's: they are dated facts decided here. (A claim that
  now maps to another organisation is logged for an administrator, not applied.)
- A person deactivated in the portal is refused, however valid the provider's session.

Every write goes through governance.audit.audited_save, with the reason in the history."""
from __future__ import annotations

import logging
import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower

from governance.audit import audited_save
from governance.people.models import ExternalIdentity, Organisation, OrganisationClaimMapping

log = logging.getLogger("samordna.security")


class Refused(Exception):
    """A sign-in refused: `code` names the page's explanation (governance/people/oidc.py REASONS),
    `detail` what the log records."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


def _settings():
    from django.conf import settings

    return settings


def _claim_values(claims: dict, name: str) -> list[str]:
    value = claims.get(name)
    values = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


def organisation_from_claims(claims: dict) -> Organisation:
    """The organisation the organisation claim maps to; Refused when the claim is missing, maps to
    nothing, or (a list of values) maps to more than one organisation."""
    name = _settings().OIDC_CLAIM_ORGANISATION
    values = _claim_values(claims, name)
    if not values:
        raise Refused("organisation_missing", f"claim {name!r} missing")
    mappings = (OrganisationClaimMapping.objects.select_related("organisation")
                .annotate(lowered=Lower("claim_value")).filter(lowered__in=[v.lower() for v in values]))
    organisations = {m.organisation_id: m.organisation for m in mappings}
    if not organisations:
        raise Refused("organisation_unknown", f"claim {name!r} = {', '.join(values)!r} is not mapped")
    if len(organisations) > 1:
        raise Refused("organisation_ambiguous", f"claim {name!r} = {', '.join(values)!r} maps to several")
    return next(iter(organisations.values()))


def _text(claims: dict, name: str, limit: int) -> str:
    values = _claim_values(claims, name)
    return values[0][:limit] if values else ""


def _new_username(claims: dict, email: str) -> str:
    User = get_user_model()
    wanted = _text(claims, _settings().OIDC_CLAIM_USERNAME, 150) or email
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "person"
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


def _names(claims: dict) -> dict:
    s = _settings()
    return {
        "first_name": _text(claims, s.OIDC_CLAIM_GIVEN_NAME, 150),
        "last_name": _text(claims, s.OIDC_CLAIM_FAMILY_NAME, 150),
        "email": _text(claims, s.OIDC_CLAIM_EMAIL, 254).lower(),
    }


def _update(user, names: dict):
    changed = [field for field, value in names.items() if value and getattr(user, field) != value]
    for field in changed:
        setattr(user, field, names[field])
    if changed:
        audited_save(user, actor=user, reason="Name and e-mail from the agency account")
    return user


@transaction.atomic
def person_from_claims(*, issuer: str, claims: dict):
    """The portal's person for these verified claims (ID token and userinfo), created or updated
    as the module says; Refused otherwise."""
    User = get_user_model()
    subject = str(claims.get("sub") or "")
    if not subject:
        raise Refused("invalid", "no sub claim")
    organisation = organisation_from_claims(claims)
    names = _names(claims)

    identity = (ExternalIdentity.objects.select_related("user", "user__organisation")
                .filter(issuer=issuer, subject=subject).first())
    if identity is not None:
        user = identity.user
        if not user.is_active:
            raise Refused("deactivated", f"user={user.username} is deactivated in the portal")
        if user.organisation_id != organisation.pk:
            log.warning("oidc organisation differs user=%s portal=%s claim=%s (not changed)",
                        user.username, user.organisation.code, organisation.code)
        return _update(user, names)

    email = names["email"]
    if not email:
        raise Refused("email_missing", f"claim {_settings().OIDC_CLAIM_EMAIL!r} missing")
    same_email = list(User.objects.filter(email__iexact=email).prefetch_related("external_identities"))
    if same_email:
        user = same_email[0]
        if (len(same_email) > 1 or user.external_identities.all() or user.is_staff or user.is_superuser
                or claims.get("email_verified") is False):
            raise Refused("conflict", f"e-mail {email} belongs to an account that is not linked automatically")
        if not user.is_active:
            raise Refused("deactivated", f"user={user.username} is deactivated in the portal")
        _update(user, names)
        log.info("oidc linked user=%s sub=%s", user.username, subject)
    else:
        user = User(username=_new_username(claims, email), organisation=organisation, **names)
        user.set_unusable_password()
        audited_save(user, actor=None, reason="Created at the first sign-in with the agency account")
        log.info("oidc provisioned user=%s organisation=%s sub=%s", user.username, organisation.code, subject)
    audited_save(ExternalIdentity(user=user, issuer=issuer, subject=subject), actor=user,
                 reason="Agency account linked at sign-in")
    return user
