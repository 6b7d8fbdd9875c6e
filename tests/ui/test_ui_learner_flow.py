"""A learner's whole path through the real controller: start, lessons, a lesson, a crash."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.app import create_window
from kiosk.content.answers import right_event
from kiosk.navigation import Screen
from kiosk.paths import DataPaths
from kiosk.services import build_services
from tests.conftest import COMMUNE


def test_guest_reaches_the_catalogue_and_a_lesson(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    qtbot.mouseClick(c.current_widget.action, Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.LEARNER_START
    c.current_widget.guest_chosen.emit()
    assert c.nav.current is Screen.CATALOGUE
    lessons = c.services.content().lessons
    assert lessons
    c.current_widget.lesson_chosen.emit(lessons[0].lesson.id)
    assert c.nav.current is Screen.LESSON
    player = c.current_widget
    assert player.session.is_guest


def test_registered_learner_signs_in_and_sees_done_lessons(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.learners.registry import Purpose, Registration

    c = window.controller
    c.show(Screen.LEARNER_START)
    c.show(Screen.REGISTER)
    c.current_widget.submitted.emit(
        Registration("Lò Thị Mẫu", 1980, "Bản Him Lam", "adults", {Purpose.SLIP: True})
    )
    assert c.nav.current is Screen.CATALOGUE
    assert c.learner_flow.learner is not None
    c.reset_to_welcome()
    assert c.learner_flow.learner is None
    c.show(Screen.LEARNER_START)
    c.show(Screen.SIGN_IN)
    c.current_widget.sign_in_requested.emit("lo thi mau", 1980, None)
    assert c.nav.current is Screen.CATALOGUE
    assert c.learner_flow.learner.full_name == "Lò Thị Mẫu"


def test_a_crash_mid_lesson_reopens_the_same_step(kiosk_qt, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    win = create_window(ready_services, kiosk_mode=False)
    qtbot.addWidget(win)
    c = win.controller
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    lesson_id = c.services.content().lessons[0].lesson.id
    c.learner_flow.open_lesson(lesson_id)
    player = c.current_widget
    run = player.session.attempt.run
    for _ in range(2):
        player.handle(right_event(run.current_step, run.screen))
    step_id = run.current_step.id
    # Power cut: no leave(), no save beyond what each finished step already wrote.
    win.controller.idle.stop()
    root = ready_services.paths.root
    ready_services.close()
    again = build_services(DataPaths(root))
    assert again.identity is not None and again.identity.commune_code == COMMUNE
    win2 = create_window(again, kiosk_mode=False)
    qtbot.addWidget(win2)
    c2 = win2.controller
    assert c2.nav.current is Screen.LESSON
    assert c2.current_widget.session.attempt.run.current_step.id == step_id
    win.allow_close = win2.allow_close = True
    again.close()
