"""The decision register's addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.records import views

urlpatterns = [
    path("beslut/", views.register_current, name="decision_register_current"),
    path("beslut/<int:year>/", views.register, name="decision_register"),
    path("beslut/<int:year>/export.<str:fmt>", views.register_export, name="decision_register_export"),
    path("beslut/nr/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("beslut/nr/<int:pk>/arkivexemplar.pdf", views.decision_archive, name="decision_archive"),
    path("arkiv/gallring/", views.culling_index, name="culling_index"),
    path("arkiv/gallring/ny/", views.culling_draft, name="culling_draft"),
    path("arkiv/gallring/<int:year>/", views.culling_list, name="culling_list"),
]
