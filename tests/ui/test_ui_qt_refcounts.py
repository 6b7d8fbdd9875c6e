"""Guard against Qt bindings that lose references to Python's singletons.

PySide6 6.12 under Python 3.11 returned None from every void method without counting
the reference: each setEnabled()/setVisible()/processEvents() took one away from None
until Python aborted ("none_dealloc") — in a kiosk that runs all day, within hours.
pyproject.toml keeps PySide6 below 6.12; this test fails if an upgrade brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QPushButton

CALLS = 500


def test_void_calls_keep_none_and_bools_alive(kiosk_qt, qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QPushButton("x")
    qtbot.addWidget(widget)
    widget.show()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for i in range(CALLS):
        widget.setEnabled(True)
        widget.setVisible(True)
        widget.setText(str(i % 10))
        widget.isVisible()
        QApplication.processEvents()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    lost = [b - a for a, b in zip(after, before, strict=True)]
    assert max(lost) < CALLS // 10, f"references lost to None/True/False: {lost}"
