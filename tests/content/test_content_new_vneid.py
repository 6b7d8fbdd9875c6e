"""New VNeID and public-portal lessons: each plays right through and teaches the real flow."""

from __future__ import annotations

import pytest

from kiosk.content.answers import right_event
from kiosk.content.engine import LessonRun
from kiosk.content.events import Choose, Tap, TextEntered, Verdict
from kiosk.content.loader import load_packs
from kiosk.content.schema import Lesson, QuizStep, Track
from kiosk.content.schema.lesson import PickStep, ScanQrStep, TapStep, TypeTextStep
from kiosk.content.schema.phone import Button, ListItem

# Narration files are generated after the merge; the flow itself does not depend on them.
RESULT = load_packs(narration=False)
LESSONS = {e.lesson.id: e.lesson for e in RESULT.lessons}
NEW = {"vneid-lock-account": 206, "staff-public-portal": 503}


def _lesson(lesson_id: str) -> Lesson:
    assert lesson_id in LESSONS, f"{lesson_id} is not loaded: {[str(p) for p in RESULT.problems]}"
    return LESSONS[lesson_id]


def _play_right(lesson: Lesson) -> list[str]:
    """Play every step right; return, in order, the vi label of each element tapped."""
    run = LessonRun.start(lesson, 0)
    tapped: list[str] = []
    now = 0
    outcome = None
    while not run.finished:
        step = run.current_step
        assert step is not None
        event = right_event(step, run.screen)
        assert event is not None, step.id
        if isinstance(event, Tap) and run.screen is not None:
            element = run.screen.element(event.element)
            if isinstance(element, Button):
                tapped.append(element.label.text("vi"))
            elif isinstance(element, ListItem):
                tapped.append(element.title.text("vi"))
        now += 4000
        outcome = run.handle(event, now)
        assert outcome.verdict is Verdict.RIGHT, step.id
    assert outcome is not None and outcome.result is not None
    assert outcome.result.passed and outcome.result.score == 1.0
    return tapped


@pytest.mark.parametrize(("lesson_id", "code"), sorted(NEW.items()))
def test_new_lesson_is_in_the_catalogue(lesson_id: str, code: int) -> None:
    lesson = _lesson(lesson_id)
    assert lesson.code == code
    assert 4 <= lesson.estimated_minutes <= 8
    others = [e.lesson.code for e in RESULT.lessons if e.lesson.id != lesson_id]
    assert code not in others


def test_lock_lesson_walks_the_real_lock_flow_on_vneid_gov_vn() -> None:
    lesson = _lesson("vneid-lock-account")
    assert lesson.track is Track.VNEID
    assert {"adults", "workers", "public_staff"} <= {g.value for g in lesson.target_groups}
    tapped = _play_right(lesson)
    # A borrowed phone's browser, log in on the site, then the lock request, then the reason.
    lock = "Yêu cầu khóa tài khoản"
    assert tapped[0] == "Trình duyệt"
    assert tapped.index("Đăng nhập") < tapped.index(lock)
    assert tapped[tapped.index(lock) + 1].startswith("Mất thiết bị")


def test_lock_lesson_types_the_official_address_only() -> None:
    lesson = _lesson("vneid-lock-account")
    step = lesson.step("type-address")
    assert isinstance(step, TypeTextStep)
    for address in ("vneid.gov.vn", "https://vneid.gov.vn", "VNEID.GOV.VN"):
        assert step.rule.accepts(address), address
    for fake in ("vneid.gov-vn.top", "khoa-vneid-nhanh.com", "vneid.gov.vn.top"):
        assert not step.rule.accepts(fake), fake


def test_lock_lesson_quizzes_teach_bank_and_lock_police_and_no_codes() -> None:
    lesson = _lesson("vneid-lock-account")
    first = lesson.step("quiz-first")
    assert isinstance(first, QuizStep)
    (right,) = [o for o in first.options if o.correct]
    assert "ngân hàng" in right.text.text("vi") and "khóa VNeID" in right.text.text("vi")
    no_phone = lesson.step("quiz-no-phone")
    assert isinstance(no_phone, QuizStep)
    assert no_phone.answer == {"police"}
    fake_call = lesson.step("quiz-fake-call")
    assert isinstance(fake_call, QuizStep)
    (hang_up,) = [o for o in fake_call.options if o.correct]
    assert "156" in hang_up.text.text("vi")


