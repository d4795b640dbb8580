"""The home pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.home import views

urlpatterns = [
    path("", views.home, name="home"),
]
