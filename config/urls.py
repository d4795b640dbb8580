from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from governance.home import views as governance_views
from governance.people import accounts, oidc, second_factor
from governance.people.forms import LoginForm

urlpatterns = [
    path("healthz/", governance_views.healthz, name="healthz"),  # = ready, for existing probes
    path("healthz/live/", governance_views.healthz_live, name="healthz_live"),
    path("healthz/ready/", governance_views.healthz, name="healthz_ready"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/logga-in/", accounts.PortalLoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
         name="login"),
    path("konto/logga-ut/", accounts.PortalLogoutView.as_view(), name="logout"),
    # The agency account (OpenID Connect; governance/people/oidc.py). Register at the provider the
    # redirect URI <PORTAL_BASE_URL>/konto/oidc/callback/ and the post-logout URI <PORTAL_BASE_URL>/konto/logga-in/.
    path("konto/oidc/logga-in/", oidc.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("konto/oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    path("konto/oidc/logga-ut/", accounts.PortalLogoutView.as_view(), name="oidc_logout"),
    # The second factor of local staff accounts (governance/people/second_factor.py).
    path("konto/tvastegsverifiering/", second_factor.second_factor, name="second_factor"),
    path("konto/tvastegsverifiering/ny/", second_factor.second_factor_setup, name="second_factor_setup"),
    path("konto/tvastegsverifiering/reservkoder/", second_factor.second_factor_codes, name="second_factor_codes"),
    path("konto/losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("konto/aterstall/", accounts.PortalPasswordResetView.as_view(), name="password_reset"),
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
