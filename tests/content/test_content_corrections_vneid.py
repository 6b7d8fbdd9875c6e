"""VNeID lessons follow the real app: activation and the stay notice, driven through the engine."""

from __future__ import annotations

from kiosk.content.engine import LessonRun
from kiosk.content.events import Event, Tap, TextEntered, Verdict
from kiosk.content.loader import load_packs
from kiosk.content.schema import Lesson, PhoneScreen, QuizStep
from kiosk.content.schema.lesson import PickStep, TapStep, TypeTextStep
from kiosk.content.schema.phone import Message, TextField
from tests.helpers.lesson_runs import run_to_step

PACKS = load_packs()


def lesson(lesson_id: str) -> Lesson:
    return PACKS.lesson(lesson_id).lesson


def run_to(lesson_: Lesson, step_id: str) -> tuple[LessonRun, int]:
    """A run played right up to ``step_id``, and the clock then."""
    return run_to_step(lesson_, step_id)


def step_order(lesson_: Lesson) -> list[str]:
    return [s.id for s in lesson_.steps]


def shown(run: LessonRun) -> PhoneScreen:
    assert run.screen is not None
    return run.screen


# Activation ----------------------------------------------------------------------------


def test_activation_starts_from_the_polices_approval_sms() -> None:
    activate = lesson("vneid-activate-practice")
    run, _ = run_to(activate, "approval-sms")
    sms = [e for e in shown(run).elements if isinstance(e, Message)]
    assert len(sms) == 1 and sms[0].link is None  # nothing to tap in the real message
    body = sms[0].text.text("vi")
    assert body.startswith("Cuc Canh sat QLHC ve TTXH") and "ung dung VNeID" in body
    narration = activate.steps[step_order(activate).index("approval-sms")].narration.text("vi")
    assert "đã tự cài" in narration and "đường link" in narration
    assert step_order(activate).index("approval-sms") < step_order(activate).index("open-app")


def test_the_app_opened_is_labelled_vneid() -> None:
    run, _ = run_to(lesson("vneid-activate-practice"), "open-app")
    step = run.current_step
    assert isinstance(step, TapStep)
    target = shown(run).element(step.target)
    assert target is not None and target.label.text("vi") == "VNeID"


def test_activation_asks_the_id_then_the_phone_number_before_the_otp() -> None:
    order = step_order(lesson("vneid-activate-practice"))
    assert order.index("enter-id") < order.index("enter-phone") < order.index("enter-otp")


def test_activation_refuses_a_password_not_typed_twice_the_same() -> None:
    activate = lesson("vneid-activate-practice")
    run, now = run_to(activate, "confirm-password")
    step = run.current_step
    assert isinstance(step, TypeTextStep)
    first = shown(run).element("password")
    assert isinstance(first, TextField) and first.value == "Hocso@2025"
    for mismatch in ("Hocso@2024", "hocso@2025", "Hocso2025"):
        outcome = run.handle(TextEntered(mismatch, step.target), now + 100)
        assert outcome.verdict is Verdict.WRONG
        assert outcome.feedback is not None and "không khớp" in outcome.feedback.text("vi")
        assert run.current_step is step  # not past the step until the two match
    assert run.handle(TextEntered("Hocso@2025", step.target), now + 200).verdict is Verdict.RIGHT
    assert run.current_step is not None and run.current_step.id == "set-passcode"


def test_the_passcode_step_uses_the_apps_word() -> None:
    activate = lesson("vneid-activate-practice")
    step = activate.steps[step_order(activate).index("set-passcode")]
    assert "passcode" in step.narration.text("vi")
    assert all("mật mã" not in s.narration.text("vi") for s in activate.steps)


def test_both_security_questions_are_answered_by_typing() -> None:
    activate = lesson("vneid-activate-practice")
    order = step_order(activate)
    picks = [s for s in activate.steps if isinstance(s, PickStep) and s.id.startswith("security")]
    assert len(picks) == 2
    for pick in picks:  # each chosen question is followed by typing its answer
        answer = activate.steps[order.index(pick.id) + 1]
        assert isinstance(answer, TypeTextStep) and answer.rule.match != "not_empty"
    run, now = run_to(activate, "security-answer")
    assert run.handle(TextEntered("", "answer-1"), now + 1).verdict is Verdict.WRONG
    assert run.handle(TextEntered("kim dong", "answer-1"), now + 2).verdict is Verdict.RIGHT


