"""The elections pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.elections import views

urlpatterns = [
    path("val/", views.election_list, name="election_list"),
    path("val/nytt/", views.election_create, name="election_create"),
    path("val/<int:year>/", views.election_detail, name="election_detail"),
    path("val/<int:year>/valberedningens-forslag/", views.election_nomination, name="election_nomination"),
    path("val/<int:year>/valsedel/", views.election_ballot, name="election_ballot"),
    path("val/<int:year>/oppna-omrostning/", views.election_ballot_open, name="election_ballot_open"),
    path("val/<int:year>/stang-omrostning/", views.election_ballot_close, name="election_ballot_close"),
    path("val/<int:year>/registrera-beslut/", views.election_decide, name="election_decide"),
    path("val/<int:year>/beslut/", views.election_decision, name="election_decision"),
]
