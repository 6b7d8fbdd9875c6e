"""The kiosk window: full screen, frameless, on top; it cannot be closed by users."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget


class KioskWindow(QMainWindow):
    def __init__(self, *, kiosk_mode: bool) -> None:
        super().__init__()
        self.kiosk_mode = kiosk_mode
        self.allow_close = not kiosk_mode
        self.setWindowTitle("Học Số")
        if kiosk_mode:
            self.setWindowFlags(
                Qt.WindowType.Window
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.overlays: list[QWidget] = []

    def present(self) -> None:
        if self.kiosk_mode:
            # Some window managers ignore the full-screen request of a frameless window:
            # take the whole screen's geometry first, then ask for full screen.
            screen = self.screen()
            if screen is not None:
                self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(1366, 768)
            self.show()

    def close_for_real(self) -> None:
        self.allow_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4 and the window manager's close button land here too.
        if self.allow_close:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.kiosk_mode and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4):
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in self.overlays:
            if overlay.isVisible():
                overlay.setGeometry(self.rect())
