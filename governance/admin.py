"""The admin site: each area registers its own models (governance/<area>/admin.py); Django's
autodiscovery imports this module, which imports them."""
from django.contrib import admin

from governance.bodies import admin as bodies_admin  # noqa: F401
from governance.documents import admin as documents_admin  # noqa: F401
from governance.elections import admin as elections_admin  # noqa: F401
from governance.meetings import admin as meetings_admin  # noqa: F401
from governance.networks import admin as networks_admin  # noqa: F401
from governance.news import admin as news_admin  # noqa: F401
from governance.notifications import admin as notifications_admin  # noqa: F401
from governance.people import admin as people_admin  # noqa: F401
from governance.records import admin as records_admin  # noqa: F401
from governance.reports import admin as reports_admin  # noqa: F401

# The admin's pages lead back through their breadcrumbs and the index: without the sidebar, a list
# page does not build the list of every model of every app on every request.
admin.site.enable_nav_sidebar = False
