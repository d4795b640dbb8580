from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from governance.home import views as governance_views

urlpatterns = [
    path("healthz/", governance_views.healthz, name="healthz"),  # = ready, for existing probes
    path("healthz/live/", governance_views.healthz_live, name="healthz_live"),
    path("healthz/ready/", governance_views.healthz, name="healthz_ready"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/logga-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("konto/aterstall/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("konto/aterstall/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "konto/aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("konto/aterstall/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("verksamhetsplan/", include("annualplan.urls")),
    path("avgifter/", include("fees.urls")),
    path("webb/", include("webadmin.urls")),
    path("", include("governance.urls")),
]

handler403 = "governance.home.views.permission_denied"
handler404 = "governance.home.views.page_not_found"
handler500 = "governance.home.views.server_error"
