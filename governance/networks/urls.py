"""The networks pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.networks import views

urlpatterns = [
    path("natverk/informatorer/", views.network, name="network"),
    path("natverk/informatorer/ansok/", views.network_join, name="network_join"),
    path("natverk/informatorer/sandlista.csv", views.network_export, name="network_export"),
    path("natverk/informatorer/<str:code>/", views.network_organisation, name="network_organisation"),
    path("natverk/ansokningar/<int:pk>/godkann/", views.join_request_approve, name="join_request_approve"),
    path("natverk/ansokningar/<int:pk>/avsla/", views.join_request_decline, name="join_request_decline"),
    path("forslag/", views.proposal_list, name="proposal_list"),
    path("forslag/nytt/", views.proposal_create, name="proposal_create"),
    path("forslag/vidarebefordrade/", views.proposal_forwarded, name="proposal_forwarded"),
    path("forslag/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("forslag/<int:pk>/andra/", views.proposal_edit, name="proposal_edit"),
    path("forslag/<int:pk>/skicka-in/", views.proposal_submit, name="proposal_submit"),
    path("forslag/<int:pk>/vidarebefordra/", views.proposal_forward, name="proposal_forward"),
    path("forslag/<int:pk>/returnera/", views.proposal_return, name="proposal_return"),
    path("konferens/", views.conference_list, name="conference_list"),
    path("konferens/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("konferens/<int:pk>/deltagare.<str:fmt>", views.conference_participants_export,
         name="conference_participants_export"),
    path("konferens/<int:pk>/anmalningar/<str:code>/", views.conference_registrations,
         name="conference_registrations"),
    path("konferens/<int:pk>/anmalningar/<str:code>/lagg-till/", views.conference_register,
         name="conference_register"),
    path("konferens/anmalningar/<int:pk>/ta-bort/", views.conference_unregister,
         name="conference_unregister"),
]
