"""Staff console: completion reports with bar charts (QtCharts), progress to the learning
point's target, and exports to CSV and a one-page PDF.

Thin: shows a ``kiosk.staff.reports.Report`` and emits what staff chose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.formatting import target_percent
from kiosk.staff.reports import RANGES, Bar, Grouping, Period, Report
from kiosk.ui.theme import FONT_FAMILY, INK, PRIMARY
from kiosk.ui.widgets import button, label

MAX_GROUP_BARS = 10  # the chart shows the biggest; the PDF and CSV have them all
CHART_FONT_PX = 16


def _short(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _period_short(key: str) -> str:
    """Axis words under the bars (the chart's title says day, week or month): the number."""
    return str(int(key.split("-W")[1] if "-W" in key else key.split("-")[-1]))


class ReportsScreen(QWidget):
    back_requested = Signal()
    options_changed = Signal(str, object, object)  # range key, Period, Grouping
    export_requested = Signal(str)  # "csv" | "pdf"
    choose_folder_requested = Signal()

    def __init__(self, tr: Callable[..., str], high_contrast: bool = False) -> None:
        super().__init__()
        self.t = tr
        self.high_contrast = high_contrast
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 16)
        root.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(label(tr("reports.title"), "heading", wrap=False))
        head.addStretch(1)
        self.range = self._combo(head, "reports.range_label", "reports.range", RANGES)
        self.period = self._combo(head, "reports.period_label", "reports.period", list(Period))
        self.grouping = self._combo(
            head, "reports.grouping_label", "reports.grouping", list(Grouping)
        )
        self.range.setCurrentIndex(RANGES.index("this_month"))
        self.period.setCurrentIndex(list(Period).index(Period.WEEK))
        root.addLayout(head)

        progress_row = QHBoxLayout()
        self.progress_text = label("", wrap=False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        progress_row.addWidget(self.progress_text)
        progress_row.addWidget(self.progress, 1)
        root.addLayout(progress_row)

        charts = QHBoxLayout()
        self.group_chart = self._chart_view()
        self.period_chart = self._chart_view()
        charts.addWidget(self.group_chart, 3)
        charts.addWidget(self.period_chart, 2)
        root.addLayout(charts, 1)
        self.summary = label("", "lead", wrap=False)
        root.addWidget(self.summary)
        self.destination = label("", "muted", wrap=False)
        self.destination.setMinimumWidth(1)
        root.addWidget(self.destination)
        self.message = label("", "message")
        root.addWidget(self.message)

        bottom = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        self.folder_button = button(tr("printing.choose_folder"))
        self.folder_button.clicked.connect(self.choose_folder_requested)
        self.csv_button = button(tr("reports.export_csv"))
        self.csv_button.clicked.connect(lambda: self.export_requested.emit("csv"))
        self.pdf_button = button(tr("reports.export_pdf"), "confirm")
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        bottom.addWidget(back)
        bottom.addStretch(1)
        for b in (self.folder_button, self.csv_button, self.pdf_button):
            bottom.addWidget(b)
        root.addLayout(bottom)
        for combo in (self.range, self.period, self.grouping):
            combo.currentIndexChanged.connect(self._changed)

    def _combo(
        self, row: QHBoxLayout, label_key: str, prefix: str, values: Sequence[str]
    ) -> QComboBox:
        row.addWidget(label(self.t(label_key), wrap=False))
        combo = QComboBox()
        for value in values:
            combo.addItem(self.t(f"{prefix}.{value}"), str(value))
        row.addWidget(combo)
        return combo

    def _chart_view(self) -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(200)
        return view

    def options(self) -> tuple[str, Period, Grouping]:
        return (
            str(self.range.currentData()),
            Period(self.period.currentData()),
            Grouping(self.grouping.currentData()),
        )

    def _changed(self) -> None:
        self.options_changed.emit(*self.options())

    # -- what the flow shows ---------------------------------------------------------
    def show_report(self, report: Report) -> None:
        t = self.t
        if report.target > 0:
            pct = target_percent(report.reached, report.target) or 0
            self.progress_text.setText(
                t("reports.progress", reached=report.reached, target=report.target, pct=pct)
            )
            self.progress.setValue(min(100, pct))
            self.progress.setVisible(True)
        else:
            self.progress_text.setText(t("reports.no_target", n=report.reached))
            self.progress.setVisible(False)
        groups = list(report.by_group[:MAX_GROUP_BARS])
        self.group_chart.setChart(
            self._chart(
                t(f"reports.table_title.{report.grouping.value}"), list(reversed(groups)), True
            )
        )
        periods = [Bar(b.key, _period_short(b.key), b.count) for b in report.by_period]
        self.period_chart.setChart(
            self._chart(t(f"reports.chart_title.{report.period.value}"), periods, False)
        )
        self.summary.setText(
            t("reports.empty")
            if report.total == 0
            else t("reports.summary", total=report.total, learners=report.learners)
        )

    def show_destination(self, text: str) -> None:
        self.destination.setText(text)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("" if error else f"color: {INK};")
        self.message.setText(text)

    def set_busy(self, busy: bool) -> None:
        for b in (self.csv_button, self.pdf_button, self.folder_button):
            b.setEnabled(not busy)

    def _chart(self, title: str, bars: Sequence[Bar], horizontal: bool) -> QChart:
        chart = QChart()
        if self.high_contrast:
            chart.setTheme(QChart.ChartTheme.ChartThemeHighContrast)
        chart.setTitle(title)
        font = QFont(FONT_FAMILY)
        font.setPixelSize(CHART_FONT_PX)
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPixelSize(CHART_FONT_PX + 4)
        chart.setTitleFont(title_font)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        values = QBarSet("")
        values.append([float(b.count) for b in bars] or [0.0])
        if not self.high_contrast:
            values.setColor(QColor(PRIMARY))
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(values)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        names = [_short(b.label.split(" (")[0]) for b in bars] or [""]
        categories.append(names)
        categories.setLabelsFont(font)
        counts = QValueAxis()
        top = max([b.count for b in bars] + [1])
        counts.setLabelFormat("%d")
        if top < 10:
            counts.setRange(0, top + 1)
            counts.setTickCount(top + 2)  # one tick per whole number
        else:
            counts.setRange(0, top * 1.1)
            counts.applyNiceNumbers()
        counts.setLabelsFont(font)
        category_side = Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
        value_side = Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        chart.addAxis(categories, category_side)
        chart.addAxis(counts, value_side)
        series.attachAxis(categories)
        series.attachAxis(counts)
        return chart
