"""The phone-basics and insurance lessons: played right through the engine, key behaviour pinned."""

from __future__ import annotations

import pytest

from kiosk.content.answers import right_event
from kiosk.content.engine import LessonRun
from kiosk.content.events import Choose, Event, Swipe, Tap, Verdict
from kiosk.content.loader import load_packs
from kiosk.content.schema import AppKind, KeypadStep, Lesson, QuizStep, TypeTextStep
from kiosk.content.schema.phone import Button, ListItem, QrCode, TextBlock, TextField

LESSONS = {e.lesson.id: e.lesson for e in load_packs().lessons}

ORDER = {
    "device-back-pattern": [
        "intro",
        "tap-back",
        "swipe-back",
        "pattern-explained",
        "open-settings",
        "open-security",
        "open-screen-lock",
        "choose-pattern",
        "draw-down",
        "draw-right",
        "tap-continue",
        "confirm-down",
        "confirm-right",
        "tap-confirm",
        "quiz-back-key",
        "quiz-dots",
        "quiz-share",
        "quiz-lost",
    ],
    "device-text-voice": [
        "intro",
        "open-settings",
        "open-display",
        "open-font-size",
        "make-bigger",
        "bigger-explained",
        "voice-explained",
        "tap-box",
        "tap-mic",
        "speak",
        "check-send",
        "quiz-mic",
        "quiz-small-text",
        "quiz-misheard",
    ],
    "workers-insurance-lookup": [
        "intro",
        "open-app",
        "choose-vneid",
        "vneid-login",
        "open-personal",
        "open-card",
        "use-card",
        "show-qr",
        "open-image",
        "image-shown",
        "quiz-forgot-card",
        "quiz-vneid-level",
        "quiz-install-link",
        "quiz-password-call",
    ],
}


def run_to(lesson_id: str, step_id: str) -> tuple[LessonRun, int]:
    """A run of the lesson brought to ``step_id`` by right answers; also the clock."""
    run = LessonRun.start(LESSONS[lesson_id], 0)
    now = 0
    while True:
        step = run.current_step
        assert step is not None, f"{step_id} never came"
        if step.id == step_id:
            return run, now
        event = right_event(step, run.screen)
        assert event is not None
        now += 1000
        assert run.handle(event, now).verdict is Verdict.RIGHT, step.id


def answer(lesson_id: str, step_id: str, event: Event) -> Verdict:
    run, now = run_to(lesson_id, step_id)
    outcome = run.handle(event, now + 1000)
    if outcome.verdict is Verdict.WRONG:
        assert outcome.feedback is not None and outcome.feedback.text("vi"), step_id
    return outcome.verdict


@pytest.mark.parametrize("lesson_id", sorted(ORDER))
def test_the_lesson_plays_right_through_in_the_real_order(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id]
    run = LessonRun.start(lesson, 0)
    now, seen = 0, []
    outcome = None
    while not run.finished:
        step = run.current_step
        assert step is not None
        seen.append(step.id)
        event = right_event(step, run.screen)
        assert event is not None, step.id
        now += 5000
        outcome = run.handle(event, now)
        assert outcome.verdict is Verdict.RIGHT, step.id
    assert seen == ORDER[lesson_id]
    assert outcome is not None and outcome.result is not None
    assert outcome.result.passed and outcome.result.score == 1.0


@pytest.mark.parametrize("lesson_id", sorted(ORDER))
def test_quizzes_meet_the_bar(lesson_id: str) -> None:
    lesson: Lesson = LESSONS[lesson_id]
    assert 4 <= lesson.estimated_minutes <= 8
    quizzes = [s for s in lesson.steps if isinstance(s, QuizStep)]
    assert 3 <= len(quizzes) <= 5
    for quiz in quizzes:
        assert len(quiz.options) >= 3 and quiz.skill is not None
        right = [o for o in quiz.options if o.correct]
        assert len(right) == 1, quiz.id
        longest = max(len(o.text.text("vi")) for o in quiz.options)
        others = [len(o.text.text("vi")) for o in quiz.options if not o.correct]
        assert len(right[0].text.text("vi")) < longest or max(others) == longest, quiz.id
        for option in quiz.options:
            assert option.correct or (option.feedback and option.feedback.text("vi")), option.id


def test_back_is_the_triangle_button_or_an_edge_swipe() -> None:
    lesson = "device-back-pattern"
    assert answer(lesson, "tap-back", Tap("msg")) is Verdict.WRONG
    assert answer(lesson, "tap-back", Tap("nav-back")) is Verdict.RIGHT
    assert answer(lesson, "swipe-back", Swipe("left", "edge")) is Verdict.WRONG
    assert answer(lesson, "swipe-back", Swipe("right", "edge")) is Verdict.RIGHT
    # answered on the phone: tapping the triangle chooses it, the power button is wrong
    assert answer(lesson, "quiz-back-key", Tap("back")) is Verdict.RIGHT
    assert answer(lesson, "quiz-back-key", Tap("power")) is Verdict.WRONG