def test_lock_lesson_address_quiz_is_answered_by_tapping_the_phone() -> None:
    lesson = _lesson("vneid-lock-account")
    run = LessonRun.start(lesson, 0)
    now = 0
    while run.current_step is not None and run.current_step.id != "quiz-address":
        step = run.current_step
        event = right_event(step, run.screen)
        assert event is not None
        now += 1000
        run.handle(event, now)
    assert run.screen is not None and run.screen.element("official") is not None
    outcome = run.handle(Tap("official"), now + 1000)
    assert outcome.verdict is Verdict.RIGHT


def test_lock_lesson_picking_the_wrong_reason_explains_why() -> None:
    lesson = _lesson("vneid-lock-account")
    step = lesson.step("pick-reason")
    assert isinstance(step, PickStep) and step.target == "lost-device"
    assert "bị mất" in step.feedback.elements["broken-device"].text("vi")


def test_portal_lesson_logs_in_with_vneid_and_starts_one_procedure() -> None:
    lesson = _lesson("staff-public-portal")
    assert set(lesson.target_groups) == {"public_staff", "adults"}
    tapped = _play_right(lesson)
    assert tapped == [
        "Đăng nhập",
        "Tài khoản định danh điện tử cấp bởi Bộ Công an",
        "Quét mã QR",
        "Đăng ký khai sinh",
        "Nộp hồ sơ trực tuyến",
    ]
    # The login QR on the portal page is the one scanned in VNeID.
    scan = lesson.step("scan-login")
    assert isinstance(scan, ScanQrStep)
    page = lesson.screens["qr-page"].element(scan.target)
    assert page is not None and getattr(page, "payload", None)
    scanned = lesson.screen_for(scan)
    assert scanned is not None and scanned.app == "identity"


def test_portal_lesson_refuses_fake_addresses_and_finds_the_procedure_by_name() -> None:
    lesson = _lesson("staff-public-portal")
    address = lesson.step("type-address")
    assert isinstance(address, TypeTextStep)
    assert address.rule.accepts("dichvucong.gov.vn")
    assert not address.rule.accepts("dichvucong-online.com")
    assert not address.rule.accepts("dichvucong.gov-vn.net")
    search = lesson.step("search-procedure")
    assert isinstance(search, TypeTextStep)
    assert search.rule.accepts("khai sinh") and search.rule.accepts("dang ky khai sinh")
    assert not search.rule.accepts("kết hôn")


def test_portal_lesson_fee_link_is_refused_and_staff_never_type_for_citizens() -> None:
    lesson = _lesson("staff-public-portal")
    run = LessonRun.start(lesson, 0)
    answers = {"quiz-fee-link": "pay-small", "quiz-staff-help": "write-down"}
    now = 0
    while not run.finished:
        step = run.current_step
        assert step is not None
        now += 1000
        if step.id in answers and isinstance(step, QuizStep):
            outcome = run.handle(Choose((answers[step.id],)), now)
            assert outcome.verdict is Verdict.WRONG, step.id
            assert outcome.feedback is not None and outcome.feedback.text("vi"), step.id
            continue
        event = right_event(step, run.screen)
        assert event is not None
        run.handle(event, now)
    result = run.result()
    assert set(result.to_practise) == set(answers)


def test_practice_steps_never_ask_for_a_real_secret() -> None:
    """The sign-in form is filled with practice values; nothing asks to type a password."""
    for lesson_id in NEW:
        lesson = _lesson(lesson_id)
        for step in lesson.steps:
            if isinstance(step, TypeTextStep):
                screen = lesson.screen_for(step)
                assert screen is not None
                field = screen.element(step.target)
                assert getattr(field, "input", None) != "password", step.id
    sign_in = _lesson("vneid-lock-account").step("sign-in")
    assert isinstance(sign_in, TapStep)
    screen = _lesson("vneid-lock-account").screen_for(sign_in)
    assert screen is not None
    id_number = screen.element("id-number")
    value = getattr(id_number, "value", "")
    assert len(value) == 12 and value[3] in "6789"  # a practice ID number, never a real one


def test_typed_address_with_spaces_is_still_checked() -> None:
    step = _lesson("vneid-lock-account").step("type-address")
    assert isinstance(step, TypeTextStep)
    run = LessonRun.start(_lesson("vneid-lock-account"), 0)
    while run.current_step is not None and run.current_step.id != step.id:
        event = right_event(run.current_step, run.screen)
        assert event is not None
        run.handle(event, 1000)
    assert run.handle(TextEntered("  vneid.gov.vn ", step.target), 2000).verdict is Verdict.RIGHT
