"""The G7 report archive: list, page, PDF, and producing a report on demand (steering group)."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from governance import texts
from governance.authority import require, today
from governance.money import format_number
from governance.records.archive import archive_response
from governance.reports import services
from governance.reports.models import G7Report
from governance.web import submit
from governance.widgets import DateInput


class G7ReportForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("Until"), widget=DateInput())
    send = forms.BooleanField(
        label=gettext_lazy("Send it to G7's members by e-mail"), required=False,
        help_text=gettext_lazy("Otherwise it is only archived in the portal."),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("The period must end on or after its first day."))
        return data


def _require_view(user):
    require(user, "governance.view_g7_reports", message=_("The G7 reports are for G7, the steering group and administrators."))


@login_required
def g7_report_list(request):
    _require_view(request.user)
    reports = G7Report.objects.select_related("generated_by").order_by("-period_end", "-generated_at", "-pk")
    return render(request, "governance/reports/g7_list.html", {
        "reports": reports, "can_produce": request.user.has_perm("governance.produce_g7_report"),
    })


@login_required
def g7_report_detail(request, pk: int):
    _require_view(request.user)
    report = get_object_or_404(G7Report.objects.select_related("generated_by"), pk=pk)
    content = texts.render_tree(report.content or {})  # in the reader's language
    sections = content.get("sections", [])
    for section in sections:
        chart = section.get("chart")
        if chart:
            section["svg"] = svg_bars(chart)
    return render(request, "governance/reports/g7_detail.html",
                  {"report": report, "title": content.get("title") or str(report), "sections": sections})


@login_required
def g7_report_archive(request, pk: int):
    """The report as an archive copy (tagged PDF/A-2a), in the reader's language."""
    _require_view(request.user)
    report = get_object_or_404(G7Report, pk=pk)
    content = texts.render_tree(report.content or {})
    return archive_response("archive/g7.html", {"report": report, "sections": content.get("sections", [])},
                            title=content.get("title") or str(report),
                            filename=f"g7-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}-arkiv.pdf")


@login_required
def g7_report_pdf(request, pk: int):
    _require_view(request.user)
    report = get_object_or_404(G7Report, pk=pk)
    filename = f"g7-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}.pdf"
    handle = None
    try:
        # The archived PDF is in the default language; in another language the snapshot renders it again.
        if report.pdf and get_language() == settings.LANGUAGE_CODE:
            handle = report.pdf.open("rb")
    except FileNotFoundError:  # the media volume lost it: the snapshot renders it again
        handle = None
    if handle is None:
        from governance.reports.pdf import render_pdf

        response = HttpResponse(render_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")


@login_required
def g7_report_create(request):
    require(request.user, "governance.produce_g7_report", message=_("Only the steering group may produce the G7 report."))
    start, end = services.previous_period(today())
    form = G7ReportForm(request.POST or None, initial={"start": start, "end": end})
    return submit(
        request, form,
        lambda d: services.g7_report_create(start=d["start"], end=d["end"], actor=request.user, send=d["send"]),
        success=_("The G7 report was produced."), then=lambda created: created[0],
    ) or render(request, "governance/reports/g7_form.html", {"form": form})


def svg_bars(chart: dict) -> dict:
    """Geometry for a server-rendered SVG chart: horizontal grouped bars, one group per category
    (long Swedish category names fit on the left), one bar per series. Presentation attributes
    only (CSP: no inline style)."""
    categories = chart.get("categories") or []
    series = chart.get("series") or []
    values = [float(v or 0) for s in series for v in s.get("values", [])]
    top = max(values + [1.0])
    label_w, plot_w, bar_h, gap = 230, 400, 9, 10
    colours = ["#1f4e79", "#b35c00", "#3d7a2a", "#6b3fa0"]
    group_h = bar_h * max(len(series), 1) + gap
    bars, labels = [], []
    for ci, category in enumerate(categories):
        y0 = 5 + ci * group_h
        labels.append({"x": label_w - 6, "y": round(y0 + (group_h - gap) / 2 + 4, 1), "text": category})
        for si, s in enumerate(series):
            vals = s.get("values", [])
            value = float(vals[ci] or 0) if ci < len(vals) else 0.0
            amount = format_number(value)
            bars.append({"x": label_w, "y": y0 + si * bar_h, "w": round(plot_w * value / top, 1), "h": bar_h - 1,
                         "fill": colours[si % len(colours)], "label": f"{category} – {s.get('name', '')}: {amount}"})
    legend = [{"name": s.get("name", ""), "fill": colours[i % len(colours)]} for i, s in enumerate(series)]
    height = 10 + len(categories) * group_h
    return {"width": label_w + plot_w + 10, "height": height, "bars": bars, "labels": labels, "legend": legend,
            "axis_x": label_w, "axis_bottom": height - 5}
