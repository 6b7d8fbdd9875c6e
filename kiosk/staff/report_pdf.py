"""The one-page PDF report for the commune's weekly report (reportlab, no Qt).

Every text uses the shipped Noto Sans (Helvetica has no Vietnamese letters). Imports
reportlab at module level: import this module only when exporting.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.formatting import day, target_percent
from kiosk.slips.pdfkit import BOLD, REGULAR, register_fonts
from kiosk.staff.reports import Bar, Report

Tr = Callable[..., str]
PRIMARY = colors.HexColor("#0a4d8c")
MAX_TABLE_ROWS = 16  # keeps the report on one page; the rest is summed as "other"
MAX_BARS = 31


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=18, leading=23),
        "sub": ParagraphStyle("sub", fontName=REGULAR, fontSize=11, leading=15),
        "fig": ParagraphStyle("fig", fontName=REGULAR, fontSize=11, leading=16),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=12, leading=16, spaceBefore=6),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9.5, leading=12),
    }


def _chart(bars: Sequence[Bar], width: float, height: float) -> Drawing:
    shown = list(bars[-MAX_BARS:])
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 28
    chart.width, chart.height = width - 40, height - 40
    chart.data = [[b.count for b in shown] or [0]]
    chart.bars[0].fillColor = PRIMARY
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    top = max([b.count for b in shown] + [1])
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, -(-top // 5))
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 8
    every = max(1, -(-len(shown) // 8))  # at most about eight labels under the bars
    chart.categoryAxis.categoryNames = [
        b.label.split(" (")[0] if i % every == 0 else "" for i, b in enumerate(shown)
    ] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "n"
    drawing.add(chart)
    return drawing


def _table_rows(report: Report, tr: Tr, cell: ParagraphStyle) -> list[list[object]]:
    rows: list[list[object]] = [
        [
            Paragraph(tr(f"reports.grouping.{report.grouping.value}"), cell),
            tr("reports.col.completions"),
        ]
    ]
    groups = list(report.by_group)
    if len(groups) > MAX_TABLE_ROWS:
        rest = sum(b.count for b in groups[MAX_TABLE_ROWS - 1 :])
        groups = [*groups[: MAX_TABLE_ROWS - 1], Bar("", tr("reports.other_rows"), rest)]
    for bar in groups:
        rows.append([Paragraph(bar.label, cell), str(bar.count)])
    if not report.by_group:
        rows.append([Paragraph(tr("reports.empty"), cell), "0"])
    rows.append([Paragraph(tr("reports.total"), cell), str(report.total)])
    return rows


def report_pdf(report: Report, tr: Tr, place: str) -> bytes:
    """One A4 page: title (learning point, commune, dates), key figures, chart, table."""
    register_fonts()
    s = _styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=tr("reports.pdf_title"),
        author=place,
    )
    dates = tr(
        "reports.range",
        start=day(report.start),
        end=day(report.end),
    )
    figures = [
        tr("reports.fig.completions", n=report.total),
        tr("reports.fig.learners", n=report.learners),
    ]
    if report.target > 0:
        pct = target_percent(report.reached, report.target)
        figures.append(
            tr("reports.fig.target", reached=report.reached, target=report.target, pct=pct)
        )
    else:
        figures.append(tr("reports.fig.reached", n=report.reached))
    story: list[object] = [
        Paragraph(tr("reports.pdf_title"), s["title"]),
        Paragraph(place, s["sub"]),
        Paragraph(dates, s["sub"]),
        Spacer(1, 4 * mm),
        *(Paragraph(f"• {line}", s["fig"]) for line in figures),
        Paragraph(tr(f"reports.chart_title.{report.period.value}"), s["head"]),
        _chart(report.by_period, doc.width, 60 * mm),
        Paragraph(tr(f"reports.table_title.{report.grouping.value}"), s["head"]),
    ]
    table = Table(_table_rows(report, tr, s["cell"]), colWidths=[doc.width - 40 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 9.5),
                ("FONT", (0, -1), (-1, -1), BOLD, 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f1efe6")]),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return out.getvalue()