def test_the_pattern_is_chosen_drawn_and_drawn_again_to_confirm() -> None:
    lesson = LESSONS["device-back-pattern"]
    kinds = lesson.screens["lock-types"]
    assert [e.id for e in kinds.elements if e.type == "list_item"] == [
        "none",
        "swipe",
        "pattern",
        "pin",
        "password",
    ]
    assert answer(lesson.id, "choose-pattern", Tap("pin")) is Verdict.WRONG
    for step in ("draw-down", "confirm-down"):  # an L: first down...
        assert answer(lesson.id, step, Swipe("up", "grid")) is Verdict.WRONG
        assert answer(lesson.id, step, Swipe("down", "grid")) is Verdict.RIGHT
    for step in ("draw-right", "confirm-right"):  # ...then right
        assert answer(lesson.id, step, Swipe("left", "grid")) is Verdict.WRONG
    # "Redraw" and "Cancel" are not the way on
    assert answer(lesson.id, "tap-continue", Tap("retry")) is Verdict.WRONG
    assert answer(lesson.id, "tap-confirm", Tap("cancel")) is Verdict.WRONG


def test_the_pattern_is_never_shared() -> None:
    lesson = "device-back-pattern"
    assert answer(lesson, "quiz-share", Choose(("keep",))) is Verdict.RIGHT
    for wrong in ("show", "paper"):
        assert answer(lesson, "quiz-share", Choose((wrong,))) is Verdict.WRONG
    assert answer(lesson, "quiz-dots", Choose(("four",))) is Verdict.RIGHT


def test_bigger_text_is_under_display_then_font_size() -> None:
    lesson = LESSONS["device-text-voice"]
    assert answer(lesson.id, "open-display", Tap("sound")) is Verdict.WRONG
    assert answer(lesson.id, "open-font-size", Tap("brightness")) is Verdict.WRONG
    assert answer(lesson.id, "make-bigger", Tap("smaller")) is Verdict.WRONG
    assert answer(lesson.id, "make-bigger", Tap("bigger")) is Verdict.RIGHT
    before, after = lesson.screens["font-size"], lesson.screens["font-bigger"]
    samples = [s.element("sample") for s in (before, after)]
    assert [s.style for s in samples if isinstance(s, TextBlock)] == ["caption", "title"]
    # answered on the phone, on a Settings list that does not give the answer away
    assert answer(lesson.id, "quiz-small-text", Tap("display")) is Verdict.RIGHT
    assert answer(lesson.id, "quiz-small-text", Tap("sound")) is Verdict.WRONG


def test_voice_typing_starts_at_the_microphone_key_and_is_read_before_sending() -> None:
    lesson = "device-text-voice"
    assert answer(lesson, "tap-mic", Tap("space")) is Verdict.WRONG
    assert answer(lesson, "tap-mic", Tap("mic")) is Verdict.RIGHT
    assert answer(lesson, "quiz-mic", Tap("mic")) is Verdict.RIGHT
    assert answer(lesson, "quiz-mic", Tap("delete")) is Verdict.WRONG
    assert answer(lesson, "quiz-misheard", Choose(("fix",))) is Verdict.RIGHT
    assert answer(lesson, "quiz-misheard", Choose(("send-anyway",))) is Verdict.WRONG


def test_the_insurance_card_is_reached_through_vneid_in_the_real_order() -> None:
    lesson = LESSONS["workers-insurance-lookup"]
    assert lesson.track == "other" and set(lesson.target_groups) == {"workers", "adults"}
    # VssID's own log-in screen offers the VNeID way; the log-in itself happens in VNeID
    login = lesson.screens["login"].element("login-vneid")
    assert isinstance(login, Button)
    assert login.label.text("vi") == "Đăng nhập bằng tài khoản định danh điện tử"
    assert lesson.screens["vneid-login"].app is AppKind.IDENTITY
    assert answer(lesson.id, "choose-vneid", Tap("login")) is Verdict.WRONG
    # Quản lý cá nhân → Thẻ BHYT → Sử dụng thẻ (a QR code) or Hình ảnh thẻ
    items = [lesson.screens[s].element(e) for s, e in (("main", "personal"), ("personal", "card"))]
    titles = [i.title.text("vi") for i in items if isinstance(i, ListItem)]
    assert titles == ["Quản lý cá nhân", "Thẻ BHYT"]
    assert answer(lesson.id, "use-card", Tap("card-image")) is Verdict.WRONG
    qr = lesson.screens["use-card"].element("qr")
    assert isinstance(qr, QrCode) and "LUYEN-TAP" in qr.payload


def test_no_real_password_is_ever_typed() -> None:
    lesson = LESSONS["workers-insurance-lookup"]
    assert not [s for s in lesson.steps if isinstance(s, KeypadStep | TypeTextStep)]
    number = lesson.screens["vneid-login"].element("number")
    assert isinstance(number, TextField) and number.value[3] in "6789"  # nobody's ID


def test_insurance_quizzes_teach_the_safe_reflex() -> None:
    lesson = "workers-insurance-lookup"
    assert answer(lesson, "quiz-forgot-card", Choose(("app-card",))) is Verdict.RIGHT
    assert answer(lesson, "quiz-forgot-card", Choose(("relative",))) is Verdict.WRONG
    assert answer(lesson, "quiz-vneid-level", Choose(("level2",))) is Verdict.RIGHT
    assert answer(lesson, "quiz-vneid-level", Choose(("level1",))) is Verdict.WRONG
    # answered on the phone: the official store, never the link in the message
    assert answer(lesson, "quiz-install-link", Tap("store")) is Verdict.RIGHT
    assert answer(lesson, "quiz-install-link", Tap("open-link")) is Verdict.WRONG
    assert answer(lesson, "quiz-password-call", Choose(("hang-up",))) is Verdict.RIGHT
    for wrong in ("read", "text-it"):
        assert answer(lesson, "quiz-password-call", Choose((wrong,))) is Verdict.WRONG
