"""The staff "Đồng bộ" (sync) screen and the background sender, joined to the staff menu.

Enrolment, pushes and USB exports use the network or the disk, so each runs through
`kiosk.ui.worker.run_in_background`; the screen only shows plain status lines.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.formatting import time_and_day
from kiosk.navigation import Screen
from kiosk.ui.screens.staff.sync import SyncScreen
from kiosk.ui.sync_worker import SyncWorker
from kiosk.ui.widgets import ask_folder
from kiosk.ui.worker import run_in_background

if TYPE_CHECKING:
    from kiosk.sync.push import PushReport
    from kiosk.sync.status import SyncStatus
    from kiosk.ui.flows.api import FlowHost

log = logging.getLogger(__name__)


class SyncFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.worker = SyncWorker(controller.services, controller.qt_parent)
        self.worker.finished.connect(self._pushed)
        self.worker.failed.connect(lambda exc: self._note("sync.error.other", True, detail=exc))
        self.choose_folder: Callable[[QWidget], Path | None] = self._ask_folder
        self.worker.start()

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {Screen.STAFF_SYNC: self._build}

    @property
    def screen(self) -> SyncScreen | None:
        widget = self.c.current_widget
        return widget if isinstance(widget, SyncScreen) else None

    def _build(self) -> QWidget:
        screen = SyncScreen(self.c.t)
        screen.back_requested.connect(lambda: self.c.show(Screen.STAFF_MENU))
        screen.sync_requested.connect(self.sync_now)
        screen.export_requested.connect(self.export)
        screen.profile_requested.connect(self.import_profile)
        screen.enroll_requested.connect(self.enroll)
        self._refresh(screen)
        return screen

    # -- status ------------------------------------------------------------------
    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return self.c.t("sync.never")
        return time_and_day(moment)

    def status_lines(self, status: SyncStatus) -> list[tuple[str, bool]]:
        t = self.c.t
        lines: list[tuple[str, bool]] = []
        if status.enrolled:
            lines.append((t("sync.hub", url=status.hub_url), False))
        else:
            lines.append((t("sync.error.not_enrolled"), True))
        lines.append((t("sync.last_sync", when=self._when(status.last_success_at)), False))
        lines.append((t("sync.waiting", count=status.waiting), False))
        if status.refused:
            lines.append((t("sync.refused", count=status.refused), True))
        if status.error_kind == "unreachable":
            when = self._when(status.next_attempt_at)
            lines.append((t("sync.error.unreachable", when=when), True))
        elif status.error_kind == "refused":
            lines.append((t("sync.error.refused", detail=status.error_detail), True))
        elif status.error_detail and status.error_kind != "not_enrolled":
            lines.append((t("sync.error.other", detail=status.error_detail), True))
        return lines

    def _refresh(self, screen: SyncScreen | None = None) -> None:
        from kiosk.sync.status import read_status

        screen = screen or self.screen
        database = self.c.services.database
        if screen is None or database is None:
            return
        status = read_status(database)
        screen.show_status(self.status_lines(status), status.hub_url)

    def _note(self, key: str, error: bool = False, **values: object) -> None:
        screen = self.screen
        if screen is not None:
            screen.set_busy(False)
            screen.show_message(self.c.t(key, **values), error)
            self._refresh(screen)

    # -- send now ------------------------------------------------------------------
    def sync_now(self) -> None:
        screen = self.screen
        if not self.worker.sync(force=True):
            return
        if screen is not None:
            screen.set_busy(True)
            screen.show_message(self.c.t("sync.sending"))

    def _pushed(self, report: PushReport | None) -> None:
        if report is None:
            self._refresh()
        elif report.error is None:
            key = "sync.sent" if report.sent else "sync.nothing"
            self._note(key, count=report.acked)
        else:
            self._note("sync.not_sent", True, count=report.waiting)

    # -- enrolment ---------------------------------------------------------------
    def enroll(self, hub_url: str, code: str) -> None:
        from kiosk.slips.local import kiosk_key
        from kiosk.sync.client import normalise_hub_url
        from kiosk.sync.enroll import enroll, save_trust_list

        screen = self.screen
        s = self.c.services
        if screen is None or s.database is None:
            return
        if not hub_url.strip() or not code.strip():
            screen.show_message(self.c.t("sync.error.fields_empty"), error=True)
            return
        try:
            normalise_hub_url(hub_url)
        except ValueError:
            screen.show_message(self.c.t("sync.error.bad_address"), error=True)
            return
        database, root, now = s.database, s.paths.root, s.clock()

        def work() -> object:
            result = enroll(database, hub_url, code, kiosk_key(root), now)
            if result.trust_list is not None:
                save_trust_list(root, result.trust_list)
            return result

        screen.set_busy(True)
        screen.show_message(self.c.t("sync.enrolling"))
        run_in_background(work, self._enrolled, self._enroll_failed)

    def _enrolled(self, result: object) -> None:
        from kiosk.sync.enroll import Enrolment
        from kiosk_records.request_signing import hub_key_fingerprint

        assert isinstance(result, Enrolment)
        self._note("sync.enrolled", fingerprint=hub_key_fingerprint(result.hub_public_key))

    def _enroll_failed(self, exc: BaseException) -> None:
        from kiosk.sync.client import HubRefused, HubUnavailable

        if isinstance(exc, HubRefused):
            self._note("sync.error.enrol_refused", True, detail=exc.detail)
        elif isinstance(exc, HubUnavailable):
            self._note("sync.error.enrol_unreachable", True)
        else:
            log.error("enrolment failed", exc_info=exc)
            self._note("sync.error.other", True, detail=str(exc))

    # -- USB -----------------------------------------------------------------------
    def _ask_folder(self, parent: QWidget) -> Path | None:
        start = next((p for p in (Path("/media"), Path("/run/media")) if p.is_dir()), Path.home())
        return ask_folder(parent, self.c.t("sync.choose_folder"), start)

    def import_profile(self) -> None:
        from kiosk.sync.ops import import_profile
        from kiosk.sync.profile import ProfileError

        screen = self.screen
        database = self.c.services.database
        if screen is None or database is None:
            return
        folder = self.choose_folder(screen)
        if folder is None:
            return
        try:
            profile, _learnt = import_profile(database, folder, self.c.services.clock())
        except ProfileError as exc:
            log.warning("province profile refused: %s", exc)
            self._note(f"sync.profile_error.{exc.code}", True)
            return
        if not screen.hub_field.text().strip():
            screen.hub_field.setText(profile.hub_url)
        self._note("sync.profile_taken", hub=profile.hub_url, fingerprint=profile.fingerprint)

    def export(self) -> None:
        from kiosk.sync.ops import export_usb

        screen = self.screen
        s = self.c.services
        database = s.database
        if screen is None or database is None:
            return
        folder = self.choose_folder(screen)
        if folder is None:
            return
        root, content, vault, now = s.paths.root, s.content(), s.vault(), s.clock()
        screen.set_busy(True)
        run_in_background(
            lambda: export_usb(database, root, content, vault, folder, now),
            lambda info: self._note("sync.exported", count=info.count, path=str(info.path)),
            lambda exc: self._note("sync.error.export", True, detail=str(exc)),
        )
