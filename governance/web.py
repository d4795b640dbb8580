"""The one way a view hands a form to a service and shows the outcome.

- `submit(request, form, save, success=, then=)`: on a valid POST, `save(cleaned_data)` (a service);
  a ValidationError goes onto the form and the view renders it again (`submit` returns None), else
  the success message and the redirect. Views read `return submit(...) or render(...)`.
- `act(request, do, success=, then=)`: the same for a button without a form: the refusal as error
  messages, then the redirect either way.
- `confirm(request, action=, consequences=, missing=, back=)`: an irreversible action's step
  between the button and the deed: a POST without `confirmed=1` gets a page naming what will happen
  and what is missing, with the button that posts again confirmed (no script: the CSP stays strict).
  Views read `return confirm(...) or act(...)`, after their permission check.
- `show_errors(form, exc, saved=)`: a ValidationError on the form's fields it names, the rest on
  top. A lost update (governance.concurrency, code "conflict") with the object read again (`saved`)
  moves the form onto the saved version (saving again replaces it) and puts the saved values on
  `form.saved_version`, which templates/includes/conflict.html shows above the editor's own input.

Either way nothing typed is lost and nothing is a 500."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from governance.concurrency import CONFLICT
from governance.money import format_number


def is_conflict(exc: ValidationError) -> bool:
    """Is this the refusal of a lost update?"""
    return any(getattr(e, "code", None) == CONFLICT for e in exc.error_list) if not hasattr(
        exc, "error_dict") else False


def saved_values(obj, names: Iterable[str]) -> list[tuple[str, str]]:
    """(label, value as shown) of each of `names` that `obj`'s model has, for the conflict screen."""
    rows = []
    for name in names:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            value = ", ".join(str(x) for x in getattr(obj, name).all())
        elif field.choices:
            value = getattr(obj, f"get_{name}_display")()
        else:
            value = getattr(obj, name)
            if value is None or value == "":
                value = "—"
            elif isinstance(value, bool):
                value = _("Yes") if value else _("No")
            elif isinstance(value, Decimal):
                value = format_number(value, getattr(field, "decimal_places", 0) or 0)
            else:
                value = formats.localize(value)
        rows.append((capfirst(str(field.verbose_name)), str(value)))
    return rows


def show_errors(form, exc: ValidationError, *, saved=None, fields: Iterable[str] | None = None,
                on: str | None = None) -> None:
    """`exc` on `form`: each field's errors on the field when the form has it, the rest at the top
    (or on the field `on`, for a refusal that is about one field, such as an upload's file).
    For a conflict with `saved` (the object read again): the form's hidden version becomes the saved
    one and `form.saved_version` lists the saved values of `fields` (default: the form's own)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(on, exc)
    if saved is not None and is_conflict(exc):
        if "version" in form.fields:
            data = form.data.copy()
            data[form.add_prefix("version")] = str(saved.version)
            form.data = data
        form.saved_version = saved_values(saved, [n for n in (fields or form.fields) if n != "version"])


def show_hidden_errors(form, formsets: Iterable = ()) -> None:
    """A hidden field the page filled in (a line's id) that comes back unreadable has nowhere to show
    its error: one message at the top of `form` says so (a formset's own management data is in its
    non_form_errors, which the templates show)."""
    forms = [form] + [f for formset in formsets for f in formset.forms]
    if any(bound.errors for f in forms for bound in f.hidden_fields()):
        form.add_error(None, _("Part of the form did not come back as the page sent it, so nothing was saved. "
                               "Check what you typed and save again; if this message returns, open the page again."))


def error_messages(request, exc: ValidationError) -> None:
    """`exc` as error messages on the next page (for actions without a form)."""
    for message in exc.messages:
        messages.error(request, message)


def _value(x, result):
    return x(result) if callable(x) else x


def submit(request, form, save: Callable[[dict], Any], *, success, then, saved: Callable[[], Any] | None = None,
           fields: Iterable[str] | None = None, formsets: Iterable = (), on: str | None = None):
    """On a valid POST (the form and each of `formsets`): `save(form.cleaned_data)`, then the
    success message and the redirect to `then` (each a value or a callable of what `save` returned).
    A refusal goes onto the form (show_errors, `on` naming the field a plain refusal is about;
    `saved` reads the object again for the conflict screen) and None is returned, so the view renders the form again; so is None on GET or an
    invalid form."""
    if request.method != "POST":
        return None
    formsets = list(formsets)
    if not all([form.is_valid()] + [f.is_valid() for f in formsets]):
        show_hidden_errors(form, formsets)
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as exc:
        show_errors(form, exc, saved=saved() if saved is not None and is_conflict(exc) else None, fields=fields, on=on)
        return None
    if success:
        messages.success(request, _value(success, result))
    return redirect(_value(then, result))


def act(request, do: Callable[[], Any], *, success, then):
    """A button without a form: `do()` and the success message (a value, or a callable of what `do`
    returned), or its refusal as error messages; then the redirect to `then` (a value, or a callable
    of what `do` returned, None after a refusal)."""
    result = None
    try:
        result = do()
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        if success:
            messages.success(request, _value(success, result))
    return redirect(_value(then, result))


def confirm(request, *, action: str, consequences: Iterable[str] = (), missing: Iterable[str] = (),
            missing_title: str | None = None, back):
    """None when the POST says `confirmed=1`; otherwise the confirmation page for `action` (the
    button's words), listing its `consequences` and what is `missing` (e.g. the organisations that
    have not answered), with a button that posts the same request again, confirmed, and a way back
    (`back`: an object with get_absolute_url, or a URL)."""
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        return None
    back_url = back.get_absolute_url() if hasattr(back, "get_absolute_url") else back
    fields = [(k, v) for k, values in request.POST.lists() if k not in ("csrfmiddlewaretoken", "confirmed")
              for v in values]
    return render(request, "includes/confirm.html", {
        "action": action, "consequences": list(consequences), "missing": list(missing),
        "missing_title": missing_title, "back": back_url, "fields": fields,
    })
