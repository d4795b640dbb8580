"""The plan as PDF (fpdf2) and its activities with budgets as XLSX (openpyxl), and the follow-up
chart as server-rendered SVG."""
from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from governance.csvfiles import as_text
from governance.money import format_number

from .models import Plan

# fpdf2's core fonts are latin-1: map the typographic characters that are not.
LATIN1_MAP = str.maketrans({
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2022": "*", "\u20ac": "EUR",
})


def latin1(text) -> str:
    return str(text or "").translate(LATIN1_MAP).encode("latin-1", "replace").decode("latin-1")


kr = format_number  # the number of kronor, as every page writes it (governance.money)


def plan_pdf(plan: Plan, activities, totals: dict, *, web_roles=(), staff=()) -> bytes:
    """The plan as PDF: goals, activities with their resources, the web management roles
    (`web_roles`: annualplan.selectors.web_role_costs) and the staff compensation per organisation
    (`staff`: annualplan.selectors.staff_by_organisation), and the totals."""
    from fpdf import FPDF

    # The words inside the lines below (outside the f-strings, so that makemessages finds them).
    of_full_time, compensation, over_the_year = _("of full time"), _("compensation"), _("over the year")
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(latin1(plan.title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, latin1(plan.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, latin1(f"{_('Status')}: {plan.get_status_display()}"), new_x="LMARGIN", new_y="NEXT")
    if plan.introduction:
        pdf.ln(2)
        pdf.multi_cell(0, 5, latin1(plan.introduction), new_x="LMARGIN", new_y="NEXT")
    goals = list(plan.goals.all())
    if goals:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 7, latin1(_("Goals")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for g in goals:
            pdf.multi_cell(0, 5, latin1(f"- {g.title}"), new_x="LMARGIN", new_y="NEXT")
    area = None
    for a in activities:
        if a.area_id != area:
            area = a.area_id
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, latin1(a.area.name), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 5, latin1(f"{a.title} – {kr(a.budget)} kr"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        responsible = a.responsible_organisation.short_name
        if a.responsible_person:
            responsible += f", {a.responsible_person}"
        pdf.multi_cell(0, 4.5, latin1(f"{_('Responsible')}: {responsible}"), new_x="LMARGIN", new_y="NEXT")
        if a.goal:
            pdf.multi_cell(0, 4.5, latin1(f"{_('Goal')}: {a.goal}"), new_x="LMARGIN", new_y="NEXT")
        if a.description:
            pdf.multi_cell(0, 4.5, latin1(a.description), new_x="LMARGIN", new_y="NEXT")
        for r in a.assignments.all():
            pdf.multi_cell(0, 4.5, latin1(
                f"  {r.organisation.short_name}{', ' + str(r.person) if r.person else ''}: "
                f"{format_number(r.share, 2)} {of_full_time}, {compensation} {kr(r.compensation)} kr"),
                new_x="LMARGIN", new_y="NEXT")
    web_roles, staff = list(web_roles), list(staff)
    roles_total = sum((r.compensation for r in web_roles), Decimal("0"))
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, latin1(_("Web management roles")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    for r in web_roles:
        pdf.multi_cell(0, 4.5, latin1(
            f"{r.role}: {r.person} ({r.organisation}), {r.start:%Y-%m-%d} – {r.end:%Y-%m-%d}, "
            f"{format_number(r.share, 2)} {of_full_time} ({format_number(r.annual_share, 2)} {over_the_year}), {compensation} "
            f"{kr(r.compensation)} kr"), new_x="LMARGIN", new_y="NEXT")
    if not web_roles:
        pdf.multi_cell(0, 4.5, latin1(_("No web management role is assigned in %(year)s.") % {"year": plan.year}),
                       new_x="LMARGIN", new_y="NEXT")
    if staff:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, latin1(_("Staff compensation per organisation")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        activities_word, web_roles_word = _("activities"), _("web management roles")
        for r in staff:
            pdf.multi_cell(0, 4.5, latin1(
                f"{r.organisation}: {activities_word} {kr(r.activities)} kr + {web_roles_word} "
                f"{kr(r.web_roles)} kr = {kr(r.total)} kr"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, latin1(f"{_('Total budget')}: {kr(totals['budget'])} kr"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, latin1(f"{_('Of which staff in shared assignments')}: {kr(totals['staff'])} kr"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, latin1(f"{_('Web management roles')}: {kr(roles_total)} kr"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, latin1(f"{_('Staff compensation in total (activities and web management roles)')}: "
                                f"{kr(Decimal(totals['staff']) + roles_total)} kr"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def plan_xlsx(plan: Plan, activities, *, web_roles=(), staff=()) -> bytes:
    """Three sheets: the activities with budgets and staff costs; the web management roles
    (`web_roles`: annualplan.selectors.web_role_costs) with their compensation; the staff
    compensation per organisation (`staff`: annualplan.selectors.staff_by_organisation). Each ends
    in a SUM row with formulas *and* their cached values (openpyxl writes formulas without values;
    they are filled in so every reader sees the sums, and the workbook asks to be recalculated on
    load)."""
    from openpyxl import Workbook

    web_roles, staff = list(web_roles), list(staff)
    wb = Workbook()
    ws = wb.active
    ws.title = latin1(_("Activities"))[:31]
    ws.append([_("Area"), _("Activity"), _("Responsible organisation"), _("Budget (SEK)"),
               _("Staff compensation (SEK)")])
    budget_total = Decimal("0")
    staff_total = Decimal("0")
    for a in activities:
        activity_staff = sum((r.compensation for r in a.assignments.all()), Decimal("0"))
        ws.append([a.area.name, a.title, a.responsible_organisation.short_name, a.budget, activity_staff])
        budget_total += a.budget
        staff_total += activity_staff
    as_text(ws)  # an activity titled "=HYPERLINK(…)" stays text; then the sheet's own SUM
    cached = {"xl/worksheets/sheet1.xml": _sum_row(ws, {"D": budget_total, "E": staff_total}, label_column=2)}
    _widths(ws, (34, 50, 22, 16, 22))

    roles = wb.create_sheet(latin1(_("Web management roles"))[:31])
    roles.append([_("Role"), _("Person"), _("Organisation"), _("From"), _("Until"), _("Share of full time"),
                  _("Share over the year"), _("Annual salary cost at full time (SEK)"), _("Social fee rate"),
                  _("Compensation (SEK)")])
    for r in web_roles:
        roles.append([r.role, r.person, r.organisation, r.start, r.end, r.share, r.annual_share, r.salary_cost,
                      r.social_fee_rate, r.compensation])
    for row in range(2, roles.max_row + 1):
        roles[f"D{row}"].number_format = roles[f"E{row}"].number_format = "yyyy-mm-dd"
        roles[f"H{row}"].number_format = "#,##0.00"
    as_text(roles)
    cached["xl/worksheets/sheet2.xml"] = _sum_row(roles, {
        "G": sum((r.annual_share for r in web_roles), Decimal("0")),
        "J": sum((r.compensation for r in web_roles), Decimal("0")),
    }, formats={"G": "0.0000"})
    _widths(roles, (30, 26, 24, 12, 12, 12, 12, 20, 12, 18))

    per_org = wb.create_sheet(latin1(_("Staff per organisation"))[:31])
    per_org.append([_("Organisation"), _("Activities (SEK)"), _("Web management roles (SEK)"), _("Total (SEK)")])
    for r in staff:
        per_org.append([r.organisation, r.activities, r.web_roles, r.total])
    as_text(per_org)
    cached["xl/worksheets/sheet3.xml"] = _sum_row(per_org, {
        "B": sum((r.activities for r in staff), Decimal("0")),
        "C": sum((r.web_roles for r in staff), Decimal("0")),
        "D": sum((r.total for r in staff), Decimal("0")),
    })
    _widths(per_org, (30, 18, 24, 18))

    wb.calculation.fullCalcOnLoad = True
    out = io.BytesIO()
    wb.save(out)
    return _with_cached_values(out.getvalue(), cached)


def _sum_row(ws, totals: dict[str, Decimal], *, label_column: int = 1, formats: dict[str, str] | None = None
             ) -> dict[str, Decimal]:
    """Bold the header and append a bold "Total" row to `ws`: for each column of `totals` a SUM
    formula over the rows above (their sum is the value given; without rows, the plain value
    instead of a formula that would refer to itself). Returns {cell: value} for
    _with_cached_values."""
    from openpyxl.styles import Font

    for cell in ws[1]:
        cell.font = Font(bold=True)
    first, last = 2, ws.max_row
    total_row = last + 1
    ws.cell(row=total_row, column=label_column, value=_("Total")).font = Font(bold=True)
    cached = {}
    for col, value in totals.items():
        ref = f"{col}{total_row}"
        if last >= first:
            ws[ref] = f"=SUM({col}{first}:{col}{last})"
            cached[ref] = value
        else:
            ws[ref] = value
        ws[ref].font = Font(bold=True)
        for row in range(first, total_row + 1):
            ws[f"{col}{row}"].number_format = (formats or {}).get(col, "#,##0.00")
    return cached


def _widths(ws, widths) -> None:
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width


def _with_cached_values(data: bytes, values: dict[str, dict[str, Decimal]]) -> bytes:
    """Write each formula cell's computed value (<v>) into its worksheet's XML: `values` is
    {worksheet path in the package: {cell: value}}."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename in values:
                xml = content.decode("utf-8")
                for ref, value in values[item.filename].items():
                    pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?(</c>)')
                    xml = pattern.sub(lambda m, v=value: f"{m.group(1)}{m.group(2)}<v>{v}</v>{m.group(4)}", xml)
                content = xml.encode("utf-8")
            dst.writestr(item, content)
    return out.getvalue()


# --- The follow-up chart -----------------------------------------------------------------------
SERIES = (("budget", "#0b3d66"), ("spent", "#2e7d32"), ("forecast", "#b35c00"))


def follow_up_svg(rows: list[dict], *, title: str, labels: dict[str, str]) -> str:
    """Grouped horizontal bars per area: budget, spent to date, forecast. Presentation attributes
    only (fill=, x=, width=): no style attribute, so the Content Security Policy holds."""
    bar_h, gap, label_w, chart_w = 14, 10, 260, 420
    group_h = bar_h * 3 + gap
    legend_h = 28
    height = legend_h + max(len(rows), 1) * group_h + 10
    width = label_w + chart_w + 130
    peak = max([max(r["budget"], r["spent"], r["forecast"]) for r in rows] + [Decimal("1")])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    x = 0
    for key, colour in SERIES:
        parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20}" y="16" font-size="12" fill="#212529">{escape(labels[key])}</text>')
        x += 170
    for i, r in enumerate(rows):
        y0 = legend_h + i * group_h
        parts.append(f'<text x="0" y="{y0 + bar_h * 2 - 2}" font-size="12" fill="#212529">'
                     f'{escape(str(r["label"])[:40])}</text>')
        for j, (key, colour) in enumerate(SERIES):
            value = r[key]
            w = int(chart_w * value / peak) if peak else 0
            y = y0 + j * bar_h
            parts.append(f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h - 2}" fill="{colour}">'
                         f'<title>{escape(labels[key])}: {kr(value)} kr</title></rect>')
            parts.append(f'<text x="{label_w + max(w, 1) + 4}" y="{y + bar_h - 3}" font-size="11" '
                         f'fill="#212529">{kr(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)
