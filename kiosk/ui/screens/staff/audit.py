"""Staff console (admin): the audit log, newest first: when, who, what, detail."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.audit_log import AuditLine
from kiosk.ui.widgets import button, label


class AuditScreen(QWidget):
    back_requested = Signal()

    def __init__(self, tr: Callable[..., str], lines: Sequence[AuditLine]) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 16)
        root.addWidget(label(tr("audit.title"), "heading"))
        self.table = QTableWidget(len(lines), 4)
        self.table.setHorizontalHeaderLabels(
            [tr(f"audit.col.{c}") for c in ("time", "actor", "action", "detail")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)  # one line a row; the detail column stretches
        for r, line in enumerate(lines):
            for c, text in enumerate((line.at, line.actor, line.action, line.detail)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        root.addWidget(self.table, 1)
        self.empty = label(tr("audit.empty") if not lines else "", "muted")
        root.addWidget(self.empty)
        row = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        row.addWidget(back)
        row.addStretch(1)
        root.addLayout(row)

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (tests and screenshots)."""
        rows = []
        for r in range(self.table.rowCount()):
            items = (self.table.item(r, c) for c in range(self.table.columnCount()))
            rows.append(tuple(item.text() if item is not None else "" for item in items))
        return rows
