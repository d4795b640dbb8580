"""The document archive's pages: the archive (search, filters by body, kind and year), a document
with its versions and links, adding a document or a version, changing the description and links,
and each version's file, always through here to those who may read it."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from governance.authority import require
from governance.bodies.models import Body
from governance.web import submit

from . import selectors, services
from .forms import ArchiveSearchForm, DocumentCreateForm, DocumentEditForm, DocumentVersionForm
from .models import Document, DocumentVersion
from .rules import kept_bodies


@login_required
@require_GET
def document_list(request):
    bodies = Body.objects.order_by("kind", "-year", "name")
    form = ArchiveSearchForm(request.GET or None, bodies=bodies)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"query": data["q"].strip(), "body_id": data["body"].pk if data["body"] else None,
                   "kind": data["kind"], "year": data["year"]}
    page = Paginator(selectors.archive(request.user, **filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "governance/documents/document_list.html", {
        "form": form, "page": page, "query_string": query.urlencode(),
        "can_add": kept_bodies(request.user).exists(),
    })


def _readable(request, pk: int) -> Document:
    try:
        document = selectors.detail(pk)
    except Document.DoesNotExist as exc:
        raise Http404 from exc
    require(request.user, "governance.view_document", document,
            message=_("This document is for %(readers)s.") % {"readers": document.get_readers_display().lower()})
    return document


def _kept(request, pk: int) -> Document:
    document = _readable(request, pk)
    require(request.user, "governance.change_document", document,
            message=_("Only the officers of %(body)s keep its archive.") % {"body": document.body})
    return document


@login_required
def document_add(request):
    bodies = kept_bodies(request.user)
    if not bodies.exists():
        require(request.user, "governance.add_document", None,
                message=_("Documents are added by the officers of the body whose archive they belong to."))
    chosen = request.POST.get("body") if request.method == "POST" else request.GET.get("body")
    body = bodies.filter(pk=chosen).first() if str(chosen or "").isdigit() else None
    form = DocumentCreateForm(request.POST or None, request.FILES or None, bodies=bodies, body=body,
                              initial={"body": body})
    return submit(
        request, form,
        lambda d: services.document_create(
            body=d["body"], title=d["title"], kind=d["kind"], dated=d["dated"], readers=d["readers"],
            description=d["description"], upload=d["file"], note=d["note"], actor=request.user,
            meetings=d.get("meetings") or [], decisions=d.get("decisions") or []),
        success=_("The document was added to the archive."), then=lambda doc: doc, on="file",
    ) or render(request, "governance/documents/document_form.html", {"form": form, "body": body})


@login_required
@require_GET
def document_detail(request, pk: int):
    document = _readable(request, pk)
    return render(request, "governance/documents/document_detail.html", {
        "document": document, "versions": list(document.versions.all()),
        "can_keep": request.user.has_perm("governance.change_document", document),
        "meetings": list(document.meetings.all()), "decisions": list(document.decisions.all()),
    })


@login_required
def document_edit(request, pk: int):
    document = _kept(request, pk)
    initial = {"title": document.title, "kind": document.kind, "dated": document.dated,
               "readers": document.readers, "description": document.description, "version": document.version,
               "meetings": list(document.meetings.all()), "decisions": list(document.decisions.all())}
    form = DocumentEditForm(request.POST or None, body=document.body, initial=initial)
    return submit(
        request, form,
        lambda d: services.document_update(
            document=document, title=d["title"], kind=d["kind"], dated=d["dated"], readers=d["readers"],
            description=d["description"], meetings=d["meetings"], decisions=d["decisions"],
            version=d.get("version"), actor=request.user),
        success=_("The document was saved."), then=document, saved=lambda: selectors.detail(document.pk),
    ) or render(request, "governance/documents/document_edit.html", {"form": form, "document": document})


@login_required
def document_version_add(request, pk: int):
    document = _kept(request, pk)
    form = DocumentVersionForm(request.POST or None, request.FILES or None)
    return submit(
        request, form,
        lambda d: services.document_add_version(document=document, upload=d["file"], note=d["note"],
                                                actor=request.user),
        success=_("The new version was added; the earlier ones stay in the document's history."),
        then=document, on="file",
    ) or render(request, "governance/documents/version_form.html", {"form": form, "document": document})


@login_required
@require_GET
def document_download(request, pk: int, number: int):
    """Only through here, to those who may read the document; always as a download, never sniffed."""
    document = _readable(request, pk)
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=version.original_name,
                            content_type=version.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
