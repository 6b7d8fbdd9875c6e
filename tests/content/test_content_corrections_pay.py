"""Payment and scam lessons follow the real apps (issue 12; lesson-facts.md, Payments and Scams).

Each test drives the built-in lesson with `LessonRun`, the way the kiosk plays it, and would
fail on the lesson's old version.
"""

from __future__ import annotations

import json
import re

from kiosk.content.engine import LessonRun
from kiosk.content.events import Choose, Tap, TextEntered, Verdict
from kiosk.content.loader import load_packs
from kiosk.content.schema import Lesson, QuizStep
from kiosk.content.schema.lesson import AnyStep, KeypadStep, LongPressStep, TapStep, TypeTextStep
from kiosk.content.schema.phone import PhoneScreen
from tests.helpers.lesson_runs import run_to_step

LESSONS = {e.lesson.id: e.lesson for e in load_packs().lessons}


def play_to(lesson_id: str, step_id: str) -> LessonRun:
    """A run of the lesson, every step before `step_id` answered right."""
    return run_to_step(LESSONS[lesson_id], step_id)[0]


def order(lesson: Lesson) -> list[str]:
    return [s.id for s in lesson.steps]


def step(lesson_id: str, step_id: str) -> AnyStep:
    return LESSONS[lesson_id].step(step_id)


def screen(lesson_id: str, step_id: str) -> PhoneScreen:
    lesson = LESSONS[lesson_id]
    shown = lesson.screen_for(lesson.step(step_id))
    assert shown is not None, step_id
    return shown


def texts(shown: PhoneScreen | None) -> str:
    """Every text on a phone screen (labels, values, captions), as one string."""
    if shown is None:
        return ""
    return json.dumps([e.model_dump(mode="json") for e in shown.elements], ensure_ascii=False)


def amounts(text: str) -> list[int]:
    """Money amounts written like 20.000.000 đ."""
    return [int(m.replace(".", "")) for m in re.findall(r"(\d{1,3}(?:\.\d{3})+) ?đ", text)]


def test_pay_transfer_chooses_the_bank_then_the_number_then_shows_the_name() -> None:
    lesson = LESSONS["pay-transfer"]
    ids = order(lesson)
    assert ids.index("open-bank-list") < ids.index("pick-bank") < ids.index("type-account")
    assert ids.index("type-account") < ids.index("check-name")

    run = play_to("pay-transfer", "pick-bank")
    banks = [e for e in run.screen.elements if e.type == "list_item"]
    assert len(banks) >= 3  # a list of practice banks to choose from, not a fixed one
    wrong = run.handle(Choose(("bank-nui",)), 1)
    assert wrong.verdict is Verdict.WRONG and "Ngân hàng Lúa" in wrong.feedback.text("vi")
    assert run.handle(Choose(("bank-lua",)), 2).verdict is Verdict.RIGHT

    assert run.current_step.id == "type-account"
    assert "LO VAN MAU" not in texts(run.screen)  # no name before the number is typed
    assert "Ngân hàng Lúa" in texts(run.screen)
    assert run.handle(TextEntered("0000111122", "account"), 3).verdict is Verdict.RIGHT
    assert run.current_step.id == "check-name" and "LO VAN MAU" in texts(run.screen)


def test_pay_transfer_over_10_million_asks_for_a_face_scan_not_an_sms_code() -> None:
    lesson = LESSONS["pay-transfer"]
    large = [
        s for s in lesson.steps if any(a > 10_000_000 for a in amounts(texts(lesson.screen_for(s))))
    ]
    assert [s.id for s in large] == ["quiz-face-amount"]
    shown = screen("pay-transfer", "quiz-face-amount")
    kinds = {e.type for e in shown.elements}
    assert "notification" not in kinds and "keypad" not in kinds  # no SMS OTP
    assert "image" in kinds and "khuôn mặt" in texts(shown)
    assert not [s for s in lesson.steps if isinstance(s, KeypadStep) and s.id != "enter-otp"]

    run = play_to("pay-transfer", "quiz-face-amount")
    assert "20.000.000" in texts(run.screen)
    assert "quét khuôn mặt" in run.current_step.narration.text("vi")
    # Tapping "Bắt đầu" (start the scan) on the wrong amount is the wrong answer.
    assert run.handle(Choose(("start",)), 1).verdict is Verdict.WRONG


