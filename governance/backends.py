"""Django's model backend for what it is for here: logging in, and the admin site's global model
permissions for staff. The portal's rights are the rules (<app>/rules.py), asked with an object or
without; a global model permission means something only on the admin site, which only staff reach,
so for everyone else it is not read at all (two queries less on every page that asks a rule without
an object)."""
from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class PortalModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not getattr(user_obj, "is_staff", False) and not getattr(user_obj, "is_superuser", False):
            return set()
        return super().get_all_permissions(user_obj, obj)

    def get_user_permissions(self, user_obj, obj=None):
        if not getattr(user_obj, "is_staff", False):
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if not getattr(user_obj, "is_staff", False):
            return set()
        return super().get_group_permissions(user_obj, obj)
