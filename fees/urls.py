from django.urls import path

from . import views

app_name = "fees"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("budget/ny/", views.budget_create, name="budget_create"),
    path("budget/<int:year>/", views.budget_detail, name="budget_detail"),
    path("budget/<int:year>/andra/", views.budget_edit, name="budget_edit"),
    path("budget/<int:year>/personalkostnader/", views.budget_refresh_staff, name="budget_refresh_staff"),
    path("budget/<int:year>/forslag/nytt/", views.proposal_create, name="proposal_create"),
    path("budget/<int:year>/uppfoljning/", views.followup, name="followup"),
    path("budget/<int:year>/uppfoljning/andra/", views.followup_edit, name="followup_edit"),
    path("budget/<int:year>/uppfoljning/import/", views.followup_import, name="followup_import"),
    path("forslag/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("forslag/<int:pk>/andra/", views.proposal_edit, name="proposal_edit"),
    path("forslag/<int:pk>/vikter/", views.proposal_import_weights, name="proposal_import_weights"),
    path("forslag/<int:pk>/besluta/", views.proposal_decide, name="proposal_decide"),
    path("beslut/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("beslut/<int:pk>/fakturera/", views.invoices_generate, name="invoices_generate"),
    path("fakturor/", views.invoice_list, name="invoice_list"),
    path("fakturor/<int:year>/export.csv", views.invoices_export_csv, name="invoices_export_csv"),
    path("fakturor/<int:year>/export.xlsx", views.invoices_export_xlsx, name="invoices_export_xlsx"),
    path("fakturor/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("fakturor/<int:pk>/skicka/", views.invoice_send, name="invoice_send"),
    path("fakturor/<int:pk>/betald/", views.invoice_paid, name="invoice_paid"),
    path("fakturor/<int:pk>/kreditera/", views.invoice_credit, name="invoice_credit"),
    path("fakturor/<int:pk>/e-faktura.xml", views.invoice_ubl, name="invoice_ubl"),
    path("fakturor/<int:pk>/utskrift/", views.invoice_print, name="invoice_print"),
    path("fakturor/<int:pk>/faktura.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("historik/", views.fee_history, name="fee_history"),
]