def test_pay_transfer_money_sent_by_mistake_comes_into_your_account() -> None:
    quiz = step("pay-transfer", "quiz-wrong-transfer")
    assert isinstance(quiz, QuizStep)
    # Money comes IN from a stranger; a caller then wants it sent to another account.
    assert "+5.000.000" in texts(screen("pay-transfer", "quiz-wrong-transfer"))
    right = [o for o in quiz.options if o.correct]
    assert [o.id for o in right] == ["bank"]
    assert "Không tiêu" in right[0].text.text("vi")
    assert {"send-back", "self-return", "spend"} <= {o.id for o in quiz.options if not o.correct}
    assert quiz.feedback.right is not None
    told = quiz.feedback.right.text("vi")
    assert "đừng tự chuyển trả" in told and "công an xã" in told


def test_vietqr_receipt_is_saved_with_the_save_image_button() -> None:
    ids = order(LESSONS["vietqr-pay-practice"])
    run = play_to("vietqr-pay-practice", "save-receipt")
    assert isinstance(run.current_step, TapStep) and run.current_step.target == "save-image"
    shown = texts(run.screen)
    assert '"Lưu ảnh"' in shown and '"Chia sẻ"' in shown
    assert not [s for s in LESSONS["vietqr-pay-practice"].steps if isinstance(s, LongPressStep)]
    assert run.handle(Tap("share"), 1).verdict is Verdict.WRONG
    assert run.handle(Tap("save-image"), 2).verdict is Verdict.RIGHT
    assert ids.index("two-kinds") < ids.index("scan-code")


def test_vietqr_teaches_static_stall_stickers_beside_the_dynamic_code() -> None:
    told = step("vietqr-pay-practice", "two-kinds").narration.text("vi")
    assert "dán ở sạp" in told and "tự gõ số tiền" in told and "có sẵn số tiền" in told
    shown = texts(screen("vietqr-pay-practice", "scan-code"))
    assert "000201010212" in shown and "540520000" in shown  # dynamic, 20.000 đ inside


def test_vietqr_sticker_quiz_names_the_payee_shown() -> None:
    shown = screen("vietqr-pay-practice", "quiz-sticker")
    assert "TRAN VAN GIA" in texts(shown) and "Mẫu" not in texts(shown)
    said = step("vietqr-pay-practice", "quiz-sticker").narration.text("vi")
    assert "TRAN VAN GIA" in said and "người đàn ông lạ" in said
    assert "amount" in {e.id for e in shown.elements if e.type == "text_field"}  # static


def test_safe_otp_blocks_and_reports_instead_of_replying() -> None:
    lesson = LESSONS["safe-otp"]
    assert not [s for s in lesson.steps if isinstance(s, TypeTextStep)]  # no reply to a crook
    run = play_to("safe-otp", "block-number")
    reply = run.handle(Tap("reply"), 1)
    assert reply.verdict is Verdict.WRONG and "Đừng trả lời" in reply.feedback.text("vi")
    assert run.handle(Tap("block"), 2).verdict is Verdict.RIGHT
    assert run.current_step.id == "report-5656"
    shown = texts(run.screen)
    assert "Đến: 5656" in shown and "S (0900000777)(" in shown
    assert "156" in run.current_step.narration.text("vi")
    assert run.handle(Tap("send"), 3).verdict is Verdict.RIGHT


def test_pay_choose_bank_first_field_feedback_says_what_the_facts_support() -> None:
    quiz = step("pay-choose-bank", "quiz-first-field")
    assert isinstance(quiz, QuizStep)
    why = next(o for o in quiz.options if o.id == "account").feedback.text("vi")
    assert "có thể là của người khác" not in why
    assert "Chọn ngân hàng" in why and "đọc tên" in why
