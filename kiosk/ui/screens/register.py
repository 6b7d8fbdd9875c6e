"""Registering for a completion slip: consent first, then one question per page.

Each page says its question (and its choices) when it appears, through ``hear``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.learners.registry import Purpose, Registration
from kiosk.learners.rules import (
    check_citizen_id,
    clean_name,
    last_four,
    learner_name_ok,
    phone_ok,
)
from kiosk.ui.pickers import (
    DEFAULT_BIRTH_YEAR,
    PICKER_STYLE,
    DigitPad,
    NameEntry,
    Tr,
    VillagePicker,
    YearPicker,
    masked_id,
)
from kiosk.ui.screens.register_pages import ConfirmPage, ConsentPage, GroupPage, WizardPage
from kiosk.ui.spoken import Spoken
from kiosk.ui.widgets import label

PHONE_DIGITS = 10
CITIZEN_ID_DIGITS = 12


class Page(enum.IntEnum):
    CONSENT = 0
    NAME = 1
    BIRTH_YEAR = 2
    VILLAGE = 3
    GROUP = 4
    PHONE = 5
    CITIZEN_ID = 6
    CONFIRM = 7


# RegistrationError.field -> the page that asks for it
FIELD_PAGES = {
    "consent": Page.CONSENT,
    "full_name": Page.NAME,
    "birth_year": Page.BIRTH_YEAR,
    "village": Page.VILLAGE,
    "target_group": Page.GROUP,
    "phone": Page.PHONE,
    "citizen_id": Page.CITIZEN_ID,
}


def asking(tr: Tr, question: str, *more: str) -> WizardPage:
    """A page asking ``question`` (a message key), saying it and ``more`` when it appears."""
    return WizardPage(tr, tr(question), lines=[question, *more])


class RegisterScreen(QWidget):
    """Emits ``submitted(Registration)``; the controller registers and may call ``show_error``."""

    submitted = Signal(object)  # Registration
    cancelled = Signal()
    guest_chosen = Signal()  # "I do not agree, I will only practise"
    hear = Signal(object)  # list of lines to say (kiosk.ui.spoken)

    def __init__(self, tr: Tr, villages: Sequence[str], this_year: int) -> None:
        super().__init__()
        self._tr = tr
        self.setStyleSheet(PICKER_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(40, 16, 40, 16)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)

        self.consent = ConsentPage(tr)
        self.consent.guest_chosen.connect(self.guest_chosen)

        self.name_page = asking(tr, "register.name_question")
        self.name = NameEntry(tr, tr("register.name_placeholder"))
        self.name.submitted.connect(self._forward)
        self.name_page.body.addWidget(self.name, 1)

        self.year_page = asking(tr, "register.year_question", "register.year_hint")
        self.year = YearPicker(this_year - 100, this_year - 5, DEFAULT_BIRTH_YEAR)
        self.year_page.body.addStretch(1)
        self.year_page.body.addWidget(self.year)
        self.year_page.body.addWidget(label(tr("register.year_hint"), "muted", center=True))
        self.year_page.body.addStretch(1)

        self.village_page = asking(tr, "register.village_question")
        self.village = VillagePicker(tr, villages)
        self.village_page.body.addWidget(self.village, 1)

        self.group = GroupPage(tr)

        self.phone_page = asking(tr, "register.phone_question", "register.phone_lead")
        self.phone = DigitPad(tr, PHONE_DIGITS)
        self.phone_page.body.addWidget(label(tr("register.phone_lead"), "muted"))
        self.phone_page.body.addWidget(self.phone, 1)

        self.id_page = asking(tr, "register.citizen_id_question", "register.citizen_id_lead")
        self.citizen_id = DigitPad(tr, CITIZEN_ID_DIGITS, masked=True)
        self.id_page.body.addWidget(label(tr("register.citizen_id_lead"), "muted"))
        self.id_page.body.addWidget(self.citizen_id, 1)

        self.confirm = ConfirmPage(tr)
        self.confirm.edit_requested.connect(lambda name: self.go(FIELD_PAGES[name]))

        self.this_year = this_year
        for page in (
            self.consent,
            self.name_page,
            self.year_page,
            self.village_page,
            self.group,
            self.phone_page,
            self.id_page,
            self.confirm,
        ):
            page.back.connect(self._back)
            page.forward.connect(self._forward)
            page.hear.connect(self.hear)
            self.pages.addWidget(page)
        self.go(Page.CONSENT)

    # -- moving between pages ------------------------------------------------
    def page(self, which: Page) -> WizardPage:
        widget = self.pages.widget(which)
        assert isinstance(widget, WizardPage)
        return widget

    @property
    def current(self) -> Page:
        return Page(self.pages.currentIndex())

    def _shown_pages(self) -> list[Page]:
        consents = self.consent.consents()
        skip = set()
        if not consents[Purpose.PHONE]:
            skip.add(Page.PHONE)
        if not consents[Purpose.VNEID_CONFIRM]:
            skip.add(Page.CITIZEN_ID)
        return [p for p in Page if p not in skip]

    def go(self, which: Page, message: str = "") -> None:
        shown = self._shown_pages()
        if which not in shown:
            which = Page.CONSENT
        page = self.page(which)
        step = self._tr("register.step", n=shown.index(which) + 1, of=len(shown))
        page.step.setText(f"{self._tr('register.title')}  ·  {step}")
        page.show_message(message)
        if which is Page.CONFIRM:
            self.confirm.show_summary(self._answers(), self.consent.consents())
        self.pages.setCurrentIndex(which)
        if which is Page.NAME:
            self.name.edit.setFocus()
        self.hear.emit(self.spoken_lines())

    def spoken_lines(self) -> list[Spoken]:
        """What the page shown now says: its question, then its hints or choices."""
        return list(self.page(self.current).lines)

    def _back(self) -> None:
        shown = self._shown_pages()
        if self.current is Page.CONSENT:
            self.cancelled.emit()
            return
        self.go(shown[shown.index(self.current) - 1])

    def _forward(self) -> None:
        problem = self._check(self.current)
        if problem:
            self.page(self.current).show_message(self._tr(problem))
            self.hear.emit([problem])  # why "next" did nothing, for one who cannot read it
            return
        if self.current is Page.CONFIRM:
            self.submitted.emit(self.registration())
            return
        shown = self._shown_pages()
        self.go(shown[shown.index(self.current) + 1])

    # -- answers -------------------------------------------------------------
    def _check(self, page: Page) -> str | None:
        """The message key when this page's answer cannot be accepted yet."""
        if page is Page.CONSENT and not self.consent.consents()[Purpose.SLIP]:
            return "register.error.consent_slip"
        if page is Page.NAME and not learner_name_ok(self.name.text()):
            return "register.error.name"
        if page is Page.VILLAGE and self.village.value() is None:
            return "register.village_missing"
        if page is Page.GROUP and self.group.value() is None:
            return "register.error.group"
        phone = self.phone.value()
        if page is Page.PHONE and phone and not phone_ok(phone):
            return "register.error.phone"
        number = self.citizen_id.value()
        if page is Page.CITIZEN_ID and number:
            problem = check_citizen_id(number, self.year.value())
            if problem is not None:
                return f"register.error.citizen_id.{problem.value}"
        return None

    def _answers(self) -> dict[str, str | None]:
        reg = self.registration()
        return {
            "full_name": reg.full_name,
            "birth_year": str(reg.birth_year),
            "village": reg.village,
            "target_group": self._tr(f"group.{reg.target_group}") if reg.target_group else "",
            "phone": reg.phone,
            "citizen_id": masked_id(last_four(reg.citizen_id)) if reg.citizen_id else None,
        }

    def registration(self) -> Registration:
        consents = self.consent.consents()
        return Registration(
            full_name=clean_name(self.name.text()),
            birth_year=self.year.value(),
            village=self.village.value() or "",
            target_group=self.group.value() or "",
            consents=consents,
            phone=(self.phone.value() or None) if consents[Purpose.PHONE] else None,
            citizen_id=(self.citizen_id.value() or None)
            if consents[Purpose.VNEID_CONFIRM]
            else None,
        )

    def show_error(self, field: str, text: str) -> None:
        """Go to the page that asks for ``field`` and show ``text`` there."""
        self.go(FIELD_PAGES.get(field, Page.CONFIRM), text)
