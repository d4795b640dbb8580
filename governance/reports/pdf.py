"""The G7 report as a PDF (fpdf2, core fonts). Core fonts are Latin-1: Swedish letters are fine,
typographic dashes and quotes are mapped, anything else becomes "?". The chart is drawn with
rectangles (grouped bars per category, one colour and a legend per series)."""
from __future__ import annotations

from fpdf import FPDF

from governance.money import format_number

LATIN1_MAP = str.maketrans({
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2022": "*", "\u20ac": "EUR",
})


SERIES_COLOURS = [(31, 78, 121), (230, 145, 56), (106, 168, 79), (153, 102, 204)]


def latin1(text) -> str:
    return str(text).translate(LATIN1_MAP).encode("latin-1", "replace").decode("latin-1")


def _number(value) -> str:
    try:
        return format_number(value)
    except (TypeError, ValueError):
        return latin1(value)


class ReportPDF(FPDF):
    title_text = ""

    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 6, latin1(self.title_text), new_x="LMARGIN", new_y="NEXT")

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"{self.page_no()}", align="C")


def draw_chart(pdf: FPDF, chart: dict) -> None:
    """Horizontal grouped bars: one group per category (its name on the left), one bar per series,
    a value scale from 0 to the largest value, and a legend."""
    categories = chart.get("categories") or []
    series = chart.get("series") or []
    if not categories or not series:
        return
    values = [float(v or 0) for s in series for v in s.get("values", [])]
    top = max(values + [1.0])
    label_w, bar_h, gap = 58, 2.6, 2.4
    group_h = bar_h * len(series) + gap
    height = group_h * len(categories)
    if pdf.get_y() + height + 25 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, latin1(chart.get("title", "")), new_x="LMARGIN", new_y="NEXT")
    x0, y0 = pdf.l_margin + label_w, pdf.get_y() + 2
    plot_w = pdf.epw - label_w - 4
    pdf.set_draw_color(200, 200, 200)
    pdf.set_font("Helvetica", "", 6.5)
    for step in range(5):  # value scale: 0, 25, 50, 75, 100 % of the largest value
        x = x0 + plot_w * step / 4
        pdf.line(x, y0, x, y0 + height)
        pdf.set_xy(x - 12, y0 + height + 0.5)
        pdf.cell(24, 3.5, _number(top * step / 4), align="C")
    pdf.set_draw_color(90, 90, 90)
    pdf.line(x0, y0, x0, y0 + height)
    pdf.set_font("Helvetica", "", 7.5)
    for ci, category in enumerate(categories):
        gy = y0 + ci * group_h
        pdf.set_xy(pdf.l_margin, gy + (group_h - gap) / 2 - 2)
        pdf.cell(label_w - 2, 4, latin1(category)[:38], align="R")
        for si, s in enumerate(series):
            vals = s.get("values", [])
            value = float(vals[ci] or 0) if ci < len(vals) else 0.0
            pdf.set_fill_color(*SERIES_COLOURS[si % len(SERIES_COLOURS)])
            if value > 0:
                pdf.rect(x0, gy + si * bar_h, plot_w * value / top, bar_h - 0.4, style="F")
    pdf.set_xy(x0, y0 + height + 5)
    pdf.set_font("Helvetica", "", 8)
    for si, s in enumerate(series):  # legend
        pdf.set_fill_color(*SERIES_COLOURS[si % len(SERIES_COLOURS)])
        pdf.rect(pdf.get_x(), pdf.get_y() + 1, 3, 3, style="F")
        pdf.set_x(pdf.get_x() + 4)
        name = s.get("name", "") + (f" ({chart['unit']})" if chart.get("unit") else "")
        pdf.cell(40, 5, latin1(name))
    pdf.ln(9)


def draw_table(pdf: FPDF, table: dict) -> None:
    headers = table.get("headers") or []
    rows = table.get("rows") or []
    if table.get("caption"):
        pdf.set_font("Helvetica", "I", 9)
        pdf.cell(0, 5, latin1(table["caption"]), new_x="LMARGIN", new_y="NEXT")
    if not headers and not rows:
        return
    pdf.set_font("Helvetica", "", 8)
    pdf.set_fill_color(255, 255, 255)  # the chart's last series colour must not tint the table
    with pdf.table(text_align="LEFT", line_height=4.5, first_row_as_headings=bool(headers)) as t:
        if headers:
            row = t.row()
            for h in headers:
                row.cell(latin1(h))
        for r in rows:
            row = t.row()
            for value in r:
                row.cell(_number(value) if isinstance(value, int | float) else latin1(value))
    pdf.ln(3)


def render_pdf(report) -> bytes:
    """The report's PDF in the active language (its snapshot's texts are stored untranslated)."""
    from governance.texts import render_tree

    content = render_tree(report.content or {})
    pdf = ReportPDF(format="A4")
    pdf.title_text = content.get("title", str(report))
    pdf.set_title(latin1(pdf.title_text))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, latin1(pdf.title_text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for section in content.get("sections", []):
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, latin1(section.get("title", "")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for paragraph in section.get("text", []):
            pdf.multi_cell(0, 5, latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
        if section.get("chart"):
            draw_chart(pdf, section["chart"])
        for table in section.get("tables", []):
            draw_table(pdf, table)
        pdf.ln(2)
    return bytes(pdf.output())
