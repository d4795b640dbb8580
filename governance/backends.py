"""guardian's object-permission backend, with each (user, object) answer kept in the data cache.

`user.has_perm("fees.prepare_fee", budget)` asks guardian for the user's and their groups'
permissions on the object: two queries per question. Here the object's permission codenames for
the user are computed once and served from governance.datacache while the permission tables (and
the user) are unchanged — the sync that adds or removes a row, a deactivated user or a changed
group out-dates the answer at once. The answers are guardian's own: inactive users have none,
superusers all, and a permission of another app raises WrongAppError as guardian does."""
from __future__ import annotations

from guardian.backends import ObjectPermissionBackend, check_support
from guardian.core import ObjectPermissionChecker
from guardian.ctypes import get_content_type
from guardian.exceptions import WrongAppError

from . import datacache


def object_perms(user, obj) -> frozenset[str]:
    """The codenames `user` holds on `obj` through guardian (their own rows and their groups')."""
    ctype = get_content_type(obj)
    return datacache.cached(
        ("object-perms", user.pk, ctype.pk, str(obj.pk)),
        lambda: frozenset(ObjectPermissionChecker(user).get_perms(obj)),
        timeout=300, depends_on=datacache.USER_TABLES,
    )


class CachedObjectPermissionBackend(ObjectPermissionBackend):
    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        support, user_obj = check_support(user_obj, obj)
        if not support or not user_obj.is_active:
            return False
        if user_obj.is_superuser:
            return True
        app_label, _, codename = perm.rpartition(".")
        if app_label and app_label != obj._meta.app_label and app_label != get_content_type(obj).app_label:
            raise WrongAppError(f"Passed perm has app label of '{app_label}' while given obj has app label "
                                f"'{obj._meta.app_label}'")
        return codename in object_perms(user_obj, obj)
