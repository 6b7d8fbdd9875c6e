"""Wires the staff slips screen to the core: issue, print (off the UI thread), verify.

Kept out of the controller so that file stays about switching screens; the
controller builds one ``SlipsDesk`` per visit of the screen.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.formatting import day, serial, serials
from kiosk.services import Services
from kiosk.slips import ops
from kiosk.slips.issue import SlipError
from kiosk.slips.local import local_trust
from kiosk.slips.printing import (
    FolderSink,
    PrintOutcome,
    PrintSink,
    print_slips,
    printer_test_page,
    titles_by_code,
)
from kiosk.ui.printing import SystemPrinter, choose_printer, printer_names
from kiosk.ui.screens.staff.slips import SlipsScreen
from kiosk.ui.worker import run_in_background
from kiosk_records.codec import Failure, verify

if TYPE_CHECKING:
    from collections.abc import Callable

PDF_FOLDER = "phieu-pdf"


class SlipsDesk:
    def __init__(self, services: Services, screen: SlipsScreen, tr: Callable[..., str]) -> None:
        self.services = services
        self.screen = screen
        self.t = tr
        self.pdf_folder = services.paths.root / PDF_FOLDER
        screen.issue_requested.connect(self.issue)
        screen.print_requested.connect(self.print_many)
        screen.reprint_requested.connect(lambda slip_id: self.print_many([slip_id]))
        screen.verify_requested.connect(self.verify)
        screen.test_page_requested.connect(self.test_page)
        self.refresh()
        self.show_destination()
        screen.focus_verify()

    # -- data ------------------------------------------------------------------
    def refresh(self) -> None:
        self.screen.show_state(ops.desk(self.services))

    def sink(self) -> PrintSink | None:
        """The chosen printer; a PDF folder when the system has no printer; None if the
        chosen printer is gone (staff must pick another in settings)."""
        chosen = choose_printer(self.services.settings.printer)
        if chosen is not None:
            return SystemPrinter(chosen)
        if not printer_names():
            return FolderSink(self.pdf_folder)
        return None

    def show_destination(self) -> None:
        sink = self.sink()
        if isinstance(sink, SystemPrinter):
            self.screen.show_destination(self.t("printing.to_printer", name=sink.name), False)
        elif isinstance(sink, FolderSink):
            self.screen.show_destination(self.t("printing.to_folder", path=str(sink.folder)), True)
        else:
            self.screen.show_destination(
                self.t("printing.printer_gone", name=self.services.settings.printer), False
            )

    def set_pdf_folder(self, folder: Path) -> None:
        self.pdf_folder = folder
        self.show_destination()

    # -- actions -------------------------------------------------------------
    def issue(self, learner_id: uuid.UUID) -> None:
        try:
            info = ops.issue(self.services, learner_id)
        except SlipError as exc:
            self.screen.show_message(self.t(exc.key), error=True)
            return
        self.screen.show_message(self.t("slips.issued", serial=serial(info.serial)))
        self.refresh()

    def print_many(self, slip_ids: list[uuid.UUID]) -> None:
        sink = self.sink()
        if sink is None:
            self.screen.show_message(
                self.t("printing.printer_gone", name=self.services.settings.printer), error=True
            )
            return
        db, context, now = self.services.db, ops.slip_context(self.services), self.services.clock
        self.screen.set_busy(True)
        self.screen.show_message(self.t("printing.sending"))
        run_in_background(
            lambda: print_slips(db, slip_ids, context, sink, now),
            self._printed,
            self._print_crashed,
            context=self.screen,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.screen.set_busy(False)
        done = serials(outcome.serials)
        if outcome.ok:
            self.screen.show_message(self.t("printing.done", serials=done))
        else:
            self.screen.show_message(
                self.t("printing.failed", serials=done, reason=outcome.error or ""), error=True
            )
        self.refresh()

    def _print_crashed(self, exc: BaseException) -> None:
        self.screen.set_busy(False)
        self.screen.show_message(self.t("printing.failed", serials="", reason=str(exc)), error=True)
        self.refresh()

    def test_page(self) -> None:
        sink = self.sink()
        if sink is None:
            self.show_destination()
            return
        context, today = ops.slip_context(self.services), self.services.clock()
        self.screen.set_busy(True)

        def work() -> None:
            sink.send(printer_test_page(context, today), "trang-in-thu")

        def done(_result: object) -> None:
            self.screen.set_busy(False)
            self.screen.show_message(self.t("printing.test_page_sent"))

        def failed(exc: BaseException) -> None:
            self.screen.set_busy(False)
            self.screen.show_message(
                self.t("printing.failed", serials="", reason=str(exc)), error=True
            )

        run_in_background(work, done, failed, context=self.screen)

    def verify(self, text: str) -> None:
        result = verify(text, local_trust(self.services.paths.root))
        if result.record is None or result.failure is not None:
            failure = result.failure or Failure.MALFORMED
            self.screen.show_verdict(False, self.t(f"slips.verify.{failure.value}"))
            return
        r = result.record
        titles = titles_by_code(ops.slip_lessons(self.services))
        lessons = "; ".join(titles.get(x.lesson_code, f"#{x.lesson_code}") for x in r.lessons)
        own = self.services.identity is not None and r.kiosk_id == self.services.identity.kiosk_id
        where = self.t("slips.verify.this_kiosk" if own else "slips.verify.other_kiosk")
        self.screen.show_verdict(
            True,
            self.t(
                "slips.verify.genuine",
                serial=serial(r.serial),
                name=r.learner_name,
                year=r.birth_year,
                date=day(r.completed_on),
                where=where,
            )
            + "\n"
            + lessons,
        )
