"""The reports pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.reports import views

urlpatterns = [
    path("rapporter/g7/", views.g7_report_list, name="g7_report_list"),
    path("rapporter/g7/ny/", views.g7_report_create, name="g7_report_create"),
    path("rapporter/g7/<int:pk>/", views.g7_report_detail, name="g7_report_detail"),
    path("rapporter/g7/<int:pk>/pdf/", views.g7_report_pdf, name="g7_report_pdf"),
    path("rapporter/g7/<int:pk>/arkivexemplar.pdf", views.g7_report_archive, name="g7_report_archive"),
]
