"""Composition root: builds the services and the window, then runs Qt."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.paths import DataPaths, resources_dir
from kiosk.services import Services, start_services
from kiosk_records.files import private_file, private_folder

log = logging.getLogger("kiosk")


@dataclass(frozen=True)
class LaunchOptions:
    data_dir: Path
    windowed: bool = False
    demo: bool = False
    selftest: bool = False


def setup_logging(paths: DataPaths) -> None:
    """Log to a rotating file in the data folder, or to stderr if that fails."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        private_folder(paths.root)
        private_file(paths.log)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(fmt)
    root.addHandler(handler)


def create_window(services: Services, *, kiosk_mode: bool, demo: bool = False):  # type: ignore[no-untyped-def]
    """Build the window and its controller (used by the app, tests and screenshots)."""
    from kiosk.ui.controller import Controller
    from kiosk.ui.window import KioskWindow

    window = KioskWindow(kiosk_mode=kiosk_mode)
    window.controller = Controller(services, window)  # type: ignore[attr-defined]
    if demo:  # kiosk --demo: the attract loop stands in for the welcome screen
        window.controller.demo.start()  # type: ignore[attr-defined]
    if services.connected:  # else the app calls this after the first paint
        window.controller.database_opened()  # type: ignore[attr-defined]
    return window


def start_qt(text_size: str = "normal", high_contrast: bool = False):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kiosk.ui import theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Học Số")
    theme.load_fonts(resources_dir() / "fonts")
    theme.apply(app, text_size, high_contrast)  # settings re-apply it live (console)
    return app


def selftest(services: Services) -> int:
    """Database opened and migrated, welcome screen rendered offscreen."""
    if services.failure is not None:
        print(f"selftest FAILED: database {services.failure}", file=sys.stderr)
        return 2
    start_qt(services.settings.text_size, services.settings.high_contrast)
    window = create_window(services, kiosk_mode=False)
    window.resize(1366, 768)
    image = window.grab().toImage()
    if image.isNull() or image.width() < 1366:
        print("selftest FAILED: welcome screen did not render", file=sys.stderr)
        return 3
    print(
        f"selftest ok: database {services.paths.database}, welcome screen rendered "
        f"{image.width()}x{image.height()}"
    )
    return 0


# bench/startup.py sets this to its time.monotonic_ns() taken just before starting us.
FIRST_PAINT_ENV = "KIOSK_REPORT_FIRST_PAINT"


def after_first_paint(widget, callback, on_paint=None) -> None:  # type: ignore[no-untyped-def]
    """Run ``callback`` once ``widget`` has painted (and that paint reached the window).

    ``on_paint`` runs at the paint itself (the start-up benchmark reads the clock there).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatcher(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                if on_paint is not None:
                    on_paint()
                QTimer.singleShot(0, callback)
            return False

    widget.installEventFilter(PaintWatcher(widget))


def report_first_paint(app, screen) -> None:  # type: ignore[no-untyped-def]
    """Print ``first_paint_ms=N`` once ``screen`` has painted, then leave the event loop."""
    import time

    started = int(os.environ[FIRST_PAINT_ENV])
    painted: list[int] = []

    def done() -> None:
        print(f"first_paint_ms={(painted[0] - started) / 1e6:.1f}", flush=True)
        app.exit(0)  # not quit(): the kiosk window refuses the close that quit() asks for

    after_first_paint(screen, done, on_paint=lambda: painted.append(time.monotonic_ns()))


def run(options: LaunchOptions) -> int:
    paths = DataPaths(options.data_dir)
    if options.selftest:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    setup_logging(paths)
    services = start_services(paths)
    try:
        if options.selftest:
            services.connect()
            return selftest(services)
        app = start_qt(services.settings.text_size, services.settings.high_contrast)
        window = create_window(services, kiosk_mode=not options.windowed, demo=options.demo)
        window.controller.quit_requested.connect(app.quit)
        window.present()
        if FIRST_PAINT_ENV in os.environ:
            report_first_paint(app, window.controller.current_widget)
        if not services.connected and services.failure is None:

            def open_database() -> None:
                services.connect()
                window.controller.database_opened()

            # The welcome screen first, then the full database open (SQLAlchemy, checks).
            after_first_paint(window.controller.current_widget, open_database)
        log.info("kiosk started (data folder %s)", paths.root)
        return int(app.exec())
    finally:
        services.close()
