"""Staff console: today at this learning point, in big numbers, with quick actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.formatting import day
from kiosk.staff.today import TodayCounts
from kiosk.ui.widgets import button, label

FIGURE_STYLE = """
QFrame#figure { border: 2px solid palette(mid); border-radius: 16px; }
QLabel#number { font-size: 56px; font-weight: bold; }
"""


class TodayScreen(QWidget):
    back_requested = Signal()
    action_chosen = Signal(str)  # the quick action's key

    def __init__(self, tr: Callable[..., str], counts: TodayCounts, actions: Sequence[str]) -> None:
        super().__init__()
        self.setStyleSheet(FIGURE_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        root.addWidget(label(tr("console.today.title", date=day(counts.day)), "heading"))
        grid = QGridLayout()
        grid.setSpacing(16)
        figures = (
            ("console.today.learners", counts.learners_served),
            ("console.today.started", counts.lessons_started),
            ("console.today.completed", counts.lessons_completed),
            ("console.today.guests", counts.guest_lessons),
            ("console.today.slips_waiting", counts.slips_waiting),
            ("console.today.slips_to_print", counts.slips_to_print),
        )
        self.numbers: dict[str, QLabel] = {}
        for i, (key, value) in enumerate(figures):
            box = QFrame()
            box.setObjectName("figure")
            lay = QVBoxLayout(box)
            number = label(str(value), "number", center=True)
            lay.addWidget(number)
            lay.addWidget(label(tr(key), "lead", center=True))
            self.numbers[key] = number
            grid.addWidget(box, i // 3, i % 3)
        root.addLayout(grid)
        root.addStretch(1)
        quick = QHBoxLayout()
        quick.addWidget(label(tr("console.today.quick"), wrap=False))
        self.buttons = {}
        for key in actions:
            btn = button(tr(key))
            btn.clicked.connect(lambda _=False, k=key: self.action_chosen.emit(k))
            self.buttons[key] = btn
            quick.addWidget(btn)
        quick.addStretch(1)
        root.addLayout(quick)
        root.addSpacing(16)
        row = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        row.addWidget(back)
        row.addStretch(1)
        root.addLayout(row)
