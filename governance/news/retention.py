"""News: what a body, an organisation or the network published on the intranet, culled under the
schedule (with its image or attachment) once the administrator gives the kind a class."""
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from governance.retention import RecordKind

from .models import NewsItem

KINDS = [
    RecordKind(key="news.newsitem", label=_("News items"), records=NewsItem.objects.all, date_field="published_at",
               describe=lambda n: f"{n.title} ({date_format(localtime(n.published_at).date(), 'Y-m-d')})",
               files=lambda n: [n.file] if n.file else []),
]
