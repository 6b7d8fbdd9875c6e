"""The staff console: today, learners (and registering one for them), reports, the
audit log. Its screens and menu items are declared in ``kiosk.ui.flows.FLOWS``; what
staff do is answered by the core's operations (``kiosk.staff.ops``).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.navigation import Screen
from kiosk.ui.widgets import ask_folder

if TYPE_CHECKING:
    from kiosk.learners.registry import Registration
    from kiosk.staff.reports import Report
    from kiosk.ui.flows.api import FlowHost
    from kiosk.ui.screens.register import RegisterScreen
    from kiosk.ui.screens.staff.learners import LearnersScreen
    from kiosk.ui.screens.staff.reports import ReportsScreen

log = logging.getLogger(__name__)
REPORT_FOLDER = "bao-cao"


class ConsoleFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.learner_id: uuid.UUID | None = None  # the learner whose page was open
        self.report_folder = controller.services.paths.root / REPORT_FOLDER
        self.report: Report | None = None
        controller.on_screen_changed(self._screen_changed)

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {
            Screen.STAFF_TODAY: self._build_today,
            Screen.STAFF_LEARNERS: self._build_learners,
            Screen.STAFF_REPORTS: self._build_reports,
            Screen.STAFF_AUDIT: self._build_audit,
            Screen.STAFF_REGISTER: self._build_register,
        }

    @property
    def actor(self) -> str:
        return self.c.visit.actor

    def _screen_changed(self, target: Screen) -> None:
        if target not in (Screen.STAFF_REGISTER, Screen.STAFF_LEARNERS):
            self.learner_id = None

    # -- today -----------------------------------------------------------------------
    def _build_today(self) -> QWidget:
        from kiosk.staff.ops import today
        from kiosk.ui.screens.staff.today import TodayScreen

        c = self.c
        counts = today(c.services)
        targets = {
            "console.menu.learners": Screen.STAFF_LEARNERS,
            "console.menu.reports": Screen.STAFF_REPORTS,
            "slips.menu_item": Screen.STAFF_SLIPS,
        }
        screen = TodayScreen(c.t, counts, list(targets))
        screen.action_chosen.connect(lambda key: c.show(targets[key]))
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        return screen

    # -- learners --------------------------------------------------------------------
    def _build_learners(self) -> QWidget:
        from kiosk.ui.screens.staff.learners import LearnersScreen

        c = self.c
        screen = LearnersScreen(c.t)
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        screen.search_changed.connect(lambda text: self._search(screen, text))
        screen.learner_opened.connect(lambda lid: self._open_learner(screen, lid))
        screen.rename_requested.connect(lambda lid, name: self._rename(screen, lid, name))
        screen.register_requested.connect(lambda: c.show(Screen.STAFF_REGISTER))
        if self.learner_id is not None:
            self._open_learner(screen, self.learner_id)
        return screen

    def _search(self, screen: LearnersScreen, text: str) -> None:
        from kiosk.staff.ops import find_learners

        screen.show_results(find_learners(self.c.services, text))

    def _open_learner(self, screen: LearnersScreen, learner_id: uuid.UUID) -> None:
        from kiosk.staff.ops import learner_page

        try:
            found = learner_page(self.c.services, learner_id)
        except LookupError:
            screen.show_message(self.c.t("learners.error.missing"), error=True)
            return
        self.learner_id = learner_id
        screen.show_detail(found)

    def _rename(self, screen: LearnersScreen, learner_id: uuid.UUID, name: str) -> None:
        from kiosk.staff.learners import RenameError
        from kiosk.staff.ops import rename_learner

        c = self.c
        try:
            row = rename_learner(c.services, learner_id, name, self.actor)
        except RenameError as exc:
            screen.show_message(c.t(exc.key), error=True)
            return
        self._open_learner(screen, learner_id)
        screen.show_message(c.t("learners.renamed", name=row.full_name))
        if screen.search.text().strip():
            self._search(screen, screen.search.text())

    def _build_register(self) -> QWidget:
        """The register wizard for staff registering someone: it returns to the console."""
        from kiosk.ui.screens.register import RegisterScreen

        s = self.c.services
        screen = RegisterScreen(self.c.t, s.settings.villages, s.clock().year)
        screen.submitted.connect(lambda reg: self._registered(screen, reg))
        screen.cancelled.connect(lambda: self.c.show(Screen.STAFF_LEARNERS))
        screen.guest_chosen.connect(lambda: self.c.show(Screen.STAFF_LEARNERS))
        return screen

    def _registered(self, screen: RegisterScreen, registration: Registration) -> None:
        from kiosk.learners.ops import register_learner
        from kiosk.learners.registry import RegistrationError

        c = self.c
        try:
            view = register_learner(c.services, registration, staff=self.actor)
        except RegistrationError as exc:
            screen.show_error(exc.field, c.t(exc.key))
            return
        self.learner_id = view.id
        c.show(Screen.STAFF_LEARNERS)
        from kiosk.ui.screens.staff.learners import LearnersScreen

        learners = c.current_widget
        if isinstance(learners, LearnersScreen):
            learners.show_message(c.t("learners.registered_by_staff", name=view.full_name))

    # -- reports ---------------------------------------------------------------------
    def _build_reports(self) -> QWidget:
        from kiosk.ui.screens.staff.reports import ReportsScreen

        c = self.c
        screen = ReportsScreen(c.t, c.services.settings.high_contrast)
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        screen.options_changed.connect(lambda *_: self._refresh_report(screen))
        screen.export_requested.connect(lambda kind: self._export(screen, kind))
        screen.choose_folder_requested.connect(lambda: self._choose_folder(screen))
        screen.show_destination(c.t("reports.folder", path=str(self.report_folder)))
        self._refresh_report(screen)
        return screen

    def _refresh_report(self, screen: ReportsScreen) -> None:
        from kiosk.staff.ops import report

        range_key, period, grouping = screen.options()
        self.report = report(self.c.services, range_key, period, grouping, self.c.t)
        screen.show_report(self.report)

    def _export(self, screen: ReportsScreen, kind: str) -> None:
        from kiosk.staff.reports import export_csv, export_pdf
        from kiosk.ui.worker import run_in_background

        report, folder, tr = self.report, self.report_folder, self.c.t
        if report is None:
            return
        place = self.c.services.place_label() or ""

        def work() -> Path:
            if kind == "csv":
                return export_csv(report, tr, folder)
            return export_pdf(report, tr, folder, place)

        screen.set_busy(True)
        screen.show_message(tr("reports.exporting"))
        run_in_background(
            work,
            lambda path: self._exported(screen, report, path),
            lambda exc: self._export_failed(screen, exc),
            context=screen,
        )

    def _exported(self, screen: ReportsScreen, report: Report, path: Path) -> None:
        from kiosk.staff.ops import note_export

        note_export(self.c.services, self.actor, path, report)
        screen.set_busy(False)
        screen.show_message(self.c.t("reports.exported", path=str(path)))

    def _export_failed(self, screen: ReportsScreen, exc: BaseException) -> None:
        log.error("report export failed", exc_info=exc)
        screen.set_busy(False)
        screen.show_message(self.c.t("reports.export_failed", reason=str(exc)), error=True)

    def _choose_folder(self, screen: ReportsScreen) -> None:
        folder = ask_folder(screen, self.c.t("printing.choose_folder"), self.report_folder)
        if folder is not None:
            self.report_folder = folder
            screen.show_destination(self.c.t("reports.folder", path=str(folder)))

    # -- audit log -------------------------------------------------------------------
    def _build_audit(self) -> QWidget:
        from kiosk.staff.ops import audit_log
        from kiosk.ui.screens.staff.audit import AuditScreen

        c = self.c
        screen = AuditScreen(c.t, audit_log(c.services, c.t))
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        return screen
