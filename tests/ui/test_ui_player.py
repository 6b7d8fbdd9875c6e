"""The lesson player driven like a learner: real taps, drags and on-screen key presses."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.content import speech
from kiosk.content.loader import load_packs
from kiosk.content.schema import QuizStep, TapStep
from kiosk.db.base import utcnow
from kiosk.learning import progress
from kiosk.learning.session import LessonSession
from kiosk.ui.audio import Narrator
from kiosk.ui.screens.lesson_player import LessonPlayerScreen
from kiosk.ui.screens.player_stage import RIGHT_PAUSE_MS
from tests.helpers.player_driver import LEFT, element, go_on, play_step
from tests.helpers.slips_helpers import register_learner

PACKS = load_packs()
LESSON_IDS = [entry.lesson.id for entry in PACKS.lessons]


class Clock:
    """The session's monotonic clock, moved by the test."""

    def __init__(self) -> None:
        self.ms = 0

    def __call__(self) -> int:
        self.ms += 10
        return self.ms


def start_session(services, lesson_id: str, clock: Clock, learner=None) -> LessonSession:  # type: ignore[no-untyped-def]
    loaded = PACKS.lesson(lesson_id)
    kiosk = services.identity.kiosk_id
    with services.database.transaction() as s:
        attempt = progress.start_or_resume(s, kiosk, learner, loaded.lesson, utcnow(), clock())
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
    mark = len(player.narrator.history)
    qtbot.mouseClick(element(player, wrong), LEFT)
    assert player.feedback.kind == "wrong" and player.feedback.text.text()
    if wrong in step.feedback.elements:  # the feedback said is the one shown
        said = key(player, speech.element_feedback_id(step.id, wrong))
    elif step.feedback.wrong is not None:
        said = key(player, speech.wrong_id(step.id))
    else:
        said = "_screens/player.wrong"
    assert said_since(player, mark)[0] == said  # then the hint that became due, if any
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


# Everything spoken ---------------------------------------------------------------------


def key(player, line_id: str) -> str:  # type: ignore[no-untyped-def]
    return f"{player.session.lesson.id}/{line_id}"


def said_since(player, mark: int) -> list[str]:  # type: ignore[no-untyped-def]
    return player.narrator.history[mark:]


def first_quiz(qtbot, player):  # type: ignore[no-untyped-def]
    advance_to(qtbot, player, lambda s: isinstance(s, QuizStep) and s.mode == "single")
    return player.view.step


