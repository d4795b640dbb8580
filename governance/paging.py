"""Pages of a list that grows with the years, without counting it (the past meetings).

Django's Paginator counts every row on each view to say "page 3 of 412"; for a list every year makes
longer that count is the page's cost that grows. `peek(rows, size, number)` reads the page's rows
and one more, which is enough to know whether there is an older page: the page's queries and their
cost do not grow with the rows before or after it."""
from __future__ import annotations

from dataclasses import dataclass

MAX_PAGE = 10_000  # a page number beyond this (typed into the address) is read as the last one asked for


@dataclass
class Peek:
    number: int
    object_list: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def peek(rows, size: int, number) -> Peek:
    """Page `number` (1 for anything that is not a positive whole number) of the queryset `rows`,
    `size` rows each. A page past the end shows the first page, as Paginator.get_page shows a page
    that exists."""
    try:
        number = min(max(int(str(number)), 1), MAX_PAGE)
    except ValueError:
        number = 1
    found = list(rows[(number - 1) * size:number * size + 1])
    if not found and number > 1:
        return peek(rows, size, 1)
    return Peek(number=number, object_list=found[:size], has_next=len(found) > size)
