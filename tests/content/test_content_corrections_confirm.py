"""The practice bank "Ngân hàng Mẫu" confirms a payment one way in every lesson (issue 12).

lesson-facts.md (Payments): the 6-digit PIN/OTP confirms a payment, say "mã xác nhận" or follow
one named practice app consistently; a transfer over 10 million đồng needs a face scan instead.
Here the practice bank always texts a 6-digit "mã xác nhận (OTP)" and shows the same screen:
title "Xác nhận giao dịch", the SMS, a keypad labelled "Nhập mã xác nhận". Each test reads or
drives the built-in lessons with ``LessonRun`` and would fail on their old versions (a PIN in
pay-bill and vietqr-pay-practice, an "OTP" in pay-transfer, no title elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kiosk.content.coverage import step_texts
from kiosk.content.engine import LessonRun
from kiosk.content.events import Choose, KeypadEntered, Tap, Verdict
from kiosk.content.loader import load_packs
from kiosk.content.schema import Lesson
from kiosk.content.schema.lesson import AnyStep, KeypadStep
from kiosk.content.schema.phone import AppKind, KeypadPurpose, PhoneScreen
from tests.helpers.lesson_runs import run_to_step

LESSONS = {e.lesson.id: e.lesson for e in load_packs().lessons}
BANK = "Ngân hàng Mẫu"
TITLE = {"vi": "Xác nhận giao dịch", "en": "Confirm the transaction"}
PAD_LABEL = {"vi": "Nhập mã xác nhận", "en": "Enter the code"}
SMS_VI = re.compile(r"^Mã xác nhận \(OTP\) LUYỆN TẬP (\d{6})(?: để .+)?\. KHÔNG đưa mã cho ai\.$")
SMS_EN = re.compile(r"^PRACTICE code \(OTP\) (\d{6})\b.*\. Do NOT give this code to anyone\.$")
# The lessons in which the practice bank confirms a payment with a code.
PAYMENT_CODE_STEPS = {
    "pay-bill": "confirm-pin",
    "pay-transfer": "enter-otp",
    "pay-choose-bank": "enter-code",
    "pay-static-qr": "enter-code",
    "vietqr-pay-practice": "enter-pin",
}
FACE_LIMIT = 10_000_000


def amounts(text: str) -> list[int]:
    """Money amounts written like 20.000.000 đ or 20.000 đồng."""
    found = re.findall(r"(\d{1,3}(?:\.\d{3})+) ?(?:đ|đồng)\b", text)
    return [int(m.replace(".", "")) for m in found]


def shown_steps() -> Iterator[tuple[Lesson, AnyStep, PhoneScreen]]:
    """Every step of the built-in pack that shows a phone screen, with that screen."""
    for lesson in LESSONS.values():
        for step in lesson.steps:
            screen = lesson.screen_for(step)
            if screen is not None:
                yield lesson, step, screen


def bank_codes(screen: PhoneScreen) -> list[tuple[str, str]]:
    """(vi, en) of every SMS on the screen in which the practice bank sends a code."""
    found = []
    for element in screen.elements:
        if element.type == "notification" and element.title.text("vi") == BANK:
            body = element.body
        elif element.type == "message" and element.sender == BANK:
            body = element.text
        else:
            continue
        if re.search(r"\d{6}", body.text("vi")):
            found.append((body.text("vi"), body.text("en")))
    return found


def code_keypads(screen: PhoneScreen) -> list[object]:
    return [
        e
        for e in screen.elements
        if e.type == "keypad" and e.purpose in (KeypadPurpose.PIN, KeypadPurpose.OTP)
    ]


def play_to(lesson_id: str, step_id: str) -> LessonRun:
    """A run of the lesson, every step before ``step_id`` answered right."""
    return run_to_step(LESSONS[lesson_id], step_id)[0]


def test_every_code_the_practice_bank_texts_reads_the_same() -> None:
    seen = 0
    for lesson, step, screen in shown_steps():
        for vi, en in bank_codes(screen):
            seen += 1
            where = f"{lesson.id}/{step.id}"
            said_vi, said_en = SMS_VI.match(vi), SMS_EN.match(en)
            assert said_vi is not None, (where, vi)
            assert said_en is not None, (where, en)
            assert said_vi.group(1) == said_en.group(1), where
            if isinstance(step, KeypadStep):
                assert step.expected == said_vi.group(1), where  # the code told is the code typed
    # The five payment lessons, the biometrics update and the two scam SMS in safe-otp.
    assert seen >= 8


def test_every_bank_code_screen_has_the_same_title_and_keypad_words() -> None:
    code_steps = []
    for lesson, step, screen in shown_steps():
        if screen.app != AppKind.BANK or not code_keypads(screen):
            continue
        if not bank_codes(screen):
            # A keypad without the bank's SMS is the log-in PIN, never a payment confirmation.
            assert "đăng nhập" in step.narration.text("vi"), f"{lesson.id}/{step.id}"
            assert not amounts(" ".join(t.text("vi") for t in step_texts(lesson, step)))
            continue
        code_steps.append((lesson.id, step.id))
        (pad,) = code_keypads(screen)
        assert pad.purpose is KeypadPurpose.OTP and pad.length == 6
        assert pad.label is not None and pad.label.root == PAD_LABEL
        bodies = " ".join(vi for vi, _ in bank_codes(screen))
        if amounts(bodies):  # a payment, not the biometrics update
            bars = [e for e in screen.elements if e.type == "app_bar"]
            assert [b.title.root for b in bars] == [TITLE], f"{lesson.id}/{step.id}"
        words = " ".join(t.text(lang) for t in step_texts(lesson, step) for lang in ("vi", "en"))
        assert not re.search(r"\bPIN\b", words), f"{lesson.id}/{step.id}"
        assert f"mã xác nhận luyện tập {step.expected}" in step.narration.text("vi")
    assert set(PAYMENT_CODE_STEPS.items()) <= set(code_steps)
    assert ("pay-biometrics-update", "enter-code") in code_steps


def test_every_bank_review_screen_is_titled_the_same_with_the_same_button() -> None:
    reviewed = set()
    for lesson, _step, screen in shown_steps():
        if screen.app != AppKind.BANK:
            continue
        for bar in (e for e in screen.elements if e.type == "app_bar"):
            if bar.title.text("vi").startswith("Xác nhận"):
                assert bar.title.root == TITLE, lesson.id  # not "Xác nhận chuyển tiền"
                reviewed.add(lesson.id)
        for button in (e for e in screen.elements if e.type == "button" and e.id == "confirm"):
            assert button.label.root == {"vi": "Xác nhận", "en": "Confirm"}, lesson.id
    assert set(PAYMENT_CODE_STEPS) <= reviewed
    assert {"pay-large-transfer-face", "safe-fake-qr"} <= reviewed


def test_every_payment_code_comes_after_tapping_confirm_on_the_review_screen() -> None:
    for lesson_id, step_id in PAYMENT_CODE_STEPS.items():
        lesson = LESSONS[lesson_id]
        ids = [s.id for s in lesson.steps]
        before = lesson.steps[ids.index(step_id) - 1]
        review = lesson.screen_for(before)
        assert review is not None, lesson_id
        assert [e.title.root for e in review.elements if e.type == "app_bar"] == [TITLE]
        run = play_to(lesson_id, before.id)
        assert run.handle(Tap("confirm"), 1).verdict is Verdict.RIGHT, lesson_id
        assert run.current_step is not None and run.current_step.id == step_id


def test_no_payment_over_ten_million_is_confirmed_by_a_code() -> None:
    large = []
    for lesson, step, screen in shown_steps():
        for vi, _en in bank_codes(screen):
            assert all(a <= FACE_LIMIT for a in amounts(vi)), (lesson.id, step.id, vi)
        if screen.app != AppKind.BANK:
            continue
        shown = " ".join(t.text("vi") for t in screen.texts())
        if any(a > FACE_LIMIT for a in amounts(shown)):
            large.append((lesson.id, step.id))
            assert not code_keypads(screen), (lesson.id, step.id)
            assert not bank_codes(screen), (lesson.id, step.id)
        if code_keypads(screen):
            said = step.narration.text("vi")
            assert all(a <= FACE_LIMIT for a in amounts(said)), (lesson.id, step.id)
    assert ("pay-large-transfer-face", "confirm-transfer") in large
    assert ("pay-transfer", "quiz-face-amount") in large


def test_the_large_transfer_is_still_confirmed_by_the_face() -> None:
    lesson = LESSONS["pay-large-transfer-face"]
    assert not [s for s in lesson.steps if isinstance(s, KeypadStep)]
    run = play_to("pay-large-transfer-face", "confirm-transfer")
    assert "12.000.000 đ" in " ".join(t.text("vi") for t in run.screen.texts())
    assert run.handle(Tap("confirm"), 1).verdict is Verdict.RIGHT
    # Confirming 12,000,000 đ leads to the face scan, not to a code.
    assert run.current_step is not None and run.current_step.id == "start-face-scan"
    assert not code_keypads(run.screen) and not bank_codes(run.screen)
    assert "khuôn mặt" in run.current_step.narration.text("vi")
    assert run.handle(Tap("start"), 2).verdict is Verdict.RIGHT


def test_pay_bill_and_the_qr_payment_take_the_texted_code_not_a_pin() -> None:
    for lesson_id in ("pay-bill", "vietqr-pay-practice"):
        step_id = PAYMENT_CODE_STEPS[lesson_id]
        run = play_to(lesson_id, step_id)
        ((vi, _en),) = bank_codes(run.screen)
        code = SMS_VI.match(vi)
        assert code is not None
        pad = code_keypads(run.screen)[0]
        # pay-bill's old practice PIN (the log-in PIN of pay-balance) no longer pays.
        assert run.handle(KeypadEntered("975310", pad.id), 1).verdict is Verdict.WRONG
        assert run.handle(KeypadEntered(code.group(1), pad.id), 2).verdict is Verdict.RIGHT


def test_pay_transfer_texts_a_confirmation_code_named_the_same_way() -> None:
    run = play_to("pay-transfer", "enter-otp")
    ((vi, _en),) = bank_codes(run.screen)
    assert "200.000 đ" in vi and "Ngân hàng Lúa" in vi
    step = run.current_step
    assert step.skill is not None and "mã xác nhận" in step.skill.text("vi")
    assert "OTP" not in step.narration.text("vi")
    assert run.handle(KeypadEntered("310864", "pad"), 1).verdict is Verdict.RIGHT


def test_scam_lessons_still_teach_never_to_give_the_code() -> None:
    run = play_to("safe-otp", "read-otp-sms")
    ((vi, _en),) = bank_codes(run.screen)
    assert vi.startswith("Mã xác nhận (OTP)")
    assert run.handle(Tap("forward"), 1).verdict is Verdict.WRONG
    assert run.handle(Tap("delete"), 2).verdict is Verdict.RIGHT
    told = LESSONS["safe-otp"].step("intro").narration.text("vi")
    assert "Mã xác nhận" in told and "OTP" in told  # the two names of one code

    run = play_to("market-seller-qr", "quiz-code-request")
    assert run.handle(Choose(("give-code",)), 1).verdict is Verdict.WRONG

    share = LESSONS["pay-receive-history"].step("quiz-share")
    told_apart = {o.id: o for o in share.options}
    assert "Mã xác nhận (OTP)" in told_apart["otp"].text.text("vi")
    assert not told_apart["otp"].correct
