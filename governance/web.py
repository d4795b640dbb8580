"""What every view does with a service's refusal, one way: `show_errors(form, exc)` puts a
ValidationError on the form (on the fields it names, the rest at the top) and, for a lost update
(governance.concurrency, code "conflict"), moves the form onto the saved version so that saving
again replaces it; `error_messages(request, exc)` shows it as messages where there is no form (an
action button). Either way nothing is lost and nothing is a 500."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from governance.concurrency import CONFLICT


def is_conflict(exc: ValidationError) -> bool:
    """Is this the refusal of a lost update?"""
    return any(getattr(e, "code", None) == CONFLICT for e in exc.error_list) if not hasattr(
        exc, "error_dict") else False


def show_errors(form, exc: ValidationError, *, current_version: int | None = None) -> None:
    """`exc` on `form`: each field's errors on the field when the form has it, the rest at the top.
    A conflict with `current_version` given sets the form's hidden version to it: the editor sees
    their own input with the message and a second save replaces the other change."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
    if current_version is not None and is_conflict(exc) and "version" in form.fields:
        data = form.data.copy()
        data[form.add_prefix("version")] = str(current_version)
        form.data = data


def error_messages(request, exc: ValidationError) -> None:
    """`exc` as error messages on the next page (for actions without a form)."""
    for message in exc.messages:
        messages.error(request, message)
