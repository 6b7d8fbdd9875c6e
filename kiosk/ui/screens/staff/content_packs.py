"""Staff (admin): content packs. Choose a folder (a USB stick), see what installing it
would change or why it is refused, install it, or go back to the version it replaced.

Thin: it shows the lines the content flow gives and emits what the admin did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.theme import DANGER, INK
from kiosk.ui.widgets import button, label

OK_GREEN = "#1b6e20"  # 6.4:1 on the paper colour
_STYLE = f"""
QLabel#plan-verdict[ok="true"] {{ color: {OK_GREEN}; font-size: 26px; font-weight: bold; }}
QLabel#plan-verdict[ok="false"] {{ color: {DANGER}; font-size: 26px; font-weight: bold; }}
QLabel#result[error="true"] {{ color: {DANGER}; }}
QLabel#result[error="false"] {{ color: {INK}; }}
QListWidget#plan {{ font-size: 22px; }}
QPushButton#confirm:disabled {{ background: #e8e4d8; color: #4a4a4a; border-color: #4a4a4a; }}
"""


class ContentPacksScreen(QWidget):
    back_requested = Signal()
    choose_folder_requested = Signal()
    folder_chosen = Signal(str)  # a removable drive's folder
    install_requested = Signal()
    rollback_requested = Signal()

    def __init__(self, tr: Callable[..., str], drives: Sequence[tuple[str, str]] = ()) -> None:
        """``drives``: (label, folder) of removable media found on the machine."""
        super().__init__()
        self.t = tr
        self.setStyleSheet(_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 16)
        root.setSpacing(8)
        root.addWidget(label(tr("content.title"), "heading", wrap=False))
        self.installed = label("", "muted")
        root.addWidget(self.installed)

        pick = QHBoxLayout()
        self.choose_button = button(tr("content.choose_folder"))
        self.choose_button.clicked.connect(self.choose_folder_requested)
        pick.addWidget(self.choose_button)
        self.drive_buttons = []
        for text, folder in drives:
            drive = button(tr("content.drive", name=text))
            drive.clicked.connect(lambda _=False, f=folder: self.folder_chosen.emit(f))
            self.drive_buttons.append(drive)
            pick.addWidget(drive)
        pick.addStretch(1)
        root.addLayout(pick)
        self.source = label(tr("content.no_folder"), "muted", wrap=False)
        self.source.setMinimumWidth(1)  # a long path is cut, it does not widen the window
        root.addWidget(self.source)

        self.verdict = label("", "plan-verdict")
        root.addWidget(self.verdict)
        self.plan = QListWidget()
        self.plan.setObjectName("plan")
        self.plan.setWordWrap(True)
        self.plan.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        root.addWidget(self.plan, 1)
        self.result = label("", "result")
        root.addWidget(self.result)

        row = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        row.addWidget(back)
        row.addStretch(1)
        self.rollback_button = button(tr("content.rollback"))
        self.rollback_button.clicked.connect(self.rollback_requested)
        self.rollback_button.setEnabled(False)
        row.addWidget(self.rollback_button)
        self.install_button = button(tr("content.install"), "confirm")
        self.install_button.clicked.connect(self.install_requested)
        self.install_button.setEnabled(False)
        row.addWidget(self.install_button)
        root.addLayout(row)

    # What the flow calls ---------------------------------------------------------------

    def show_installed(self, text: str, rollback_label: str | None) -> None:
        """What the kiosk uses now; ``rollback_label`` names the version a rollback restores."""
        self.installed.setText(text)
        self.rollback_button.setEnabled(rollback_label is not None)
        self.rollback_button.setText(
            self.t("content.rollback_to", what=rollback_label)
            if rollback_label
            else self.t("content.rollback")
        )

    def show_source(self, folder: str) -> None:
        self.source.setText(self.t("content.folder", path=folder))

    def show_checking(self) -> None:
        self._verdict(self.t("content.checking"), None)
        self.plan.clear()
        self.install_button.setEnabled(False)

    def show_plan(self, verdict: str, ok: bool, lines: Sequence[tuple[str, bool]]) -> None:
        """``lines``: (text, is_problem) rows: the changes, or why the pack is refused."""
        self._verdict(verdict, ok)
        self.plan.clear()
        for text, problem in lines:
            item = QListWidgetItem(text)
            if problem:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.plan.addItem(item)
        self.install_button.setEnabled(ok)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.result.setText(text)
        self.result.setProperty("error", error)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.choose_button, *self.drive_buttons):
            widget.setEnabled(not busy)
        if busy:
            self.install_button.setEnabled(False)
            self.rollback_button.setEnabled(False)

    def _verdict(self, text: str, ok: bool | None) -> None:
        self.verdict.setText(text)
        self.verdict.setProperty("ok", "" if ok is None else ("true" if ok else "false"))
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
