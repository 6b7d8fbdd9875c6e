"""Staff: completion slips. Who waits for a slip, the print queue, today's prints, and
a field where a USB QR scanner (it types like a keyboard, then Enter) checks a slip.

Thin: it shows plain data (``kiosk.slips.desk``) and emits what staff did.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.formatting import serial
from kiosk.slips.desk import DeskState, SlipRow
from kiosk.ui.theme import DANGER, INK
from kiosk.ui.widgets import button, label

ID_ROLE = Qt.ItemDataRole.UserRole
GENUINE_GREEN = "#1b6e20"  # 6.4:1 on the paper colour


class SlipsScreen(QWidget):
    back_requested = Signal()
    issue_requested = Signal(object)  # learner id
    print_requested = Signal(object)  # list of slip ids
    reprint_requested = Signal(object)  # slip id
    verify_requested = Signal(str)
    test_page_requested = Signal()
    choose_folder_requested = Signal()

    def __init__(self, tr: Callable[..., str]) -> None:
        super().__init__()
        self.t = tr
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 16)
        root.setSpacing(8)
        root.addWidget(label(tr("slips.title"), "heading", wrap=False))
        self.destination = label("", "muted", wrap=False)
        self.destination.setMinimumWidth(1)  # long folder paths are cut, not widening the window
        root.addWidget(self.destination)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        self.waiting = QListWidget()
        self.queue = QListWidget()
        self.printed = QListWidget()
        self.issue_button = button(tr("slips.issue"))
        self.print_button = button(tr("slips.print_one"))
        self.print_all_button = button(tr("slips.print_all"))
        self.reprint_button = button(tr("slips.reprint"))
        columns = (
            ("slips.waiting", self.waiting, (self.issue_button,)),
            ("slips.queue", self.queue, (self.print_button, self.print_all_button)),
            ("slips.printed_today", self.printed, (self.reprint_button,)),
        )
        for col, (key, listing, buttons) in enumerate(columns):
            grid.addWidget(label(tr(key), wrap=False), 0, col)
            grid.addWidget(listing, 1, col)
            row = QHBoxLayout()
            for b in buttons:
                row.addWidget(b)
            grid.addLayout(row, 2, col)
            grid.setColumnStretch(col, 1)
        root.addLayout(grid, 1)

        self.issue_button.clicked.connect(self._issue)
        self.print_button.clicked.connect(self._print_one)
        self.print_all_button.clicked.connect(self._print_all)
        self.reprint_button.clicked.connect(self._reprint)
        for listing in (self.waiting, self.queue, self.printed):
            listing.setWordWrap(True)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.itemSelectionChanged.connect(self._update_buttons)

        verify_row = QHBoxLayout()
        verify_row.addWidget(label(tr("slips.verify_label"), wrap=False))
        self.verify_field = QLineEdit()
        self.verify_field.setPlaceholderText(tr("slips.verify_placeholder"))
        self.verify_field.returnPressed.connect(self._verify)
        verify_row.addWidget(self.verify_field, 1)
        root.addLayout(verify_row)
        self.verdict = label("", "verdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setMinimumHeight(self.verdict.fontMetrics().lineSpacing() * 3)
        root.addWidget(self.verdict)
        self.message = label("", "message")
        root.addWidget(self.message)

        bottom = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        self.test_page_button = button(tr("printing.test_page"))
        self.test_page_button.clicked.connect(self.test_page_requested)
        self.folder_button = button(tr("printing.choose_folder"))
        self.folder_button.clicked.connect(self.choose_folder_requested)
        bottom.addWidget(back)
        bottom.addStretch(1)
        bottom.addWidget(self.folder_button)
        bottom.addWidget(self.test_page_button)
        root.addLayout(bottom)
        self._busy = False
        self._update_buttons()

    # -- what the controller shows ----------------------------------------
    def show_state(self, state: DeskState) -> None:
        t = self.t
        _fill(
            self.waiting,
            [
                (w.learner_id, t("slips.waiting_item", name=w.name, year=w.birth_year, n=w.lessons))
                for w in state.waiting
            ],
            t("slips.none_waiting"),
        )
        _fill(self.queue, [(r.slip_id, self._queue_text(r)) for r in state.queue], t("slips.none"))
        _fill(
            self.printed,
            [(r.slip_id, self._printed_text(r)) for r in state.printed_today],
            t("slips.none"),
        )
        self._update_buttons()

    def show_destination(self, text: str, saves_pdf: bool) -> None:
        """Where slips go: a printer's name, or the folder PDFs are saved to."""
        self.destination.setText(text)
        self.folder_button.setVisible(saves_pdf)
        key = "printing.save_pdf" if saves_pdf else "slips.print_one"
        self.print_button.setText(self.t(key))

    def show_verdict(self, genuine: bool, text: str) -> None:
        colour = GENUINE_GREEN if genuine else DANGER
        self.verdict.setStyleSheet(f"font-size: 24px; font-weight: bold; color: {colour};")
        self.verdict.setText(("✔ " if genuine else "✘ ") + text)

    def show_message(self, text: str, *, error: bool = False) -> None:
        """A note after an action; errors in red, the rest in plain ink."""
        self.message.setStyleSheet("" if error else f"color: {INK};")
        self.message.setText(text)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def focus_verify(self) -> None:
        self.verify_field.setFocus()

    # -- what staff did -----------------------------------------------------
    def _issue(self) -> None:
        chosen = _selected(self.waiting)
        if chosen:
            self.issue_requested.emit(chosen[0])

    def _print_one(self) -> None:
        chosen = _selected(self.queue)
        if chosen:
            self.print_requested.emit(chosen)

    def _print_all(self) -> None:
        every = [_id(self.queue.item(i)) for i in range(self.queue.count())]
        ids = [x for x in every if x is not None]
        if ids:
            self.print_requested.emit(ids)

    def _reprint(self) -> None:
        chosen = _selected(self.printed)
        if chosen:
            self.reprint_requested.emit(chosen[0])

    def _verify(self) -> None:
        text = self.verify_field.text().strip()
        self.verify_field.clear()
        if text:
            self.verify_requested.emit(text)

    def _update_buttons(self) -> None:
        idle = not self._busy
        self.issue_button.setEnabled(idle and bool(_selected(self.waiting)))
        self.print_button.setEnabled(idle and bool(_selected(self.queue)))
        has_queue = any(_id(self.queue.item(i)) for i in range(self.queue.count()))
        self.print_all_button.setEnabled(idle and has_queue)
        self.reprint_button.setEnabled(idle and bool(_selected(self.printed)))
        self.test_page_button.setEnabled(idle)

    def _queue_text(self, row: SlipRow) -> str:
        text = self.t("slips.queue_item", serial=serial(row.serial), name=row.learner_name)
        text += " · " + self.t("slips.lessons", n=row.lessons)
        if row.last_error:
            text += "\n" + self.t("slips.failed", reason=row.last_error)
        elif row.print_count:
            text += "\n" + self.t("slips.will_be_reprint")
        return text

    def _printed_text(self, row: SlipRow) -> str:
        text = self.t("slips.queue_item", serial=serial(row.serial), name=row.learner_name)
        if row.print_count > 1:
            text += " · " + self.t("slips.printed_times", n=row.print_count)
        return text


def _fill(listing: QListWidget, rows: Sequence[tuple[uuid.UUID, str]], empty: str) -> None:
    selected = set(_selected(listing))
    listing.clear()
    for item_id, text in rows:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, str(item_id))
        listing.addItem(item)
        if item_id in selected:
            item.setSelected(True)
    if not rows:
        placeholder = QListWidgetItem(empty)
        placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        listing.addItem(placeholder)
    elif not listing.selectedItems():
        listing.item(0).setSelected(True)


def _id(item: QListWidgetItem | None) -> uuid.UUID | None:
    raw = item.data(ID_ROLE) if item is not None else None
    return uuid.UUID(raw) if raw else None


def _selected(listing: QListWidget) -> list[uuid.UUID]:
    return [x for x in (_id(i) for i in listing.selectedItems()) if x is not None]
