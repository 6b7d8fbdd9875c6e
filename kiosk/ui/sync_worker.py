"""Sends the hub outbox in the background: every few minutes and when staff ask.

Every push runs through `kiosk.ui.worker.run_in_background`, so the UI never waits
for the network. Nothing is kept here between runs: the outbox and the backoff are in
the database, so a restart simply carries on.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services import Services
from kiosk.ui.worker import run_in_background

log = logging.getLogger(__name__)

INTERVAL_MS = 3 * 60 * 1000
FIRST_CHECK_MS = 20 * 1000  # soon after start-up: records from before a restart go out


class SyncWorker(QObject):
    """Owns the timer; ``finished`` carries a PushReport, ``failed`` an exception."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.sync(force=False))

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, lambda: self.sync(force=False))

    def stop(self) -> None:
        self.timer.stop()

    def sync(self, force: bool = True) -> bool:
        """Push now (``force``: even inside the backoff); False if one is running already."""
        if self.busy or self.services.database is None or self.services.identity is None:
            return False
        self.busy = True
        job = _PushJob(self.services, force)
        run_in_background(job.run, self._done, self._failed, context=self)
        return True

    def _done(self, report: object) -> None:
        self.busy = False
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        log.error("sync failed", exc_info=exc)
        self.failed.emit(exc)


class _PushJob:
    """The background part: plain Python, no widgets."""

    def __init__(self, services: Services, force: bool) -> None:
        self.services = services
        self.force = force
        self.paths_root: Path = services.paths.root

    def run(self) -> object:
        from kiosk.sync.push import is_due, push_once

        database = self.services.db
        now = self.services.clock()
        if not self.force and not is_due(database, now):
            return None
        from kiosk.slips.local import kiosk_key

        self._queue_missing(now)
        report = push_once(database, None, now, key=kiosk_key(self.paths_root))
        if report.ok:  # records first; voice packs only after they went out
            self._fetch_voices()
        return report

    def _fetch_voices(self) -> None:
        """New voice packs from the hub (setting ``voice_downloads``); problems are logged."""
        from kiosk.sync.ops import fetch_voices
        from kiosk.voices.ops import voice_lines

        fetched = fetch_voices(
            self.services.db, self.paths_root, lambda: voice_lines(self.services)
        )
        for message in fetched.messages if fetched else ():
            log.warning("%s", message)

    def _queue_missing(self, now: datetime) -> None:
        """Completions saved without a record (no key at the time): sign and queue them."""
        from kiosk.sync.ops import queue_missing

        s = self.services
        queue_missing(s.db, self.paths_root, s.content(), s.vault(), now)
