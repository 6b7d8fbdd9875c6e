"""Corrections from walking the other built-in lessons beside the real apps (issue 12).

Each test drives the built-in lesson with ``LessonRun`` and would fail on its old version.
"""

from __future__ import annotations

from kiosk.content.coverage import step_texts
from kiosk.content.engine import LessonRun
from kiosk.content.events import Tap, Verdict
from kiosk.content.loader import load_packs
from kiosk.content.schema import Lesson
from kiosk.content.schema.phone import PhoneScreen
from tests.helpers.lesson_runs import run_to_step

LESSONS = {e.lesson.id: e.lesson for e in load_packs().lessons}


def _run_to(lesson_id: str, step_id: str) -> LessonRun:
    """A run of the lesson, played right up to (not into) ``step_id``."""
    return run_to_step(LESSONS[lesson_id], step_id)[0]


def _element(screen: PhoneScreen | None, element_id: str) -> object:
    assert screen is not None
    found = [e for e in screen.elements if e.id == element_id]
    assert found, element_id
    return found[0]


def _vi_texts(lesson: Lesson) -> list[str]:
    return [text.text("vi") for step in lesson.steps for text in step_texts(lesson, step)]


def test_vneid_wallet_is_the_vneid_app_and_asks_for_the_passcode() -> None:
    lesson = LESSONS["vneid-wallet"]
    assert lesson.version >= 3
    run = _run_to("vneid-wallet", "open-wallet")
    bar = _element(run.screen, "bar")
    assert bar.title.text("vi") == "VNeID (luyện tập)"  # type: ignore[attr-defined]
    run = _run_to("vneid-wallet", "passcode")
    prompt = _element(run.screen, "prompt")
    assert "passcode" in prompt.text.text("vi")  # type: ignore[attr-defined]
    assert not any("mật mã" in text.lower() for text in _vi_texts(lesson))


def test_staff_guide_scene_shows_the_vneid_passcode_screen() -> None:
    assert LESSONS["staff-public-services"].version >= 3
    run = _run_to("staff-public-services", "guide-not-type")
    bar = _element(run.screen, "bar")
    assert bar.title.text("vi") == "Nhập passcode"  # type: ignore[attr-defined]
    assert run.handle(Tap("take"), 1).verdict is Verdict.WRONG
    assert run.handle(Tap("guide"), 2).verdict is Verdict.RIGHT


def test_fake_stall_sticker_shows_the_payee_before_any_amount() -> None:
    assert LESSONS["safe-fake-qr"].version >= 3
    scan = _run_to("safe-fake-qr", "scan")
    sticker = _element(scan.screen, "stall-qr")
    assert sticker.payload.startswith("000201010211")  # type: ignore[attr-defined]  # static
    run = _run_to("safe-fake-qr", "spot-name")
    amount = _element(run.screen, "amount")
    assert amount.type == "text_field" and not amount.value  # type: ignore[attr-defined]
    payee = _element(run.screen, "payee")
    assert "TRAN VAN GIA" in payee.text.text("vi")  # type: ignore[attr-defined]
    assert run.handle(Tap("next"), 1).verdict is Verdict.WRONG
    assert run.handle(Tap("cancel"), 2).verdict is Verdict.RIGHT


def test_sim_lender_english_title_adds_nothing_the_vietnamese_lacks() -> None:
    lesson = LESSONS["safe-account-sim-renting"]
    assert lesson.version >= 2
    run = _run_to("safe-account-sim-renting", "refuse-sim")
    bar = _element(run.screen, "bar")
    assert bar.title.text("en") == "Lò Văn Mẫu"  # type: ignore[attr-defined]