def test_activation_ends_by_logging_in_again_with_the_new_password() -> None:
    activate = lesson("vneid-activate-practice")
    run, now = run_to(activate, "login-password")
    assert step_order(activate).index("login-password") > step_order(activate).index(
        "security-answer-2"
    )
    assert run.handle(TextEntered("135790", "login-password"), now + 1).verdict is Verdict.WRONG
    events: list[Event] = [TextEntered("Hocso@2025", "login-password"), Tap("login")]
    for i, event in enumerate(events):
        assert run.handle(event, now + 10 + i).verdict is Verdict.RIGHT
    assert run.current_step is not None and run.current_step.id.startswith("quiz-")


# Stay notice ---------------------------------------------------------------------------


def test_the_stay_notice_follows_the_real_order_of_screens() -> None:
    order = step_order(lesson("vneid-stay-notice"))
    real = [
        "open-procedures",
        "pick-stay",
        "new-request",
        "pick-province",
        "pick-commune",
        "pick-household",
        "place-continue",
        "add-guest",
        "guest-id",
        "from-date",
        "to-date",
        "save",
        "send",
    ]
    assert [s for s in order if s in real] == real
    assert [order.index(s) for s in real] == sorted(order.index(s) for s in real)


def test_the_stay_form_has_from_and_to_dates_and_no_days_field() -> None:
    stay = lesson("vneid-stay-notice")
    run, now = run_to(stay, "from-date")
    fields = {e.id: e for e in shown(run).elements if isinstance(e, TextField)}
    assert {"from-date", "to-date", "guest-id"} <= set(fields)
    labels = [f.label.text("vi").casefold() for f in fields.values()]
    assert not any("số ngày" in label for label in labels)
    every_label = [
        e.label.text("vi").casefold()
        for screen in stay.screens.values()
        for e in screen.walk()
        if isinstance(e, TextField)
    ]
    assert every_label and not any("số ngày" in label for label in every_label)
    assert run.handle(TextEntered("3", "from-date"), now + 1).verdict is Verdict.WRONG
    assert run.handle(TextEntered("05/12/2026", "from-date"), now + 2).verdict is Verdict.RIGHT
    assert run.handle(TextEntered("07/12/2026", "to-date"), now + 3).verdict is Verdict.RIGHT


def test_saving_does_not_send_both_taps_are_needed() -> None:
    stay = lesson("vneid-stay-notice")
    run, now = run_to(stay, "save")
    assert run.handle(Tap("save"), now + 1).verdict is Verdict.RIGHT
    step = run.current_step
    assert step is not None and step.id == "send"
    labels = {e.id: getattr(e, "label", None) for e in shown(run).elements}
    assert labels["send"] is not None and labels["send"].text("vi") == "Gửi yêu cầu"
    wrong = run.handle(Tap("add-more"), now + 2)
    assert wrong.verdict is Verdict.WRONG and run.current_step is step
    assert run.handle(Tap("send"), now + 3).verdict is Verdict.RIGHT
    assert run.current_step is not None and run.current_step.id == "track"


def test_the_stay_notice_teaches_the_deadline_and_the_relatives_rule_without_districts() -> None:
    stay = lesson("vneid-stay-notice")
    intro = stay.steps[0].narration.text("vi")
    assert "23 giờ" in intro and "8 giờ sáng hôm sau" in intro and "một lần" in intro
    texts = [s.narration.text("vi") for s in stay.steps] + [
        o.text.text("vi") for s in stay.steps for o in getattr(s, "options", [])
    ]
    assert not any("huyện" in t.casefold() for t in texts)
    assert any("xã khác" in t for t in texts)


def test_the_stay_notice_asks_about_a_late_guest_and_a_returning_relative() -> None:
    stay = lesson("vneid-stay-notice")
    quizzes = {s.id: s for s in stay.steps if s.is_quiz}
    late = quizzes["quiz-late"]
    relatives = quizzes["quiz-relatives"]
    assert isinstance(late, QuizStep) and isinstance(relatives, QuizStep)
    right = [o.text.text("vi") for o in late.options if o.correct]
    assert right == ["Trước 8 giờ sáng hôm sau"]
    assert [o.id for o in relatives.options if o.correct] == ["once-enough"]
