"""Signing in by name and birth year (and village when asked); no list of names, ever.

Each page says its question when it appears, through ``hear``; the "not found" page says
its three ways on, each with its loudspeaker.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.learners.rules import clean_name, learner_name_ok
from kiosk.ui import pictograms
from kiosk.ui.pickers import (
    DEFAULT_BIRTH_YEAR,
    PICKER_STYLE,
    ChoiceTile,
    NameEntry,
    Tr,
    VillagePicker,
    YearPicker,
)
from kiosk.ui.screens.register_pages import WizardPage
from kiosk.ui.spoken import Spoken, listen_again_button, with_speaker
from kiosk.ui.widgets import button, label

# The "not found" page's ways on: (pictogram, title key, line key)
WAYS_ON = (
    ("sign_in", "signin.retry", "signin.retry_line"),
    ("register", "start.register", "signin.register_line"),
    ("guest", "start.guest", "start.guest_line"),
)


class Page(enum.IntEnum):
    NAME = 0
    BIRTH_YEAR = 1
    VILLAGE = 2
    NOT_FOUND = 3


class SignInScreen(QWidget):
    """The controller answers ``sign_in_requested`` with ``ask_village`` or ``show_not_found``."""

    sign_in_requested = Signal(str, int, object)  # name, birth year, village or None
    register_requested = Signal()
    guest_chosen = Signal()
    cancelled = Signal()
    hear = Signal(object)  # list of lines to say (kiosk.ui.spoken)

    def __init__(self, tr: Tr, villages: Sequence[str], this_year: int | None = None) -> None:
        super().__init__()
        this_year = this_year or date.today().year
        self._tr = tr
        self.setStyleSheet(PICKER_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(40, 16, 40, 16)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)

        question = "signin.name_question"
        self.name_page = WizardPage(tr, tr(question), lines=[question])
        self.name = NameEntry(tr, tr("register.name_placeholder"))
        self.name.submitted.connect(self._after_name)
        self.name_page.body.addWidget(self.name, 1)
        self.name_page.back.connect(self.cancelled)
        self.name_page.forward.connect(self._after_name)

        question = "signin.year_question"
        self.year_page = WizardPage(tr, tr(question), tr("signin.find"), lines=[question])
        self.year = YearPicker(this_year - 100, this_year - 5, DEFAULT_BIRTH_YEAR)
        self.year_page.body.addStretch(1)
        self.year_page.body.addWidget(self.year)
        self.year_page.body.addStretch(1)
        self.year_page.next_button.setIcon(pictograms.icon("sign_in"))
        self.year_page.back.connect(lambda: self.go(Page.NAME))
        self.year_page.forward.connect(lambda: self._request(None))

        said = ["signin.village_question", "signin.village_lead"]
        self.village_page = WizardPage(tr, tr(said[0]), tr("signin.find"), lines=said)
        self.village_page.body.addWidget(label(tr("signin.village_lead"), "lead"))
        self.village = VillagePicker(tr, villages)
        self.village_page.body.addWidget(self.village, 1)
        self.village_page.back.connect(lambda: self.go(Page.BIRTH_YEAR))
        self.village_page.forward.connect(self._after_village)

        self.not_found = QWidget()
        lay = QVBoxLayout(self.not_found)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(label(tr("signin.not_found_title"), "heading"))
        self.not_found_text = label("", "lead")
        lay.addWidget(self.not_found_text)
        lay.addSpacing(16)
        choices = QVBoxLayout()  # one way on per row, as on the start screen
        choices.setSpacing(12)
        self.not_found_lines: list[Spoken] = ["signin.not_found_title"]
        tiles = [ChoiceTile(picture, tr(title), tr(line)) for picture, title, line in WAYS_ON]
        self.retry_button, self.register_button, self.guest_button = tiles
        self.retry_button.clicked.connect(self.retry)
        self.register_button.clicked.connect(self.register_requested)
        self.guest_button.clicked.connect(self.guest_chosen)
        for tile, (_picture, title, line) in zip(tiles, WAYS_ON, strict=True):
            self.not_found_lines += [title, line]
            choices.addWidget(with_speaker(tile, [title, line], self.hear.emit), 1)
        lay.addLayout(choices, 1)
        lay.addSpacing(16)
        back = button(tr("common.back"))
        back.setIcon(pictograms.icon("back"))
        back.setIconSize(QSize(28, 28))
        back.clicked.connect(self.cancelled)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(listen_again_button(tr, self.hear.emit, lambda: self.not_found_lines))
        lay.addLayout(row)

        for page in (self.name_page, self.year_page, self.village_page, self.not_found):
            self.pages.addWidget(page)
            if isinstance(page, WizardPage):
                page.hear.connect(self.hear)
        self.go(Page.NAME)

    @property
    def current(self) -> Page:
        return Page(self.pages.currentIndex())

    def go(self, which: Page, message: str = "") -> None:
        page = self.pages.widget(which)
        if isinstance(page, WizardPage):
            page.show_message(message)
            steps = 3 if which is Page.VILLAGE else 2
            step = self._tr("register.step", n=min(which + 1, steps), of=steps)
            page.step.setText(f"{self._tr('signin.title')}  ·  {step}")
        self.pages.setCurrentIndex(which)
        if which is Page.NAME:
            self.name.edit.setFocus()
        self.hear.emit(self.spoken_lines())

    def spoken_lines(self) -> list[Spoken]:
        """What the page shown now says: its question, or on "not found" the ways on."""
        page = self.pages.currentWidget()
        return list(page.lines) if isinstance(page, WizardPage) else list(self.not_found_lines)

    def _after_name(self) -> None:
        if not learner_name_ok(self.name.text()):
            self.name_page.show_message(self._tr("register.error.name"))
            self.hear.emit(["register.error.name"])
            return
        self.go(Page.BIRTH_YEAR)

    def _after_village(self) -> None:
        village = self.village.value()
        if village is None:
            self.village_page.show_message(self._tr("register.village_missing"))
            self.hear.emit(["register.village_missing"])
            return
        self._request(village)

    def _request(self, village: str | None) -> None:
        self.sign_in_requested.emit(clean_name(self.name.text()), self.year.value(), village)

    # -- answers from the controller -------------------------------------------
    def ask_village(self) -> None:
        """Several people share this name and birth year: ask which village."""
        self.go(Page.VILLAGE)

    def show_not_found(self) -> None:
        self.not_found_text.setText(
            self._tr("signin.not_found", name=clean_name(self.name.text()), year=self.year.value())
        )
        self.go(Page.NOT_FOUND)

    def show_error(self, text: str) -> None:
        """A message on the current question page (e.g. the database could not be read)."""
        page = self.pages.currentWidget()
        if isinstance(page, WizardPage):
            page.show_message(text)

    def retry(self) -> None:
        """Back to the name, keeping what was typed so a small slip is quick to fix."""
        self.go(Page.NAME)