def test_a_quiz_says_its_question_then_each_option_in_the_order_shown(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("vneid-activate-practice")
    mark = len(player.narrator.history)
    step = first_quiz(qtbot, player)
    options = player.view.options
    assert len(options) == len(step.options)
    spoken = [key(player, step.id)] + [
        key(player, speech.option_id(step.id, o.id)) for o in options
    ]
    assert said_since(player, mark)[-len(spoken) :] == spoken
    assert list(player.quiz.buttons) == [o.id for o in options]  # drawn in the order said


def test_an_options_loudspeaker_says_only_that_option_and_chooses_nothing(
    open_player, qtbot
) -> None:  # type: ignore[no-untyped-def]
    player = open_player("vneid-activate-practice")
    step = first_quiz(qtbot, player)
    for option in reversed(player.view.options):
        speaker = player.quiz.speakers[option.id]
        assert speaker.objectName() == "speaker" and speaker.isVisible()
        mark = len(player.narrator.history)
        qtbot.mouseClick(speaker, LEFT)
        assert said_since(player, mark) == [key(player, speech.option_id(step.id, option.id))]
    assert player.view.step.id == step.id and not player.pausing
    assert player.session.attempt.run.view("vi").step.id == step.id


def test_listen_again_replays_the_step_its_options_and_the_hint(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("vneid-activate-practice")
    step = first_quiz(qtbot, player)
    qtbot.mouseClick(player.hint_button, LEFT)
    hint_said = player.narrator.history[-1]
    mark = len(player.narrator.history)
    qtbot.mouseClick(player.listen_button, LEFT)
    options = [key(player, speech.option_id(step.id, o.id)) for o in player.view.options]
    assert said_since(player, mark) == [key(player, step.id), *options, hint_said]


def wrong_option(step: QuizStep):  # type: ignore[no-untyped-def]
    return next(o for o in step.options if not o.correct)


def test_a_missed_question_says_why_comes_back_then_reveals_the_answer(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("device-touch")
    step = first_quiz(qtbot, player)
    wrong = wrong_option(step)
    mark = len(player.narrator.history)
    qtbot.mouseClick(player.quiz.buttons[wrong.id], LEFT)
    why = key(player, speech.option_why_id(step.id, wrong.id))
    assert said_since(player, mark)[:2] == [why, "_screens/player.comes_back"]
    assert player.pausing and player.feedback.kind == "wrong"
    assert "hỏi lại" in player.feedback.text.text()
    go_on(qtbot, player)
    assert player.view.step.id != step.id and not player.feedback.isVisible()
    advance_to(qtbot, player, lambda s: s.id == step.id)
    assert player.view.comes_back
    mark = len(player.narrator.history)
    qtbot.mouseClick(player.quiz.buttons[wrong.id], LEFT)
    right = [o for o in step.options if o.correct]
    said = said_since(player, mark)
    lead = said.index("_screens/player.answer_was_lead")
    assert said[0] == why and lead == 1
    assert said[2 : 2 + len(right)] == [key(player, speech.option_id(step.id, o.id)) for o in right]
    assert player.pages.currentWidget() is player.result_view  # the last question asked


def test_the_result_says_what_to_practise_and_that_a_guest_gets_no_slip(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("device-touch")
    step = first_quiz(qtbot, player)
    while not player.session.finished:
        if player.view.step.id == step.id:
            qtbot.mouseClick(player.quiz.buttons[wrong_option(step).id], LEFT)
            go_on(qtbot, player)
        else:
            play_step(qtbot, player)
    view = player.result_view
    assert player.pages.currentWidget() is view and view.practise.isVisible()
    skill = key(player, speech.skill_id(step.id) if step.skill else speech.TITLE)
    said = player.narrator.history
    assert skill in said[said.index("_screens/result.practise_again") :]
    assert said[-1] == "_screens/result.slip_guest" and view.slip.isVisible()
    assert "đăng ký" in view.slip.text()
    mark = len(said)
    qtbot.mouseClick(view.listen_button, LEFT)
    assert said_since(player, mark)[-1] == "_screens/result.slip_guest"


def test_a_registered_learner_who_passed_is_told_to_ask_staff_for_the_slip(
    open_player, qtbot, ready_services
) -> None:  # type: ignore[no-untyped-def]
    learner = register_learner(
        ready_services.database, ready_services.paths, "Lò Văn Minh", utcnow()
    )
    clock = Clock()
    session = start_session(ready_services, "device-touch", clock, learner)
    player = open_player("device-touch", session=session, clock=clock)
    while not player.session.finished:
        play_step(qtbot, player)
    assert player.result_view.passed and not player.result_view.practise.isVisible()
    assert player.narrator.history[-2:] == [
        "_screens/result.passed",
        "_screens/result.slip_registered",
    ]
    assert "cán bộ" in player.result_view.slip.text()


def test_the_new_step_never_shows_the_last_steps_feedback(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("device-touch")
    step = first_quiz(qtbot, player)
    right = next(o for o in step.options if o.correct)
    qtbot.mouseClick(player.quiz.buttons[right.id], LEFT)
    assert player.pausing and player.feedback.kind == "right"
    assert player.quiz.buttons[right.id].property("answer")  # ringed green
    old = player.feedback.text.text()
    qtbot.waitUntil(lambda: not player.pausing, timeout=RIGHT_PAUSE_MS + 2000)  # on its own
    assert player.view.step.id != step.id
    assert not player.feedback.isVisible() and old not in player.narration.text()
    assert not [w for w in player.findChildren(QLabel) if w.isVisible() and w.text() == old]


def test_an_explain_step_shows_one_continue_button(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("pay-transfer")
    advance_to(qtbot, player, lambda s: s.id == "check-name")
    buttons = [
        b
        for b in player.findChildren(QPushButton)
        if (b.isVisible() and b.text() == "Tiếp tục")
        or (b.isVisible() and b.accessibleName() == "Tiếp tục")
    ]
    labels = [w for w in player.findChildren(QLabel) if w.isVisible() and w.text() == "Tiếp tục"]
    assert len(buttons) + len(labels) == 1, (buttons, labels)
    assert not player.continue_button.isVisible()
    qtbot.mouseClick(element(player, player._phone_continue), LEFT)
    assert player.view.step.id != "check-name"


def clipped_labels(player) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible wrapped texts shorter than their words need, or spilling out of the window."""
    window = player.rect()
    out = []
    for text in player.findChildren(QLabel):
        if not (text.isVisible() and text.wordWrap() and text.text()):
            continue
        need = text.heightForWidth(text.width())
        box = text.rect().translated(text.mapTo(player, text.rect().topLeft()))
        if text.height() < need or not window.contains(box):
            out.append(f"{text.objectName()}: {text.text()[:40]!r} {text.height()}<{need}")
    return out


def test_the_scam_message_bubble_shows_its_whole_text(open_player, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = open_player("vietqr-pay-practice")
    advance_to(qtbot, player, lambda s: s.id == "block-scam-link")
    bubble = next(e for e in player.view.screen.elements if e.type == "message")
    words = element(player, bubble.id).findChild(QLabel, "text")
    assert words.text().endswith("tại đây:")
    assert words.height() >= words.heightForWidth(words.width()) > 2 * words.fontMetrics().height()
    assert clipped_labels(player) == []


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_nothing_is_clipped_at_1366x768_on_any_step(open_player, qtbot, lesson_id) -> None:  # type: ignore[no-untyped-def]
    player = open_player(lesson_id)
    while not player.session.finished:
        qtbot.wait(1)  # layouts settle
        assert clipped_labels(player) == [], player.view.step.id
        assert player.panel.height() >= player.panel.minimumSizeHint().height()
        assert player.height() == 768 and player.minimumSizeHint().height() <= 768
        play_step(qtbot, player)
    qtbot.wait(1)
    assert clipped_labels(player) == []


def test_a_quiz_shows_its_picture_beside_the_options_and_option_pictures(
    open_player, qtbot
) -> None:  # type: ignore[no-untyped-def]
    player = open_player("vietqr-pay-practice")
    advance_to(qtbot, player, lambda s: isinstance(s, QuizStep) and s.picture is not None)
    assert player.stage.isVisible() and player.stage.currentWidget() is player.picture
    pix = player.picture.pixmap()
    assert not pix.isNull() and pix.width() <= player.stage.width()
    assert pix.height() <= player.height()
    player = open_player("vneid-activate-practice")
    advance_to(qtbot, player, lambda s: isinstance(s, QuizStep) and s.mode == "multiple")
    drawn = [o for o in player.view.step.options if o.picture]
    assert drawn
    for option in drawn:
        icons = [w.pixmap() for w in player.quiz.buttons[option.id].findChildren(QLabel)]
        assert [p for p in icons if not p.isNull() and p.width() <= 64 and p.height() <= 64]
