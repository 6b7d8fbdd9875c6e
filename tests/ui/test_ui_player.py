"""The lesson player driven like a learner: real taps, drags and on-screen key presses."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.content.loader import load_packs
from kiosk.content.schema import TapStep
from kiosk.db.base import utcnow
from kiosk.learning import progress
from kiosk.learning.session import LessonSession
from kiosk.ui.audio import Narrator
from kiosk.ui.screens.lesson_player import LessonPlayerScreen
from tests.helpers.player_driver import LEFT, element, go_on, play_step

PACKS = load_packs()
LESSON_IDS = [entry.lesson.id for entry in PACKS.lessons]


class Clock:
    """The session's monotonic clock, moved by the test."""

    def __init__(self) -> None:
        self.ms = 0

    def __call__(self) -> int:
        self.ms += 10
        return self.ms


def start_session(services, lesson_id: str, clock: Clock) -> LessonSession:  # type: ignore[no-untyped-def]
    loaded = PACKS.lesson(lesson_id)
    kiosk = services.identity.kiosk_id
    with services.database.transaction() as s:
        attempt = progress.start_or_resume(s, kiosk, None, loaded.lesson, utcnow(), clock())
    return LessonSession(services.database, attempt, loaded, utcnow, clock)


@pytest.fixture
def open_player(kiosk_qt, qtbot, ready_services):  # type: ignore[no-untyped-def]
    def tr(key: str, **values: object) -> str:
        return ready_services.catalogue.text("vi", key, **values)

    def make(lesson_id: str, session: LessonSession | None = None, clock: Clock | None = None):  # type: ignore[no-untyped-def]
        clock = clock or Clock()
        session = session or start_session(ready_services, lesson_id, clock)
        player = LessonPlayerScreen(tr, session, "vi", Narrator(tts_engines=()))
        qtbot.addWidget(player)
        player.resize(1366, 768)
        player.show()
        qtbot.waitExposed(player)
        return player

    return make


def advance_to(qtbot, player, wanted) -> None:  # type: ignore[no-untyped-def]
    """Play right answers until the current step satisfies ``wanted``."""
    while not wanted(player.view.step):
        assert not player.session.finished, "no such step"
        play_step(qtbot, player)


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_a_learner_plays_each_builtin_lesson_to_a_pass(open_player, qtbot, lesson_id) -> None:  # type: ignore[no-untyped-def]
    player = open_player(lesson_id)
    results = []
    player.finished.connect(results.append)
    steps = len(player.session.lesson.steps)
    for _ in range(steps):
        if player.session.finished:
            break
        before = player.view.index
        play_step(qtbot, player)
        assert player.session.finished or player.view.index == before + 1, player.view.step.id
    assert player.session.finished
    assert player.pages.currentWidget() is player.result_view
    assert player.result_view.passed and "Chúc mừng" in player.result_view.title.text()
    assert len(results) == 1 and results[0].passed


