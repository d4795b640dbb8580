"""The notifications pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.notifications import views

urlpatterns = [
    path("notiser/", views.notification_list, name="notification_list"),
    path("notiser/<int:pk>/oppna/", views.notification_open, name="notification_open"),
    path("notiser/alla-lasta/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("notiser/installningar/", views.notification_preferences, name="notification_preferences"),
]
