from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.bodies.models import Body
from governance.formfields import VersionField
from governance.people.models import Organisation
from governance.widgets import DateInput

from .models import TEXT_MAX_LENGTH, NewsItem
from .rules import Targets

FILE_HELP = _("An image (PNG, JPEG, GIF, WebP) shown with the news, or a PDF or office document to download.")
NETWORK = "network"


def audience_choices(targets: Targets, current: NewsItem | None = None) -> list:
    """The audiences one may publish to (and the item's own, when editing), as "network",
    "body-<pk>" and "organisation-<pk>"."""
    body_ids, organisation_ids = set(targets.body_ids), set(targets.organisation_ids)
    network = targets.network
    if current is not None:
        network = network or current.audience == NewsItem.Audience.NETWORK
        body_ids |= {current.body_id} if current.body_id else set()
        organisation_ids |= {current.organisation_id} if current.organisation_id else set()
    choices = [(NETWORK, _("The whole communications network"))] if network else []
    bodies = Body.objects.filter(pk__in=body_ids).order_by("kind", "-year", "name")
    if body_ids:
        choices.append((_("The members of a body"), [(f"body-{b.pk}", str(b)) for b in bodies]))
    if organisation_ids:
        organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("sort_order", "code")
        choices.append((_("An organisation's communicators and information manager"),
                        [(f"organisation-{o.pk}", str(o)) for o in organisations]))
    return choices


def audience_value(item: NewsItem) -> str:
    if item.audience == NewsItem.Audience.BODY:
        return f"body-{item.body_id}"
    if item.audience == NewsItem.Audience.ORGANISATION:
        return f"organisation-{item.organisation_id}"
    return NETWORK


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    audience = forms.ChoiceField(label=_("To"), help_text=_("Who reads the item: everyone in the communications "
                                                            "network, the members of a body, or an organisation's "
                                                            "communicators and information manager."))
    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists with -."))
    file = forms.FileField(label=_("Image or attachment"), required=False, help_text=FILE_HELP)
    image_alt = forms.CharField(label=_("Image description (alt text)"), required=False, max_length=300,
                                help_text=_("Required with an image: what it shows, for those who cannot see it."))
    pinned_until = forms.DateField(label=_("Pinned until"), required=False, widget=DateInput,
                                   help_text=_("Shown first on Min sida until this day (at most three months)."))

    def __init__(self, *args, choices: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = choices

    def clean_audience(self):
        """The chosen audience as (audience, body, organisation)."""
        value = self.cleaned_data["audience"]
        if value == NETWORK:
            return NewsItem.Audience.NETWORK, None, None
        kind, _sep, pk = value.partition("-")
        if kind == "body":
            return NewsItem.Audience.BODY, Body.objects.get(pk=pk), None
        return NewsItem.Audience.ORGANISATION, None, Organisation.objects.get(pk=pk)


class NewsEditForm(NewsForm):
    remove_file = forms.BooleanField(label=_("Remove the image or attachment"), required=False)
    version = VersionField(required=False)

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_file:
            del self.fields["remove_file"]
        else:
            self.fields["file"].label = _("Replace the image or attachment")
