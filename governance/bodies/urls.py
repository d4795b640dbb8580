"""The bodies pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.bodies import views

urlpatterns = [
    path("organ/", views.body_list, name="body_list"),
    path("organ/<int:pk>/", views.body_detail, name="body_detail"),
    path("organ/<int:pk>/ledamoter.<str:fmt>", views.body_members_export, name="body_members_export"),
    path("organ/<int:pk>/paminnelser/", views.body_reminders_edit, name="body_reminders_edit"),
]
