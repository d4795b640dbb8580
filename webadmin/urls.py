from django.urls import path

from . import views

app_name = "webadmin"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("roller/tilldela/", views.role_assign, name="role_assign"),
    path("roller/<int:pk>/avsluta/", views.role_end, name="role_end"),
    path("grupp/<int:year>/", views.group, name="group"),
    path("grupp/<int:year>/sammansattning/", views.group_compose, name="group_compose"),
    path("arbetsgrupper/ny/", views.group_create, name="group_create"),
    path("arbetsgrupper/<int:pk>/", views.group_detail, name="group_detail"),
    path("arbetsgrupper/<int:pk>/rapport/", views.status_report, name="status_report"),
    path("onskemal/", views.request_list, name="request_list"),
    path("onskemal/nytt/", views.request_create, name="request_create"),
    path("onskemal/<int:pk>/", views.request_detail, name="request_detail"),
    path("onskemal/<int:pk>/stod/", views.request_support, name="request_support"),
    path("onskemal/<int:pk>/status/", views.request_triage, name="request_triage"),
    path("onskemal/<int:pk>/specifikation/", views.request_edit, name="request_edit"),
    path("onskemal/<int:pk>/flytta/", views.request_move, name="request_move"),
    path("onskemal/<int:pk>/historik/", views.request_history, name="request_history"),
    path("onskemal/bilaga/<int:pk>/", views.attachment, name="attachment"),
    path("handbok/", views.page_list, name="page_list"),
    path("handbok/ny/", views.page_create, name="page_create"),
    path("handbok/<slug:slug>/", views.page_detail, name="page_detail"),
    path("handbok/<slug:slug>/andra/", views.page_edit, name="page_edit"),
    path("handbok/<slug:slug>/publicera/", views.page_publish, name="page_publish"),
    path("handbok/<slug:slug>/versioner/", views.page_history, name="page_history"),
    path("riktlinjer/", views.policy_list, name="policy_list"),
    path("riktlinjer/ny/", views.policy_create, name="policy_create"),
    path("riktlinjer/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("riktlinjer/<int:pk>/ny-version/", views.policy_version_create, name="policy_version_create"),
    path("riktlinjer/<int:pk>/lasning/", views.policy_reading_edit, name="policy_reading_edit"),
    path("riktlinjer/<int:pk>/last/", views.policy_read_confirm, name="policy_read_confirm"),
    path("riktlinjer/<int:pk>/kvittenser/", views.policy_reading, name="policy_reading"),
    path("riktlinjer/<int:pk>/kvittenser/paminn/", views.policy_reading_remind, name="policy_reading_remind"),
    path("plattformar/", views.platform_list, name="platform_list"),
]
