"""Demonstration mode for Digital Market (Chợ số) stalls.

With ``kiosk --demo`` or the staff switch, the welcome screen gives way to an attract loop
of short demonstrations; a touch opens the presenter, where any lesson can be stepped
forwards and backwards. Nothing is recorded about people: the presenter plays lessons on
a ``DemoSession`` (the lesson engine alone, no database), and no learner is ever asked
for. Leaving demo mode goes through the staff PIN and the staff menu.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from kiosk.content.answers import right_event
from kiosk.content.engine import LessonRun, StepView
from kiosk.content.events import Event, Outcome, RunResult, Skip, TimePassed
from kiosk.content.loader import LoadedLesson
from kiosk.content.schema import PhoneScreen
from kiosk.content.speech import Voice
from kiosk.navigation import Screen
from kiosk.ui.flows.api import MenuItem
from kiosk.vietqr.practice import practice_payload

if TYPE_CHECKING:
    from kiosk.ui.flows.api import FlowHost

log = logging.getLogger(__name__)
DEMO_INTERVAL_MS = 10_000  # one demonstration, then the next (8-12 s reads comfortably)


class DemoSession:
    """A lesson a presenter steps through: the engine only, nothing is ever saved.

    Quacks like ``kiosk.learning.session.LessonSession`` for the lesson player.
    """

    is_guest = True

    def __init__(self, loaded: LoadedLesson) -> None:
        self.loaded = loaded
        self.run = LessonRun.start(loaded.lesson, self._ms())
        self.completion = None

    @staticmethod
    def _ms() -> int:
        return int(time.monotonic() * 1000)

    @property
    def lesson(self) -> Any:
        return self.loaded.lesson

    @property
    def finished(self) -> bool:
        return self.run.finished

    @property
    def index(self) -> int:
        return self.run.index

    def view(self, lang: str) -> StepView | None:
        return self.run.view(lang)

    def media(self, rel: str | None) -> Path | None:
        return self.loaded.media(rel)

    def voice(self, lang: str) -> Voice:
        return self.loaded.voice(lang)

    def result(self) -> RunResult:
        return self.run.result()

    def handle(self, event: Event) -> Outcome:
        return self.run.handle(event, self._ms())

    def tick(self) -> Outcome:
        return self.handle(TimePassed())

    def save(self) -> None:
        """Nothing to save: demonstrations leave no trace."""

    def leave(self) -> None:
        """Nothing to save: demonstrations leave no trace."""

    def forward(self) -> None:
        """Answer the current step right (or pass it) and move to the next."""
        step = self.run.current_step
        if step is None:
            return
        event = right_event(step, self.run.screen) or Skip()
        outcome = self.handle(event)
        if not outcome.step_done:
            self.handle(Skip())

    def back(self) -> None:
        """Go to the step before: start again and replay up to it (after the end: the last)."""
        target = self.run.index if self.run.finished else max(0, self.run.index - 1)
        self.restart()
        while self.run.index < target and not self.run.finished:
            self.forward()

    def restart(self) -> None:
        self.run = LessonRun.start(self.loaded.lesson, self._ms())


# The attract loop's demonstrations -----------------------------------------------------------


@dataclass(frozen=True)
class DemoFrame:
    screen: PhoneScreen
    caption: str  # translation key: what is happening
    callout: str  # translation key: the lesson to take away
    kind: str  # "check" (yellow), "danger" (red), "ok" (green)


@dataclass(frozen=True)
class Demonstration:
    title: str  # translation key
    frames: tuple[DemoFrame, ...]


def _t(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


def _screen(app: str, *elements: dict[str, Any]) -> PhoneScreen:
    return PhoneScreen.model_validate(
        {"app": app, "elements": [{"type": "status_bar", "id": "status"}, *elements]}
    )


def demonstrations() -> tuple[Demonstration, ...]:
    """Three short stories, two frames each. Every number and code is practice data."""
    scan = _screen(
        "bank",
        {"type": "camera_viewfinder", "id": "camera",
         "caption": _t("Đưa mã QR vào trong khung", "Put the QR code inside the frame")},
        {"type": "qr_code", "id": "stall-qr", "payload": practice_payload(45000, "MUA RAU")},
    )  # fmt: skip
    confirm = _screen(
        "bank",
        {"type": "app_bar", "id": "bar",
         "title": _t("Xác nhận giao dịch", "Confirm the transaction")},
        {"type": "text", "id": "payee", "style": "title",
         "text": _t("Người nhận: LO THI MAU", "Payee: LO THI MAU")},
        {"type": "text", "id": "amount", "text": _t("Số tiền: 45.000 đ", "Amount: 45,000 VND")},
        {"type": "button", "id": "confirm", "label": _t("Xác nhận", "Confirm")},
    )  # fmt: skip
    call = _screen(
        "calls",
        {"type": "text", "id": "caller", "style": "title",
         "text": _t("Cuộc gọi đến: số lạ", "Incoming call: unknown number")},
        {"type": "text", "id": "claim",
         "text": _t("“Tôi là công an phường. Anh chị phải nâng cấp VNeID mức 2 ngay, "
                    "bấm vào đường link tôi gửi.”",
                    "“I am the ward police. You must upgrade VNeID to level 2 now: "
                    "tap the link I send.”")},
        {"type": "button", "id": "decline", "style": "danger", "label": _t("Từ chối", "Decline")},
    )  # fmt: skip
    link = _screen(
        "sms",
        {"type": "message", "id": "sms", "sender": "VNeID-CAPNHAT",
         "text": _t("Nâng cấp định danh mức 2 tại đây:", "Upgrade to level 2 here:"),
         "link": "vneid-capnhat.example"},
    )  # fmt: skip
    otp = _screen(
        "sms",
        {"type": "message", "id": "otp", "sender": "NganHang",
         "text": _t("Mã OTP của bạn là 246810. KHÔNG chia sẻ mã này với bất kỳ ai.",
                    "Your OTP is 246810. Do NOT share this code with anyone.")},
    )  # fmt: skip
    asker = _screen(
        "chat",
        {"type": "message", "id": "ask", "sender": "Người lạ",
         "text": _t("Em ở ngân hàng, chị đọc giúp em mã vừa nhận để hoàn tiền nhé.",
                    "I'm from the bank, read me the code you just got for your refund.")},
    )  # fmt: skip
    return (
        Demonstration(
            "demo.scan.title",
            (
                DemoFrame(scan, "demo.scan.step1", "demo.scan.callout", "check"),
                DemoFrame(confirm, "demo.scan.step2", "demo.scan.callout", "check"),
            ),
        ),
        Demonstration(
            "demo.scam.title",
            (
                DemoFrame(call, "demo.scam.step1", "demo.scam.callout", "danger"),
                DemoFrame(link, "demo.scam.step2", "demo.scam.callout", "danger"),
            ),
        ),
        Demonstration(
            "demo.otp.title",
            (
                DemoFrame(otp, "demo.otp.step1", "demo.otp.callout", "danger"),
                DemoFrame(asker, "demo.otp.step2", "demo.otp.callout", "danger"),
            ),
        ),
    )


# The flow ------------------------------------------------------------------------------------


class DemoFlow:
    """Demo mode on or off, the loop and the presenter screens, and the staff switch."""

    def __init__(self, controller: FlowHost, interval_ms: int = DEMO_INTERVAL_MS) -> None:
        self.c = controller
        self.on = False
        self.interval_ms = interval_ms
        controller.on_screen_changed(self._on_screen)
        self.item = MenuItem("demo.menu_on", self.toggle)

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {Screen.DEMO_LOOP: self._build_loop, Screen.DEMO_PRESENTER: self._build_presenter}

    def start(self) -> None:
        """Demo mode on: the attract loop stands in for the welcome screen."""
        if self.c.services.identity is None:
            log.warning("demo mode needs a set-up kiosk (leaving it asks for the staff PIN)")
            return
        self.on = True
        self._relabel("demo.menu_off")
        if self.c.current_screen is Screen.WELCOME:
            self.c.show(Screen.DEMO_LOOP)

    def stop(self) -> None:
        self.on = False
        self._relabel("demo.menu_on")

    def toggle(self) -> None:
        """The staff menu switch (behind the staff PIN)."""
        from kiosk.staff.ops import switch_demo

        turning_on = not self.on
        switch_demo(self.c.services, turning_on)
        if turning_on:
            self.start()
            self.c.reset_to_welcome()
        else:
            self.stop()
            show = getattr(self.c.current_widget, "show_message", None)
            if callable(show):
                show(self.c.t("demo.stopped"))

    def _relabel(self, key: str) -> None:
        old = self.item
        self.item = MenuItem(key, self.toggle)
        self.c.relabel_menu_item(old.key, self.item)
        buttons = getattr(self.c.current_widget, "buttons", {})
        if old.key in buttons:  # the menu on screen: same action, new words
            buttons[old.key].setText(self.c.t(key))

    def _on_screen(self, screen: Screen) -> None:
        if self.on and screen is Screen.WELCOME:
            self.c.show(Screen.DEMO_LOOP)

    # Screens -----------------------------------------------------------------------------------

    def _build_loop(self) -> QWidget:
        from kiosk.ui.screens.demo_loop import DemoLoopScreen

        screen = DemoLoopScreen(
            self.c.t, demonstrations(), self.c.services.translator.language, self.interval_ms
        )
        screen.touched.connect(lambda: self.c.show(Screen.DEMO_PRESENTER))
        return screen

    def _build_presenter(self) -> QWidget:
        from kiosk.learning.catalogue import lesson_tiles
        from kiosk.ui.screens.demo_presenter import DemoPresenterScreen

        s = self.c.services
        lang = s.translator.language
        content = s.content()
        screen = DemoPresenterScreen(
            self.c.t,
            lesson_tiles(content.lessons, lang, {}),
            lang,
            self.c.narrator,
            lambda lesson_id: DemoSession(content.lesson(lesson_id)),
        )
        screen.loop_requested.connect(lambda: self.c.show(Screen.DEMO_LOOP))
        screen.staff_requested.connect(self.c.open_staff_entry)
        return screen
