"""Governance's addresses: each area's urls.py, all under the namespace "governance"."""
from governance.bodies import urls as bodies
from governance.documents import urls as documents
from governance.elections import urls as elections
from governance.home import urls as home
from governance.meetings import urls as meetings
from governance.networks import urls as networks
from governance.news import urls as news
from governance.notifications import urls as notifications
from governance.people import urls as people
from governance.records import urls as records
from governance.reports import urls as reports
from governance.search import urls as search

app_name = "governance"

urlpatterns = [
    *home.urlpatterns,
    *bodies.urlpatterns,
    *notifications.urlpatterns,
    *people.urlpatterns,
    *meetings.urlpatterns,
    *networks.urlpatterns,
    *elections.urlpatterns,
    *reports.urlpatterns,
    *records.urlpatterns,
    *documents.urlpatterns,
    *news.urlpatterns,
    *search.urlpatterns,
]