def test_wrong_taps_get_gentle_feedback_then_the_target_is_ringed(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("vneid-activate-practice")
    advance_to(qtbot, player, lambda s: isinstance(s, TapStep) and s.target.startswith("app-"))
    step = player.view.step
    wrong = next(
        e.id for e in player.view.screen.elements if e.id != step.target and e.type == "button"
    )
    qtbot.mouseClick(element(player, wrong), LEFT)
    assert player.feedback.kind == "wrong" and player.feedback.text.text()
    assert player.view.step.id == step.id
    for _ in range(step.highlight_after - 1):
        qtbot.mouseClick(element(player, wrong), LEFT)
    assert player.phone.highlighted == step.target
    qtbot.mouseClick(element(player, step.target), LEFT)
    # the tick shows on the finished step, under a sheet: a touch goes on
    assert player.pausing and player.view.step.id == step.id and player.feedback.kind == "right"
    go_on(qtbot, player)
    assert player.view.step.id != step.id and player.phone.highlighted is None
    assert not player.feedback.isVisible() and player.feedback.text.text() == ""


def test_hint_button_shows_the_steps_hints_then_rings_the_target(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("vneid-activate-practice")
    advance_to(qtbot, player, lambda s: isinstance(s, TapStep))
    step = player.view.step
    assert not player.hint.isVisible()
    for hint in step.hints:
        qtbot.mouseClick(player.hint_button, LEFT)
        assert player.hint.isVisible() and player.hint.text() == hint.text.text("vi")
    qtbot.mouseClick(player.hint_button, LEFT)
    assert "viền vàng" in player.hint.text()
    assert player.phone.highlighted == step.target
    # the hints asked for are the learner's record's: saved with the step
    qtbot.mouseClick(element(player, step.target), LEFT)
    index = [s.id for s in player.session.attempt.run.lesson.steps].index(step.id)
    assert player.session.attempt.run.records[index].hints_used == len(step.hints)


def test_a_hint_that_waits_for_time_appears_on_the_timer(
    open_player, qtbot, ready_services
) -> None:  # type: ignore[no-untyped-def]
    timed = [
        (entry.lesson.id, step.id)
        for entry in PACKS.lessons
        for step in entry.lesson.steps
        if step.hints and step.hints[0].after_seconds
    ]
    assert timed, "no built-in step has a timed hint"
    lesson_id, step_id = timed[0]
    clock = Clock()
    player = open_player(lesson_id, clock=clock)
    advance_to(qtbot, player, lambda s: s.id == step_id)
    player.on_timer()
    assert not player.hint.isVisible()
    clock.ms += int(player.view.step.hints[0].after_seconds * 1000) + 1
    assert player.timer.isActive()
    player.on_timer()
    assert player.hint.isVisible()
    assert player.hint.text() == player.view.step.hints[0].text.text("vi")


def test_exit_asks_first_inside_the_window(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player(LESSON_IDS[0])
    qtbot.mouseClick(player.exit_button, LEFT)
    assert player.confirm.isVisible()
    qtbot.mouseClick(player.confirm.stay, LEFT)
    assert not player.confirm.isVisible()
    qtbot.mouseClick(player.exit_button, LEFT)
    with qtbot.waitSignal(player.exit_requested, timeout=1000):
        qtbot.mouseClick(player.confirm.leave, LEFT)
    assert not player.timer.isActive()


def test_a_crash_mid_lesson_reopens_at_the_same_step(open_player, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    lesson_id = "vneid-activate-practice"
    player = open_player(lesson_id)
    play_step(qtbot, player)
    play_step(qtbot, player)
    at_step = player.view.step.id
    player.timer.stop()
    player.deleteLater()  # the kiosk dies: no leave(), nothing else written
    qtbot.wait(10)
    loaded = PACKS.lesson(lesson_id)
    with ready_services.database.transaction() as s:
        row = progress.interrupted_attempt(s, utcnow())
        assert row is not None and row.lesson_id == lesson_id
        attempt = progress.resume_attempt(s, row.id, loaded.lesson)
    assert attempt is not None
    clock = Clock()
    session = LessonSession(ready_services.database, attempt, loaded, utcnow, clock)
    again = open_player(lesson_id, session=session)
    assert again.view.step.id == at_step
    assert again.findChild(QWidget, "phone") is not None


def test_the_player_runs_without_any_sound_device(
    kiosk_qt, qtbot, ready_services, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    session = start_session(ready_services, LESSON_IDS[0], clock)
    narrator = Narrator()  # the machine's real engines, whatever is (not) there
    player = LessonPlayerScreen(lambda k, **v: k, session, "vi", narrator)
    qtbot.addWidget(player)
    sound = tmp_path / "step.ogg"
    sound.write_bytes(b"not really audio")
    narrator.play(sound, "Xin chào", "vi")
    qtbot.mouseClick(player.listen_button, LEFT)
    narrator.set_volume(30)
    narrator.stop()
    assert narrator.mode in ("silent", "file", "speech")
