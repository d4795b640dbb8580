"""The document archive's addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.documents import views

urlpatterns = [
    path("dokument/", views.document_list, name="document_list"),
    path("dokument/ny/", views.document_add, name="document_add"),
    path("dokument/<int:pk>/", views.document_detail, name="document_detail"),
    path("dokument/<int:pk>/andra/", views.document_edit, name="document_edit"),
    path("dokument/<int:pk>/ny-version/", views.document_version_add, name="document_version_add"),
    path("dokument/<int:pk>/version/<int:number>/", views.document_download, name="document_download"),
]
