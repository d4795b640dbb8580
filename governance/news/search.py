"""News in the portal's search: the items `governance.view_newsitem` lets the user read."""
from django.utils.translation import gettext_lazy as _

from governance.searchable import Source

from .models import NewsItem
from .rules import visible_news

SOURCES = [
    Source(kind="news", label=_("News"), rows=lambda user: visible_news(user, NewsItem.objects.all()),
           fields=(("title", "A"), ("text", "B")), title="title", url_name="governance:news_detail"),
]
