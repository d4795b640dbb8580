"""Reading the document archive: the documents a person may read, searched and filtered, with
their current version, in a fixed number of queries."""
from __future__ import annotations

from django.db.models import Max, Prefetch, Q, QuerySet

from .models import Document, DocumentVersion
from .rules import visible_documents


def archive(user, *, query: str = "", body_id: int | None = None, kind: str = "",
            year: int | None = None) -> QuerySet[Document]:
    qs = visible_documents(user, Document.objects.select_related("body"))
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(description__icontains=query)
                       | Q(versions__original_name__icontains=query)).distinct()
    if body_id:
        qs = qs.filter(body_id=body_id)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(dated__year=year)
    return qs.annotate(current=Max("versions__number")).order_by("-dated", "-pk")


def detail(pk: int) -> Document:
    return (Document.objects.select_related("body", "created_by")
            .prefetch_related(Prefetch("versions", DocumentVersion.objects.select_related("uploaded_by")),
                              "meetings", "decisions").get(pk=pk))


def for_meeting(user, meeting) -> list[Document]:
    """The documents linked to `meeting` that `user` may read."""
    return list(visible_documents(user, meeting.documents.select_related("body")).order_by("-dated", "title"))


def for_decision(user, decision) -> list[Document]:
    return list(visible_documents(user, decision.documents.select_related("body")).order_by("-dated", "title"))
