"""Pages of the registration and sign-in screens: one question per page, spoken."""

from __future__ import annotations

from collections.abc import Sequence

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
from kiosk.ui.spoken import Spoken, listen_again_button, with_speaker
from kiosk.ui.widgets import button, label


class WizardPage(QWidget):
    """A step: where we are, one question, the answer area, a message, back / next.

    ``lines`` are what the page says when it appears (its question first); a page with
    lines has a "Nghe lại" button and emits ``hear`` for it and for its loudspeakers.
    """

    back = Signal()
    forward = Signal()
    hear = Signal(object)  # list of lines to say (kiosk.ui.spoken)

    def __init__(
        self, tr: Tr, question: str, next_text: str = "", lines: Sequence[Spoken] = ()
    ) -> None:
        super().__init__()
        self.lines: list[Spoken] = list(lines)
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
        if self.lines:
            self.listen_again = listen_again_button(tr, self.hear.emit, lambda: self.lines)
            nav.addWidget(self.listen_again)
        nav.addWidget(self.next_button)
        root.addLayout(nav)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


class ConsentPage(WizardPage):
    """What is kept and why, and one unticked toggle per purpose."""

    guest_chosen = Signal()

    def __init__(self, tr: Tr) -> None:
        lines: list[Spoken] = ["register.consent_title", "register.consent_lead"]
        for purpose in Purpose:
            lines += [f"register.consent.{purpose.value}", f"register.consent.{purpose.value}_why"]
        lines.append("register.consent_refuse")
        super().__init__(tr, tr("register.consent_title"), lines=lines)
        self.body.addWidget(label(tr("register.consent_lead"), "lead"))
        self.toggles: dict[Purpose, ConsentToggle] = {}
        for purpose in Purpose:
            what, why = f"register.consent.{purpose.value}", f"register.consent.{purpose.value}_why"
            toggle = ConsentToggle(tr, tr(what), tr(why))
            self.toggles[purpose] = toggle
            self.body.addWidget(with_speaker(toggle, [what, why], self.hear.emit))
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

    def __init__(self, tr: Tr) -> None:
        question = "register.group_question"
        groups = [f"group.{group}" for group in TARGET_GROUPS]
        super().__init__(tr, tr(question), lines=[question, *groups])
        grid = QGridLayout()
        grid.setSpacing(16)
        self.choices = QButtonGroup(self)
        self.choices.setExclusive(True)
        self.tiles: dict[str, ChoiceTile] = {}
        for i, (group, key) in enumerate(zip(TARGET_GROUPS, groups, strict=True)):
            tile = ChoiceTile(group, tr(key), icon_px=88, checkable=True)
            self.choices.addButton(tile)
            self.tiles[group] = tile
            grid.addWidget(with_speaker(tile, [key], self.hear.emit), i // 2, i % 2)
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
        title = "register.confirm_title"
        super().__init__(tr, tr(title), tr("register.submit"), lines=[title])
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
