"""Who acts for an organisation: its information manager, and the deputies they name for a period."""
from __future__ import annotations

import rules

from governance.authority import facts, today
from governance.people.models import Delegation, Organisation


# --- Organisations --------------------------------------------------------------------------------
@rules.predicate
def is_information_manager_of(user, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    return organisation.pk in facts(user).info_manager_of(today())


@rules.predicate
def is_an_information_manager(user) -> bool:
    return bool(facts(user).info_manager_of(today()))


def _deputy(scope: str):
    @rules.predicate(name=f"is_deputy_to_{scope}")
    def predicate(user, organisation: Organisation | None) -> bool:
        return organisation is not None and organisation.pk in facts(user).deputy_for(today(), scope)

    return predicate


is_deputy_to_answer_consultation = _deputy("answer_consultation")


is_deputy_to_cast_ballot = _deputy("cast_ballot")


is_deputy_to_register_conference = _deputy("register_conference")


# --- Permissions ----------------------------------------------------------------------------------
rules.add_perm("governance.manage_organisation", is_information_manager_of)


rules.add_perm("governance.delegate_organisation", is_information_manager_of)


rules.add_perm("governance.answer_consultation", is_information_manager_of | is_deputy_to_answer_consultation)


rules.add_perm("governance.cast_ballot", is_information_manager_of | is_deputy_to_cast_ballot)


rules.add_perm("governance.register_conference", is_information_manager_of | is_deputy_to_register_conference)


rules.add_perm("governance.export_mailing_list", is_an_information_manager)


# --- Lists: one filter per model, the same rule as its detail page ----------------------------------
def managed_organisations(user):
    """The organisations `user` is information manager of today (every one for an administrator)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    qs = Organisation.objects.order_by("sort_order", "code")
    if user.is_superuser:
        return qs
    return qs.filter(pk__in=facts(user).info_manager_of(today()))


def acting_for(user, scope: str | None = None):
    """The organisations `user` acts for today, as the rules count it: those they are information
    manager of, and, for a delegable right (`scope`: answer_consultation, cast_ballot,
    register_conference), those they are deputy for. Never every organisation for an administrator:
    the administrator acts for none."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    f, day = facts(user), today()
    ids = set(f.info_manager_of(day))
    if scope in Delegation.SCOPES:
        ids |= f.deputy_for(day, scope)
    return Organisation.objects.filter(pk__in=ids).order_by("sort_order", "code")


def organisations_for(user, perm: str):
    """The organisations on which `user` holds `perm` (information manager or deputy; every one for
    an administrator)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Organisation.objects.order_by("sort_order", "code")
    return acting_for(user, perm.rpartition(".")[2])


def ballot_organisations(user) -> list[Organisation]:
    """The organisations whose ballot `user` casts today: their own as information manager and those
    they are deputy for. Never the administrator's: a ballot is an organisation's."""
    return list(acting_for(user, "cast_ballot"))


def mandate_for(user, organisation: Organisation, scope: str):
    """The deputy's mandate under which `user` acts for `organisation` today (None when they act as
    its information manager, or hold none)."""
    from governance.people.models import Delegation

    f, day = facts(user), today()
    if organisation.pk in f.info_manager_of(day):
        return None
    pk = next((m.pk for m in f.mandates if m.scope == scope and m.organisation_id == organisation.pk
               and m.on(day)), None)
    return Delegation.objects.filter(pk=pk).first() if pk else None


# A register extract (GDPR article 15) of someone else: administrators (each is logged).
rules.add_perm("governance.extract_person", rules.is_superuser)
