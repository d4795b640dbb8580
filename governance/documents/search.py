"""Documents in the portal's search: those `governance.view_document` lets the user read."""
from django.utils.translation import gettext_lazy as _

from governance.searchable import Source

from .models import Document
from .rules import visible_documents

SOURCES = [
    Source(kind="documents", label=_("Documents"), rows=lambda user: visible_documents(user, Document.objects.all()),
           fields=(("title", "A"), ("description", "B")), title="title", url_name="governance:document_detail"),
]
