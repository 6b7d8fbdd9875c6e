"""Every screen: touch targets at least 48 px, text at least 20 px (issue: kiosk shell)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.navigation import Screen

MIN_TARGET_PX = 48
MIN_TEXT_PX = 20


def visible(widget: QWidget, kind: type) -> list:  # type: ignore[type-arg]
    return [w for w in widget.findChildren(kind) if w.isVisibleTo(widget)]


@pytest.mark.parametrize("screen", [s for s in Screen if s is not Screen.DATABASE_ERROR])
def test_targets_and_text_are_big_enough(window, qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.learner_flow.lesson_id = c.services.content().lessons[0].lesson.id
    widget = c.builders[screen]()
    window.stack.addWidget(widget)
    window.stack.setCurrentWidget(widget)
    qtbot.wait(10)
    small_buttons = [
        (b.objectName() or b.text(), b.width(), b.height())
        for b in visible(widget, QAbstractButton)
        if min(b.width(), b.height()) < MIN_TARGET_PX
    ]
    assert small_buttons == []
    small_text = [
        (label.text()[:30], QFontInfo(label.font()).pixelSize())
        for label in visible(widget, QLabel)
        if label.text().strip() and QFontInfo(label.font()).pixelSize() < MIN_TEXT_PX
    ]
    assert visible(widget, QLabel)  # the check looked at something
    assert small_text == []
