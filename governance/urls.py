from django.urls import path

from .views import core as views
from .views import delegations as delegation_views
from .views import elections as election_views
from .views import meetings as meeting_views
from .views import networks as network_views

app_name = "governance"

urlpatterns = [
    path("", views.home, name="home"),
    path("organ/", views.body_list, name="body_list"),
    path("organ/<int:pk>/", views.body_detail, name="body_detail"),
    path("notiser/", views.notification_list, name="notification_list"),
    path("notiser/<int:pk>/oppna/", views.notification_open, name="notification_open"),
    path("notiser/alla-lasta/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("notiser/installningar/", views.notification_preferences, name="notification_preferences"),
    # Deputies (ersättare) named by the information managers
    path("ersattare/", delegation_views.delegation_list, name="delegation_list"),
    path("ersattare/<int:pk>/avsluta/", delegation_views.delegation_revoke, name="delegation_revoke"),
    # Meetings, agenda, attendance, attachments, minutes, the personal calendar feed
    path("moten/", meeting_views.meeting_list, name="meeting_list"),
    path("moten/nytt/", meeting_views.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", meeting_views.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/narvaro/", meeting_views.meeting_attendance, name="meeting_attendance"),
    path("moten/<int:pk>/bilagor/ny/", meeting_views.attachment_upload, name="attachment_upload"),
    path("moten/<int:pk>/minnesanteckningar/", meeting_views.meeting_minutes, name="meeting_minutes"),
    path("moten/<int:pk>/minnesanteckningar/utkast/", meeting_views.minutes_edit, name="minutes_edit"),
    path("bilagor/<int:pk>/", meeting_views.attachment_download, name="attachment_download"),
    path("bilagor/<int:pk>/ta-bort/", meeting_views.attachment_delete, name="attachment_delete"),
    path("minnesanteckningar/", meeting_views.minutes_list, name="minutes_list"),
    path("minnesanteckningar/<int:pk>/", meeting_views.minutes_version, name="minutes_version"),
    path("minnesanteckningar/<int:pk>/publicera/", meeting_views.minutes_publish, name="minutes_publish"),
    path("minnesanteckningar/<int:pk>/ta-bort/", meeting_views.minutes_discard, name="minutes_discard"),
    path("kalender/", meeting_views.calendar_settings, name="calendar_settings"),
    path("kalender/ny-adress/", meeting_views.calendar_regenerate, name="calendar_regenerate"),
    path("kalender/stang-av/", meeting_views.calendar_revoke, name="calendar_revoke"),
    path("kalender/<str:token>.ics", meeting_views.calendar_feed, name="calendar_feed"),
    # The communicators' network, proposals, the conference, the autumn meeting's election
    path("natverk/informatorer/", network_views.network, name="network"),
    path("natverk/informatorer/ansok/", network_views.network_join, name="network_join"),
    path("natverk/informatorer/sandlista.csv", network_views.network_export, name="network_export"),
    path("natverk/informatorer/<str:code>/", network_views.network_organisation, name="network_organisation"),
    path("natverk/ansokningar/<int:pk>/godkann/", network_views.join_request_approve, name="join_request_approve"),
    path("natverk/ansokningar/<int:pk>/avsla/", network_views.join_request_decline, name="join_request_decline"),
    path("forslag/", network_views.proposal_list, name="proposal_list"),
    path("forslag/nytt/", network_views.proposal_create, name="proposal_create"),
    path("forslag/vidarebefordrade/", network_views.proposal_forwarded, name="proposal_forwarded"),
    path("forslag/<int:pk>/", network_views.proposal_detail, name="proposal_detail"),
    path("forslag/<int:pk>/andra/", network_views.proposal_edit, name="proposal_edit"),
    path("forslag/<int:pk>/skicka-in/", network_views.proposal_submit, name="proposal_submit"),
    path("forslag/<int:pk>/vidarebefordra/", network_views.proposal_forward, name="proposal_forward"),
    path("forslag/<int:pk>/returnera/", network_views.proposal_return, name="proposal_return"),
    path("konferens/", network_views.conference_list, name="conference_list"),
    path("konferens/<int:pk>/", network_views.conference_detail, name="conference_detail"),
    path("konferens/<int:pk>/anmalningar/<str:code>/", network_views.conference_registrations,
         name="conference_registrations"),
    path("konferens/<int:pk>/anmalningar/<str:code>/lagg-till/", network_views.conference_register,
         name="conference_register"),
    path("konferens/anmalningar/<int:pk>/ta-bort/", network_views.conference_unregister,
         name="conference_unregister"),
    path("val/", election_views.election_list, name="election_list"),
    path("val/nytt/", election_views.election_create, name="election_create"),
    path("val/<int:year>/", election_views.election_detail, name="election_detail"),
    path("val/<int:year>/valberedningens-forslag/", election_views.election_nomination, name="election_nomination"),
    path("val/<int:year>/valsedel/", election_views.election_ballot, name="election_ballot"),
    path("val/<int:year>/oppna-omrostning/", election_views.election_ballot_open, name="election_ballot_open"),
    path("val/<int:year>/stang-omrostning/", election_views.election_ballot_close, name="election_ballot_close"),
    path("val/<int:year>/registrera-beslut/", election_views.election_decide, name="election_decide"),
    path("val/<int:year>/beslut/", election_views.election_decision, name="election_decision"),
]

from .views import reports as report_views  # noqa: E402

urlpatterns += [
    # The G7 report: archive, page, PDF, on demand (governance/services/reports.py)
    path("rapporter/g7/", report_views.g7_report_list, name="g7_report_list"),
    path("rapporter/g7/ny/", report_views.g7_report_create, name="g7_report_create"),
    path("rapporter/g7/<int:pk>/", report_views.g7_report_detail, name="g7_report_detail"),
    path("rapporter/g7/<int:pk>/pdf/", report_views.g7_report_pdf, name="g7_report_pdf"),
]
