"""VietQR for real stalls: the staff menu item, and saving or printing posters.

The form check and the poster live in the core (``kiosk.vietqr.form``); this flow
checks the form once per change, puts the problem and the read-back into words, and
renders each poster once on a worker.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.formatting import money
from kiosk.navigation import Screen
from kiosk.ui.widgets import ask_folder
from kiosk.ui.worker import run_in_background
from kiosk.vietqr.banks import banks
from kiosk.vietqr.form import (
    FormProblem,
    PosterSize,
    QrCheck,
    QrForm,
    check_form,
    poster_file_name,
    poster_pdf,
    poster_problem,
)
from kiosk_records.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.ui.flows.api import FlowHost
    from kiosk.ui.screens.staff.vietqr import VietQRScreen

log = logging.getLogger(__name__)


def bank_choices() -> list[tuple[str, str]]:
    """(BIN, name) of the shipped banks, by name."""
    return sorted(banks().items(), key=lambda item: item[1].lower())


def say(tr: Callable[..., str], problem: FormProblem) -> str:
    return tr(problem.key, **problem.values)


def read_back_lines(tr: Callable[..., str], check: QrCheck) -> list[str]:
    """What the code says when read back, line by line, for staff to compare."""
    back = check.read_back
    if back is None:
        return []
    lines = [
        tr("vietqr.back.bank", bank=back.bank or back.bin, bin=back.bin),
        tr("vietqr.back.account", account=back.account),
        tr("vietqr.back.amount", amount=money(back.amount))
        if back.amount is not None
        else tr("vietqr.back.no_amount"),
    ]
    if back.purpose:
        lines.append(tr("vietqr.back.purpose", purpose=back.purpose))
    if back.bill:
        lines.append(tr("vietqr.back.bill", bill=back.bill))
    return lines


class VietQRFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.screen: VietQRScreen | None = None
        self.check: QrCheck | None = None
        self.form: QrForm | None = None
        self.folder = controller.services.paths.root / "posters"

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {Screen.STAFF_VIETQR: self._build}

    def _build(self) -> QWidget:
        from kiosk.ui.printing import choose_printer
        from kiosk.ui.screens.staff.vietqr import VietQRScreen

        t = self.c.t
        printer = choose_printer(self.c.services.settings.printer)
        screen = VietQRScreen(t, bank_choices(), printer)
        screen.back_requested.connect(lambda: self.c.show(Screen.STAFF_MENU))
        screen.form_changed.connect(self.update)
        screen.save_requested.connect(self.save)
        screen.print_requested.connect(self.print_poster)
        screen.choose_folder_requested.connect(self._choose_folder)
        screen.show_folder(str(self.folder))
        self.screen, self.check, self.form = screen, None, None
        self.update(screen.form())
        return screen

    def update(self, form: QrForm) -> None:
        """The one check of the form, on every change; saving and printing reuse it."""
        self.form = form
        self.check = check_form(form)
        if self.screen is not None:
            t, check = self.c.t, self.check
            error = say(t, check.problem) if check.problem else None
            self.screen.show_check(check, error, read_back_lines(t, check))

    def _ready(self) -> tuple[VietQRScreen, QrForm, QrCheck] | None:
        """The screen, form and check when a poster can be made; else say why."""
        screen, check, form = self.screen, self.check, self.form
        if screen is None or check is None or form is None:
            return None
        problem = poster_problem(form, check)
        if problem is not None:
            screen.show_message(say(self.c.t, problem), error=True)
            return None
        return screen, form, check

    def save(self, size: PosterSize) -> None:
        ready = self._ready()
        if ready is None:
            return
        screen, form, check = ready
        path = self.folder / poster_file_name(form.shop, size)
        screen.show_message(self.c.t("vietqr.saving"))
        run_in_background(
            lambda: write_atomic(path, poster_pdf(form, check, size)),
            lambda _: self._saved(form, path, size),
            self._failed,
            context=screen,
        )

    def _saved(self, form: QrForm, path: Path, size: str) -> None:
        from kiosk.staff.ops import note_poster

        note_poster(self.c.services, form.bin, size)
        if self.screen is not None:
            self.screen.show_message(self.c.t("vietqr.saved", path=str(path)))

    def print_poster(self, size: PosterSize) -> None:
        from kiosk.ui.printing import SystemPrinter, choose_printer

        ready = self._ready()
        if ready is None:
            return
        screen, form, check = ready
        name = choose_printer(self.c.services.settings.printer)
        if name is None:
            screen.show_message(self.c.t("vietqr.no_printer"), error=True)
            return

        def work() -> None:
            SystemPrinter(name).send(
                poster_pdf(form, check, size), poster_file_name(form.shop, size)
            )

        screen.show_message(self.c.t("printing.sending"))
        run_in_background(
            work, lambda _: screen.show_message(self.c.t("vietqr.printed", name=name)),
            self._failed, context=screen,
        )  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        log.warning("vietqr poster: %s", exc)
        if self.screen is not None:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.screen.show_message(self.c.t("vietqr.failed", reason=reason), error=True)

    def _choose_folder(self) -> None:
        folder = ask_folder(self.screen, self.c.t("printing.choose_folder"), self.folder)
        if folder is not None:
            self.folder = folder
            if self.screen is not None:
                self.screen.show_folder(str(folder))
