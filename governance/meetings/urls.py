"""The meetings pages' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.meetings import calendar_views, planning_views, views

urlpatterns = [
    path("moten/", views.meeting_list, name="meeting_list"),
    path("moten/nytt/", views.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", views.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/stall-in/", planning_views.meeting_cancel, name="meeting_cancel"),
    path("organ/<int:pk>/motesserie/ny/", planning_views.series_create, name="series_create"),
    path("organ/<int:pk>/dagordningsmall/", planning_views.agenda_template_edit, name="agenda_template_edit"),
    path("organ/<int:pk>/amnen/", planning_views.agenda_topics, name="agenda_topics"),
    path("amnen/<int:pk>/till-dagordning/", planning_views.topic_schedule, name="topic_schedule"),
    path("amnen/<int:pk>/dra-tillbaka/", planning_views.topic_withdraw, name="topic_withdraw"),
    path("moten/<int:pk>/narvaro/", views.meeting_attendance, name="meeting_attendance"),
    path("moten/<int:pk>/bilagor/ny/", views.attachment_upload, name="attachment_upload"),
    path("moten/<int:pk>/minnesanteckningar/", views.meeting_minutes, name="meeting_minutes"),
    path("moten/<int:pk>/minnesanteckningar/utkast/", views.minutes_edit, name="minutes_edit"),
    path("bilagor/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("bilagor/<int:pk>/ta-bort/", views.attachment_delete, name="attachment_delete"),
    path("minnesanteckningar/", views.minutes_list, name="minutes_list"),
    path("minnesanteckningar/<int:pk>/", views.minutes_version, name="minutes_version"),
    path("minnesanteckningar/<int:pk>/arkivexemplar.pdf", views.minutes_archive, name="minutes_archive"),
    path("minnesanteckningar/<int:pk>/publicera/", views.minutes_publish, name="minutes_publish"),
    path("minnesanteckningar/<int:pk>/justering/", views.minutes_send_for_adjustment, name="minutes_send_for_adjustment"),
    path("minnesanteckningar/<int:pk>/justering/ta-tillbaka/", views.minutes_take_back, name="minutes_take_back"),
    path("minnesanteckningar/<int:pk>/justera/", views.minutes_adjust, name="minutes_adjust"),
    path("moten/<int:pk>/atgarder/ny/", views.action_item_add, name="action_item_add"),
    path("atgarder/<int:pk>/status/", views.action_item_status, name="action_item_status"),
    path("minnesanteckningar/<int:pk>/ta-bort/", views.minutes_discard, name="minutes_discard"),
    path("kalender/", calendar_views.calendar_settings, name="calendar_settings"),
    path("kalender/ny-adress/", calendar_views.calendar_regenerate, name="calendar_regenerate"),
    path("kalender/stang-av/", calendar_views.calendar_revoke, name="calendar_revoke"),
    path("kalender/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
]
