"""Pages of the registration and sign-in screens: one question per page."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.learners.registry import TARGET_GROUPS, Purpose
from kiosk.ui import pictograms
from kiosk.ui.pickers import ChoiceTile, ConsentToggle, Tr
from kiosk.ui.widgets import button, label


class WizardPage(QWidget):
    """A step: where we are, one question, the answer area, a message, back / next."""

    back = Signal()
    forward = Signal()

    def __init__(self, tr: Tr, question: str, next_text: str = "") -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(8)
        self.step = label("", "muted", wrap=False)
        root.addWidget(self.step)
        self.question = label(question, "heading")
        root.addWidget(self.question)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        root.addLayout(self.body, 1)
        self.message = label("", "message")
        self.message.setVisible(False)
        root.addWidget(self.message)
        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.nav = nav
        self.back_button = button(tr("common.back"))
        self.back_button.setIcon(pictograms.icon("back"))
        self.back_button.setIconSize(QSize(28, 28))
        self.back_button.clicked.connect(self.back)
        self.next_button = button(next_text or tr("common.next"), "primary")
        self.next_button.clicked.connect(self.forward)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        root.addLayout(nav)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


class ConsentPage(WizardPage):
    """What is kept and why, and one unticked toggle per purpose."""

    guest_chosen = Signal()

    def __init__(self, tr: Tr) -> None:
        super().__init__(tr, tr("register.consent_title"))
        self.body.addWidget(label(tr("register.consent_lead"), "lead"))
        self.toggles: dict[Purpose, ConsentToggle] = {}
        for purpose in Purpose:
            toggle = ConsentToggle(
                tr,
                tr(f"register.consent.{purpose.value}"),
                tr(f"register.consent.{purpose.value}_why"),
            )
            self.toggles[purpose] = toggle
            self.body.addWidget(toggle)
        self.body.addWidget(label(tr("register.consent_later"), "muted"))
        self.body.addStretch(1)
        self.guest_button = button(tr("register.consent_refuse"))
        self.guest_button.setIcon(pictograms.icon("guest"))
        self.guest_button.setIconSize(QSize(40, 40))
        self.guest_button.clicked.connect(self.guest_chosen)
        self.nav.insertWidget(1, self.guest_button)  # between "back" and "next"

    def consents(self) -> dict[Purpose, bool]:
        return {purpose: toggle.isChecked() for purpose, toggle in self.toggles.items()}


class GroupPage(WizardPage):
    """Four picture tiles; exactly one can be chosen."""

    def __init__(self, tr: Tr, question: str) -> None:
        super().__init__(tr, question)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.choices = QButtonGroup(self)
        self.choices.setExclusive(True)
        self.tiles: dict[str, ChoiceTile] = {}
        for i, group in enumerate(TARGET_GROUPS):
            tile = ChoiceTile(group, tr(f"group.{group}"), icon_px=88, checkable=True)
            self.choices.addButton(tile)
            self.tiles[group] = tile
            grid.addWidget(tile, i // 2, i % 2)
        self.body.addLayout(grid, 1)

    def value(self) -> str | None:
        for group, tile in self.tiles.items():
            if tile.isChecked():
                return group
        return None


class ConfirmPage(WizardPage):
    """Everything the person gave, each with a "Sửa" button back to its page."""

    edit_requested = Signal(str)  # the field name

    FIELDS = ("full_name", "birth_year", "village", "target_group", "phone", "citizen_id")

    def __init__(self, tr: Tr) -> None:
        super().__init__(tr, tr("register.confirm_title"), tr("register.submit"))
        self._tr = tr
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        self.values: dict[str, QLabel] = {}
        self.rows: dict[str, list[QWidget]] = {}
        for i, name in enumerate(self.FIELDS):
            caption = label(tr(f"register.field.{name}"), "muted", wrap=False)
            value = label("", "value")
            edit: QPushButton = button(tr("register.change"))
            edit.clicked.connect(lambda _=False, n=name: self.edit_requested.emit(n))
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(caption)
            cell.addWidget(value)
            row, col = i // 2, (i % 2) * 3
            grid.addLayout(cell, row, col)
            grid.addWidget(edit, row, col + 1)
            self.values[name] = value
            self.rows[name] = [caption, value, edit]
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(2, 24)
        self.body.addLayout(grid)
        self.consent_note = label("", "muted")
        self.body.addWidget(self.consent_note)
        self.body.addStretch(1)

    def show_summary(
        self,
        answers: dict[str, str | None],
        consents: dict[Purpose, bool],
    ) -> None:
        for name in self.FIELDS:
            shown = answers.get(name)
            for widget in self.rows[name]:
                widget.setVisible(shown is not None)
            self.values[name].setText(shown or "")
        kept = [self._tr(f"register.consent.{p.value}") for p, on in consents.items() if on]
        self.consent_note.setText(self._tr("register.confirm_consents", items="; ".join(kept)))
