from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import checks, datacache, signals  # noqa: F401

        # Every connection records the tables it writes (governance/datacache.py).
        connection_created.connect(datacache.install, dispatch_uid="datacache_install")
        for connection in connections.all(initialized_only=True):
            datacache.install(connection)
        post_migrate.connect(datacache.new_epoch, sender=self, dispatch_uid="datacache_epoch")
