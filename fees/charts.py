"""Server-rendered bar charts: geometry for templates/fees/_bar_chart.html, which draws SVG with
presentation attributes (fill=, x=, …) — no inline style, no script. Every chart is shown
together with a table of the same figures."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from governance.money import format_kronor

LABEL_WIDTH = 170
VALUE_WIDTH = 110
BAR_AREA = 420
BAR_HEIGHT = 14
GAP = 6
GROUP_GAP = 10
COLOURS = ["#0b3d66", "#2e7d32", "#b35c00", "#6a1b9a"]  # contrast ≥ 4.5:1 on white


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    fill: str
    value_x: int
    text_y: int
    value: str
    series: str


@dataclass
class Group:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass
class Chart:
    title: str
    width: int
    height: int
    groups: list[Group]
    legend: list[tuple[str, str, int]]  # (label, fill, x)
    legend_y: int
    axis_x: int


kr = format_kronor  # as every page writes an amount (governance.money)


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list]]) -> Chart:
    """Horizontal grouped bars: one group per label, one bar per series (name, values)."""
    values = [abs(Decimal(v)) for _, vals in series for v in vals if v is not None]
    top = max(values, default=Decimal(0)) or Decimal(1)
    per_group = len(series) * (BAR_HEIGHT + 2) + GROUP_GAP
    legend_y = 16
    y = 30 if len(series) > 1 else 8
    groups = []
    for i, label in enumerate(labels):
        bars = []
        for s, (name, vals) in enumerate(series):
            v = vals[i]
            width = int(abs(Decimal(v)) / top * BAR_AREA) if v is not None else 0
            by = y + s * (BAR_HEIGHT + 2)
            bars.append(Bar(x=LABEL_WIDTH, y=by, width=max(width, 1 if v else 0), height=BAR_HEIGHT,
                            fill=COLOURS[s % len(COLOURS)], value_x=LABEL_WIDTH + width + 4,
                            text_y=by + BAR_HEIGHT - 3, value=kr(v) if v is not None else "–", series=name))
        groups.append(Group(label=label, label_y=y + (len(series) * (BAR_HEIGHT + 2)) // 2 + 4, bars=bars))
        y += per_group
    legend = [(name, COLOURS[s % len(COLOURS)], LABEL_WIDTH + s * 140) for s, (name, _) in enumerate(series)]
    return Chart(title=title, width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height=y + 4, groups=groups,
                 legend=legend if len(series) > 1 else [], legend_y=legend_y, axis_x=LABEL_WIDTH)
