"""Where the web management's pages sit, for the breadcrumbs (see governance/breadcrumbs.py)."""
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("/webb/", _("Web management"), "webadmin:overview"),
    ("/webb/onskemal/", _("Feature requests"), "webadmin:request_list"),
    ("/webb/handbok/", _("Handbook and FAQ"), "webadmin:page_list"),
    ("/webb/riktlinjer/", _("Policies and guidelines"), "webadmin:policy_list"),
]
