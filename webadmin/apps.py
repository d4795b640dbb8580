from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebadminConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webadmin"
    verbose_name = _("Web management")

    def ready(self):
        from . import notifications  # noqa: F401
