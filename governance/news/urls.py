"""The news' addresses, included in governance/urls.py under the namespace "governance"."""
from django.urls import path

from governance.news import feed, views

urlpatterns = [
    path("nyheter/", views.news_list, name="news_list"),
    path("nyheter/ny/", views.news_add, name="news_add"),
    path("nyheter/<int:pk>/", views.news_detail, name="news_detail"),
    path("nyheter/<int:pk>/andra/", views.news_edit, name="news_edit"),
    path("nyheter/<int:pk>/dra-tillbaka/", views.news_withdraw, name="news_withdraw"),
    path("nyheter/<int:pk>/fil/", views.news_file, name="news_file"),
    path("nyheter/<str:token>.atom", feed.news_feed, name="news_feed"),
]
