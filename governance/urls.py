from django.urls import path

from .views import core as views

app_name = "governance"

urlpatterns = [
    path("", views.home, name="home"),
    path("organ/", views.body_list, name="body_list"),
    path("organ/<int:pk>/", views.body_detail, name="body_detail"),
    path("notiser/", views.notification_list, name="notification_list"),
    path("notiser/<int:pk>/oppna/", views.notification_open, name="notification_open"),
    path("notiser/alla-lasta/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("notiser/installningar/", views.notification_preferences, name="notification_preferences"),
]
