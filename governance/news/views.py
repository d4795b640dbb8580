"""The news pages: what I may read, an item, publishing, changing and withdrawing, and an item's
image or attachment, always through here to those who may read it."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from governance.authority import require
from governance.rendering import render_markdown
from governance.web import act, confirm, submit

from . import selectors, services
from .forms import NewsEditForm, NewsForm, audience_choices, audience_value
from .models import NewsItem
from .rules import targets

PAGE_SIZE = 20
# What the conflict screen shows of the saved item.
SHOWN_ON_CONFLICT = ["title", "audience", "body", "organisation", "text", "file_name", "image_alt", "pinned_until"]


@login_required
@require_GET
def news_list(request):
    page = Paginator(selectors.news_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    token = request.user.calendar_token
    feed_url = request.build_absolute_uri(reverse("governance:news_feed", kwargs={"token": token})) if token else ""
    return render(request, "governance/news/news_list.html", {
        "page": page, "feed_url": feed_url, "can_publish": request.user.has_perm("governance.add_newsitem"),
    })


def _readable(request, pk: int) -> NewsItem:
    try:
        item = selectors.detail(pk)
    except NewsItem.DoesNotExist as exc:
        raise Http404 from exc
    require(request.user, "governance.view_newsitem", item,
            message=_("This news is for %(audience)s.") % {"audience": item.audience_label})
    return item


def _changeable(request, pk: int) -> NewsItem:
    item = _readable(request, pk)
    require(request.user, "governance.change_newsitem", item,
            message=_("Only the author and those who publish to %(audience)s change this item.")
            % {"audience": item.audience_label})
    return item


@login_required
@require_GET
def news_detail(request, pk: int):
    item = _readable(request, pk)
    return render(request, "governance/news/news_detail.html", {
        "item": item, "html": render_markdown(item.text),
        "can_change": request.user.has_perm("governance.change_newsitem", item),
    })


def _data(d: dict) -> dict:
    audience, body, organisation = d["audience"]
    return {"title": d["title"], "text": d["text"], "audience": audience, "body": body, "organisation": organisation,
            "upload": d.get("file"), "image_alt": d["image_alt"], "pinned_until": d["pinned_until"]}


@login_required
def news_add(request):
    require(request.user, "governance.add_newsitem", None,
            message=_("News is published by the steering group, a body's officers and the information managers."))
    form = NewsForm(request.POST or None, request.FILES or None, choices=audience_choices(targets(request.user)))
    return submit(
        request, form, lambda d: services.news_publish(**_data(d), actor=request.user),
        success=_("The news was published."), then=lambda item: item,
    ) or render(request, "governance/news/news_form.html", {"form": form})


@login_required
def news_edit(request, pk: int):
    item = _changeable(request, pk)
    initial = {"title": item.title, "text": item.text, "audience": audience_value(item), "image_alt": item.image_alt,
               "pinned_until": item.pinned_until, "version": item.version}
    form = NewsEditForm(request.POST or None, request.FILES or None, initial=initial, has_file=bool(item.file),
                        choices=audience_choices(targets(request.user), item))
    return submit(
        request, form,
        lambda d: services.news_update(item=item, **_data(d), remove_file=d.get("remove_file", False),
                                       version=d.get("version"), actor=request.user),
        success=_("The news was saved."), then=item, saved=lambda: selectors.detail(item.pk), fields=SHOWN_ON_CONFLICT,
    ) or render(request, "governance/news/news_edit.html", {"form": form, "item": item})


@login_required
@require_POST
def news_withdraw(request, pk: int):
    item = _changeable(request, pk)
    return confirm(
        request, action=_("Withdraw the news"), back=item,
        consequences=[_("Its readers no longer see it, on Min sida, in the list or in their feed. Its history "
                        "is kept.")],
    ) or act(request, lambda: services.news_withdraw(item=item, actor=request.user),
             success=_("The news was withdrawn."), then=reverse("governance:news_list"))


@login_required
@require_GET
def news_file(request, pk: int):
    """Only through here, to those who may read the item; an image inline, anything else as a download."""
    item = _readable(request, pk)
    if not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=not item.is_image, filename=item.file_name,
                            content_type=item.file_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
