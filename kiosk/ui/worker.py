"""The one way slow work leaves the UI thread (render a slip, print, sync, export).

``run_in_background(fn, on_done, on_error)`` runs a plain function on Qt's thread
pool and calls back on the UI thread, like Anki's ``QueryOp``: the function must
not touch widgets; the callbacks may. A callback whose ``context`` widget was
destroyed meanwhile is dropped instead of touching a deleted object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the UI thread; signals emitted by the worker are queued to it."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        context: QObject | None,
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._context = context
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)

    def _alive(self) -> bool:
        return self._context is None or shiboken6.isValid(self._context)

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        _running.discard(self)
        if self._alive():
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        _running.discard(self)
        if not isinstance(exc, BaseException):
            return
        if self._on_error is not None and self._alive():
            self._on_error(exc)
        elif self._on_error is None:
            log.error("background task failed", exc_info=exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # reported on the UI thread, never lost
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


# Relays waiting for their worker: held here so Python keeps them alive until delivery.
_running: set[_Relay] = set()


def run_in_background(
    fn: Callable[[], object],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    context: QObject | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``fn()`` on a worker thread; ``on_done(result)`` or ``on_error(exc)`` on the UI thread.

    Call from the UI thread. ``context``: a widget the callbacks belong to; if it is
    gone when the work ends, the callbacks are skipped.
    """
    relay = _Relay(on_done, on_error, context)
    _running.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))


def busy() -> bool:
    """Whether any background work has not reported back yet (tests wait on this)."""
    return bool(_running)
