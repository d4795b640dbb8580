"""The one CSV reader for imports: a file as people save it from Excel or LibreOffice in Sweden
(semicolons, or commas), its rows numbered as the spreadsheet shows them, and numbers written the
Swedish way (1 234,50) or the English (1234.50)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation


def rows(text: str, *, header: Iterable[str] = ()) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells stripped) for each row that is not empty, the first row left out when its
    first cell is one of `header` (any case). The delimiter is ";" unless the file has more commas."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    header_words = {h.lower() for h in header}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [cell.strip() for cell in row]
        if not "".join(cells):
            continue
        if number == 1 and cells[0].lower() in header_words:
            continue
        yield number, cells


# Amounts and weights are stored with 14 digits, 2 of them decimals (fees.models.money).
LARGEST = Decimal("999999999999.99")


def parse_decimal(text: str) -> Decimal:
    """A number as written in a spreadsheet cell: spaces (also no-break) between the thousands, a
    decimal comma or point. InvalidOperation when it is not a finite number the portal can store
    (NaN, Infinity, 1e999 and more than twelve digits of kronor are refused here, not at saving)."""
    cleaned = text.strip().replace(" ", "").replace("\xa0", "").replace("\u202f", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite() or abs(value) > LARGEST:
        raise InvalidOperation(text)
    return value


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
