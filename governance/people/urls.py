"""The people pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.people import views

urlpatterns = [
    path("ersattare/", views.delegation_list, name="delegation_list"),
    path("ersattare/<int:pk>/avsluta/", views.delegation_revoke, name="delegation_revoke"),
    path("mina-uppgifter/registerutdrag.json", views.register_extract, name="register_extract"),
    path("personer/<int:pk>/registerutdrag.json", views.register_extract, name="register_extract_for"),
]
