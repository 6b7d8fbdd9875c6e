"""Staff console: find a learner (name without tone marks, birth year, village), see their
lessons and scores, correct a typo in the name, or register someone on their behalf.

Thin: shows ``kiosk.staff.learners`` data and emits what staff did. Typing works with a
physical keyboard or the on-screen one ("Bàn phím").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.formatting import day
from kiosk.staff.learners import LearnerDetail, LearnerRow
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.theme import INK
from kiosk.ui.widgets import button, label

ID_ROLE = Qt.ItemDataRole.UserRole
SEARCH, DETAIL = 0, 1


class LearnersScreen(QWidget):
    back_requested = Signal()
    search_changed = Signal(str)
    learner_opened = Signal(object)  # learner id
    rename_requested = Signal(object, str)  # learner id, new name
    register_requested = Signal()

    def __init__(self, tr: Callable[..., str]) -> None:
        super().__init__()
        self.t = tr
        self.current: LearnerDetail | None = None
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 16)
        root.setSpacing(8)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._search_page())
        self.pages.addWidget(self._detail_page())
        root.addWidget(self.pages, 1)
        self.keyboard = OnScreenKeyboard(tr)
        self.keyboard.setVisible(False)
        self.keyboard.submitted.connect(self._keyboard_done)
        root.addWidget(self.keyboard)
        self.message = label("", "message")
        root.addWidget(self.message)
        bottom = QHBoxLayout()
        self.back_button = button(tr("common.back"))
        self.back_button.clicked.connect(self._back)
        self.keyboard_button = button(tr("common.keyboard"))
        self.keyboard_button.setCheckable(True)
        self.keyboard_button.toggled.connect(self._toggle_keyboard)
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.keyboard_button)
        root.addLayout(bottom)
        self.keyboard.attach(self.search)

    def _search_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.heading = label(self.t("learners.title"), "heading", wrap=False)
        head.addWidget(self.heading)
        head.addStretch(1)
        self.register_button = button(self.t("learners.register_for"))
        self.register_button.clicked.connect(self.register_requested)
        head.addWidget(self.register_button)
        lay.addLayout(head)
        self.search_label = label(self.t("learners.search_label"), wrap=False)
        lay.addWidget(self.search_label)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.t("learners.search_placeholder"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_changed)
        lay.addWidget(self.search)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.itemClicked.connect(self._open_item)
        self.results.itemActivated.connect(self._open_item)
        lay.addWidget(self.results, 1)
        self.hint = label(self.t("learners.hint"), "muted")
        lay.addWidget(self.hint)
        return page

    def _detail_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.name = label("", "heading")
        head.addWidget(self.name, 1)
        self.rename_button = button(self.t("learners.rename"))
        self.rename_button.clicked.connect(self._start_rename)
        head.addWidget(self.rename_button)
        lay.addLayout(head)
        self.facts = label("", "muted")
        lay.addWidget(self.facts)
        self.rename_row = QWidget()
        row = QHBoxLayout(self.rename_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label(self.t("learners.rename_label"), wrap=False))
        self.rename_field = QLineEdit()
        self.rename_field.setMaxLength(120)
        self.rename_field.returnPressed.connect(self._save_rename)
        row.addWidget(self.rename_field, 1)
        self.rename_save = button(self.t("learners.rename_save"), "confirm")
        self.rename_save.clicked.connect(self._save_rename)
        row.addWidget(self.rename_save)
        self.rename_row.setVisible(False)
        lay.addWidget(self.rename_row)
        self.lessons = QTableWidget(0, 5)
        self.lessons.setHorizontalHeaderLabels(
            [self.t(f"learners.col.{c}") for c in ("lesson", "status", "score", "tries", "date")]
        )
        self.lessons.verticalHeader().setVisible(False)
        self.lessons.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lessons.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.lessons.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.lessons, 1)
        return page

    # -- what the flow shows ---------------------------------------------------------
    def show_results(self, rows: Sequence[LearnerRow]) -> None:
        self.results.clear()
        for row in rows:
            village = row.village or self.t("learners.no_village")
            item = QListWidgetItem(
                self.t("learners.result", name=row.full_name, year=row.birth_year, village=village)
            )
            item.setData(ID_ROLE, str(row.id))
            self.results.addItem(item)
        searched = bool(self.search.text().strip())
        self.hint.setText(
            self.t("learners.none_found") if searched and not rows else self.t("learners.hint")
        )

    def show_detail(self, detail: LearnerDetail) -> None:
        t = self.t
        self.current = detail
        who = detail.learner
        self.name.setText(who.full_name)
        village = who.village or t("learners.no_village")
        self.facts.setText(
            t(
                "learners.detail_line",
                year=who.birth_year,
                village=village,
                group=t(f"group.{who.target_group}"),
            )
            + "\n"
            + t(
                "learners.registered_on",
                date=day(detail.registered_on),
                n=detail.completed,
            )
        )
        self.lessons.setRowCount(0)
        for line in detail.lessons:
            r = self.lessons.rowCount()
            self.lessons.insertRow(r)
            score = "" if line.best_score is None else f"{line.best_score}%"
            cells = (
                line.title,
                t(f"learners.status.{line.status}"),
                score,
                str(line.tries),
                day(line.last_on),
            )
            for col, text in enumerate(cells):
                self.lessons.setItem(r, col, QTableWidgetItem(text))
        if not detail.lessons:
            self.lessons.insertRow(0)
            self.lessons.setItem(0, 0, QTableWidgetItem(t("learners.no_lessons")))
        self.lessons.resizeRowsToContents()
        self.rename_row.setVisible(False)
        self.pages.setCurrentIndex(DETAIL)
        self.back_button.setText(t("learners.back_to_list"))
        self.keyboard.attach(self.rename_field)

    def show_list(self) -> None:
        self.current = None
        self.rename_row.setVisible(False)
        self.pages.setCurrentIndex(SEARCH)
        self.back_button.setText(self.t("common.back"))
        self.keyboard.attach(self.search)
        self.search.setFocus()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("" if error else f"color: {INK};")
        self.message.setText(text)

    # -- what staff did --------------------------------------------------------------
    def _open_item(self, item: QListWidgetItem) -> None:
        raw = item.data(ID_ROLE)
        if raw:
            self.show_message("")
            self.learner_opened.emit(uuid.UUID(raw))

    def _start_rename(self) -> None:
        if self.current is None:
            return
        self.rename_field.setText(self.current.learner.full_name)
        self.rename_row.setVisible(True)
        self.keyboard.attach(self.rename_field)
        self.rename_field.setFocus()

    def _save_rename(self) -> None:
        if self.current is not None and self.rename_row.isVisible():
            self.rename_requested.emit(self.current.learner.id, self.rename_field.text())

    def _keyboard_done(self) -> None:
        if self.pages.currentIndex() == DETAIL:
            self._save_rename()
        else:
            self.keyboard_button.setChecked(False)

    def _toggle_keyboard(self, on: bool) -> None:
        # room for the keys at 1366×768, made before the keys show (so the layout never
        # asks for more than the screen)
        if not on:
            self.keyboard.setVisible(False)
        for widget in (self.hint, self.search_label, self.heading, self.register_button):
            widget.setVisible(not on)
        if on:
            self.keyboard.setVisible(True)

    def _back(self) -> None:
        if self.pages.currentIndex() == DETAIL:
            self.show_message("")
            self.show_list()
        else:
            self.back_requested.emit()
