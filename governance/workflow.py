"""One way to declare a workflow: a model's states and the moves allowed from each, in one table on
the model (`WORKFLOW = Workflow({...})`), and one way to change state, `Model.WORKFLOW.move(obj, to)`,
which refuses a move the table does not allow with a ValidationError (code "state"). The services
keep their own refusals where the domain says more (“the plan is in consultation: you cannot …”);
the table is what no code path can get round, and what the pages offer (`allowed(obj)`).
tests/test_workflows_declared.py walks every declared table."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

STATE = "state"

# Every model that declares a workflow, for the test that walks them (filled by Workflow.bind).
DECLARED: list[type] = []


class Workflow:
    def __init__(self, moves: Mapping[str, Iterable[str]], *, field: str = "status"):
        self.moves = {str(state): tuple(str(to) for to in targets) for state, targets in moves.items()}
        self.field = field

    def __set_name__(self, owner, name):
        DECLARED.append(owner)

    def allowed(self, obj) -> tuple[str, ...]:
        """The states `obj` may move to from where it is."""
        return self.moves.get(str(getattr(obj, self.field)), ())

    def can(self, obj, to: str) -> bool:
        return str(to) in self.allowed(obj)

    def check(self, obj, to: str, refused: ValidationError | None = None) -> None:
        """Refuse a move the table has no place for, before any other work is done: with `refused`
        (the domain's own words, e.g. "the plan is in consultation: you cannot open it") or the
        table's plain message. A service states its precondition this way, never by naming states."""
        if self.can(obj, to):
            return
        if refused is not None:
            raise refused
        labels = dict(obj._meta.get_field(self.field).flatchoices)
        current = getattr(obj, self.field)
        raise ValidationError(
            _("%(what)s cannot go from “%(current)s” to “%(to)s”.")
            % {"what": str(obj._meta.verbose_name).capitalize(), "current": labels.get(current, current),
               "to": labels.get(to, to)},
            code=STATE,
        )

    def move(self, obj, to: str) -> None:
        """Set `obj`'s state to `to` (not saved), or refuse: the table has no such move."""
        self.check(obj, to)
        setattr(obj, self.field, to)
