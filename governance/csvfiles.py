"""The one CSV reader for imports: a file as people save it from Excel or LibreOffice in Sweden
(semicolons, or commas; any line ends), its rows numbered as the spreadsheet shows them, numbers
written the Swedish way (1 234,50) or the English (1234.50) (governance.money.parse_number), and
a refusal that lists the first bad rows, not fifty thousand. And the one table exporter: the same
rows as CSV (`table_csv`) and XLSX (`table_xlsx`), no text cell ever run as a formula."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.money import parse_number


def rows(text: str, *, header: Iterable[str] = ()) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells stripped, empty cells at the end left out) for each row that is not
    empty, the first row left out when its first cell is one of `header` (any case). The delimiter
    is ";" unless the file has more commas. A row the csv module cannot read (a cell over 131 072
    characters) is a ValidationError naming it."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    header_words = {h.lower() for h in header}
    # newline=None: a line may end in \n, \r\n or a lone \r (old Mac files), as a spreadsheet reads it.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise ValidationError(_("Row %(n)s cannot be read: a cell is too long, or a quotation mark is "
                                    "not closed.") % {"n": number}) from None
        cells = [cell.strip() for cell in row]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if number == 1 and cells[0].lower() in header_words:
            continue
        yield number, cells


# Amounts and weights are stored with 14 digits, 2 of them decimals (fees.models.money).
LARGEST = Decimal("999999999999.99")
PLACES = Decimal("0.01")


class TooManyDecimals(InvalidOperation):
    """A number with more decimals than the portal stores (1,234 kr): refused, never rounded."""


def parse_decimal(text: str) -> Decimal:
    """A number as written in a spreadsheet cell (governance.money.parse_number: spaces between the
    thousands, a decimal comma or point). InvalidOperation when it is not a finite number the portal
    can store (NaN, Infinity, 1e999 and more than twelve digits of kronor are refused here, not at
    saving); TooManyDecimals (one) for more than two decimals that are not zeros."""
    try:
        value = parse_number(text)
    except ValueError:
        raise InvalidOperation(text) from None
    if abs(value) > LARGEST:
        raise InvalidOperation(text)
    if value != value.quantize(PLACES):
        raise TooManyDecimals(text)
    return value.quantize(PLACES)  # 1,230 is 1,23


MAX_ERRORS = 20


def refusal(errors: list[str]) -> ValidationError:
    """The refusal of an import: its first MAX_ERRORS row errors, and how many more there are."""
    if len(errors) > MAX_ERRORS:
        more = len(errors) - MAX_ERRORS
        errors = errors[:MAX_ERRORS] + [ngettext("… and %(n)s more error.", "… and %(n)s more errors.", more)
                                        % {"n": more}]
    return ValidationError(errors)


# --- Exports: a text that a spreadsheet would run ---------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value) -> str:
    """A text cell of an exported CSV: one a spreadsheet would run as a formula (it begins with =, +,
    -, @, a tab or a carriage return) gets a leading apostrophe, so it is shown, never run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def as_text(ws, *, min_row: int = 2) -> None:
    """An XLSX sheet's data rows: every cell openpyxl took for a formula because its text begins
    with "=" is written as the text it is. Call it before adding the sheet's own formulas."""
    for row in ws.iter_rows(min_row=min_row):
        for c in row:
            if c.data_type == "f":
                c.data_type = "s"


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return text_cell(value)


def table_csv(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    """A table as a CSV for Swedish spreadsheets: UTF-8 with BOM, semicolons; dates as ISO dates,
    every text cell through `text_cell`."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue()


def table_xlsx(title: str, header: Iterable[str], rows: Iterable[Iterable]) -> bytes:
    """The same table as an XLSX sheet named `title`: a bold header, dates shown as dates, no text
    run as a formula (`as_text`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = str(title)[:31]
    ws.append([str(h) for h in header])
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
        for c in ws[ws.max_row]:
            if isinstance(c.value, dt.datetime):
                c.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(c.value, dt.date):
                c.number_format = "yyyy-mm-dd"
    as_text(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
