"""Small building blocks shared by screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QSizePolicy, QWidget


def label(text: str, name: str = "", *, wrap: bool = True, center: bool = False) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if center:
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def button(text: str, name: str = "", parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    if name:
        widget.setObjectName(name)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


def speaker_button(key: str, parent: QWidget | None = None) -> QPushButton:
    """A square loudspeaker button: tap to hear one text (``key``) without choosing it.

    Its object name is ``speaker`` and the spoken line's key is kept as the ``line``
    property, so screens connect it to ``Narrator.say`` and tests can find it.
    """
    from PySide6.QtCore import QSize

    from kiosk.ui import pictograms

    widget = QPushButton(parent)
    widget.setObjectName("speaker")
    widget.setProperty("line", key)
    widget.setIcon(pictograms.icon("speaker", 96))
    widget.setIconSize(QSize(40, 40))
    # Square at the theme's least touch height: the style sheet's min-height beats a fixed
    # 64 px, and a layout would then place the button shorter than it paints.
    widget.ensurePolished()
    side = max(64, widget.minimumHeight(), widget.minimumWidth())
    widget.setFixedSize(side, side)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setAccessibleName("Nghe")
    return widget


def ask_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """A folder chosen in Qt's own dialog (the same on Windows and in tests), or None.

    Qt's dialog, not the system's: it follows the kiosk's theme and stays inside the
    full-screen window.
    """
    folder = QFileDialog.getExistingDirectory(
        parent,
        title,
        str(start),
        QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
    )
    return Path(folder) if folder else None
