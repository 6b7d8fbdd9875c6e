"""Every built-in lesson played by ear: a learner who cannot read passes it.

The test never reads on-screen text. For a quiz it touches each option's loudspeaker,
takes the audio id the narrator reported, looks that line up in the lesson (which option
of which step it speaks, and whether that option is right), and touches the answer button
beside the loudspeaker that said a right one. Steps done on the phone are played by the
driver, as a learner following the spoken instructions would.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.content import speech
from kiosk.content.loader import load_packs
from kiosk.content.schema import Lesson, QuizOption, QuizStep
from kiosk.db.base import utcnow
from kiosk.learning import progress
from kiosk.learning.session import LessonSession
from kiosk.ui.audio import Narrator
from kiosk.ui.screens.lesson_player import LessonPlayerScreen
from tests.helpers.player_driver import LEFT, go_on, stage_step

pytestmark = pytest.mark.slow  # about 25 s: every step of every lesson, each option heard

PACKS = load_packs()
LESSON_IDS = [entry.lesson.id for entry in PACKS.lessons]


def heard_lines(lesson: Lesson) -> dict[str, tuple[str, QuizOption | None]]:
    """Audio id -> (step id, the option it speaks or None for the step's narration)."""
    lines: dict[str, tuple[str, QuizOption | None]] = {}
    for step in lesson.steps:
        lines[f"{lesson.id}/{step.id}"] = (step.id, None)
        if isinstance(step, QuizStep):
            for option in step.options:
                lines[f"{lesson.id}/{speech.option_id(step.id, option.id)}"] = (step.id, option)
    return lines


def answer_button(speaker: QPushButton) -> QPushButton:
    """The answer button on the loudspeaker's row."""
    row = speaker.parentWidget()
    assert row is not None
    found = [b for b in row.findChildren(QPushButton) if b is not speaker]
    assert len(found) == 1
    return found[0]


def answer_by_ear(qtbot, player, lines, step_id: str) -> None:  # type: ignore[no-untyped-def]
    speakers = [s for s in player.findChildren(QPushButton, "speaker") if s.isVisible()]
    assert len(speakers) >= 2, f"{step_id}: the options cannot be heard"
    right: list[QPushButton] = []
    for speaker in speakers:
        before = len(player.narrator.history)
        qtbot.mouseClick(speaker, LEFT)
        heard = player.narrator.history[before:]
        assert len(heard) == 1, heard
        heard_step, option = lines[heard[0]]
        assert heard_step == step_id and option is not None, heard
        if option.correct:
            right.append(answer_button(speaker))
    assert right, f"{step_id}: no right answer heard"
    for button in right:
        qtbot.mouseClick(button, LEFT)
    done = player.findChild(QPushButton, "quiz-done")
    if len(right) > 1 or (done is not None and done.isVisible()):
        qtbot.mouseClick(done, LEFT)


@pytest.fixture
def player_for(kiosk_qt, qtbot, ready_services):  # type: ignore[no-untyped-def]
    def tr(key: str, **values: object) -> str:
        return ready_services.catalogue.text("vi", key, **values)

    def make(lesson_id: str) -> LessonPlayerScreen:
        loaded = PACKS.lesson(lesson_id)
        kiosk = ready_services.identity.kiosk_id
        ms = iter(range(0, 10**9, 500))
        with ready_services.database.transaction() as s:
            attempt = progress.start_or_resume(s, kiosk, None, loaded.lesson, utcnow(), 0)
        session = LessonSession(ready_services.database, attempt, loaded, utcnow, lambda: next(ms))
        player = LessonPlayerScreen(tr, session, "vi", Narrator(tts_engines=()))
        qtbot.addWidget(player)
        player.resize(1366, 768)
        player.show()
        qtbot.waitExposed(player)
        return player

    return make


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_lesson_passes_by_ear(player_for, qtbot, lesson_id) -> None:  # type: ignore[no-untyped-def]
    player = player_for(lesson_id)
    lesson = player.session.lesson
    lines = heard_lines(lesson)
    mark = 0
    for _ in range(2 * len(lesson.steps)):  # each step, and the odd one asked again
        if player.session.finished:
            break
        # Which step is this? The narration the player reported since the last answer.
        narrations = [
            lines[k][0]
            for k in player.narrator.history[mark:]
            if k in lines and lines[k][1] is None
        ]
        assert narrations, f"nothing was said for the step after #{mark}"
        step_id = narrations[-1]
        assert step_id == player.view.step.id
        mark = len(player.narrator.history)
        if [row for row in player.findChildren(QWidget, "option-row") if row.isVisible()]:
            answer_by_ear(qtbot, player, lines, step_id)
        else:
            stage_step(qtbot, player)()
        go_on(qtbot, player)
    assert player.session.finished, f"{lesson_id}: not finished"
    assert player.result_view.passed, f"{lesson_id}: not passed by ear"
    assert "_screens/result.passed" in player.narrator.history[mark:]
