"""Two editors at once, one way everywhere: a write re-reads its row under a lock (`locked`) and
refuses when the row's `version` is no longer the one the editor started from (`check_version`).
The refusal is one ValidationError with code "conflict" and one message; the views keep the
editor's input and show the saved version beside it (governance.web.show_errors and
templates/includes/conflict.html)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONFLICT = "conflict"


def locked(obj, *related: str):
    """`obj` read again under a row lock (SELECT … FOR UPDATE of its own row) inside the caller's
    transaction, with `related` rows joined."""
    return type(obj).objects.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)


def conflict(obj, what: str | None = None) -> ValidationError:
    """The refusal of a lost update on `obj` (named by its model, or `what`)."""
    return ValidationError(
        _("Someone else saved this %(what)s while you were editing it. Your changes have not been saved "
          "and are still in the form: compare them with the saved version and save again.")
        % {"what": what or obj._meta.verbose_name},
        code=CONFLICT,
    )


def check_version(obj, version, what: str | None = None) -> None:
    """Refuse (conflict) when the editor's `version` is given and is not `obj`'s."""
    if version is not None and str(version).strip() != "" and int(version) != obj.version:
        raise conflict(obj, what)
