"""The event that answers a step right (or wrong): for demonstrations, tests and benches."""

from __future__ import annotations

from kiosk.content.events import (
    Choose,
    Continue,
    Event,
    KeypadEntered,
    LongPress,
    QrScanned,
    Swipe,
    Tap,
    TextEntered,
)
from kiosk.content.schema import AnyStep, PhoneScreen
from kiosk.content.schema.lesson import (
    ExplainStep,
    KeypadStep,
    LongPressStep,
    PickStep,
    QuizStep,
    ScanQrStep,
    SwipeStep,
    TapStep,
    TypeTextStep,
)


def qr_payload(screen: PhoneScreen | None, target: str) -> str | None:
    for element in screen.elements if screen else ():
        if element.id == target:
            return getattr(element, "payload", None)
    return None


def right_event(step: AnyStep, screen: PhoneScreen | None) -> Event | None:
    """The event a learner makes to get ``step`` right; None if it cannot be derived."""
    if isinstance(step, ExplainStep):
        return Continue()
    if isinstance(step, QuizStep):
        return Choose(tuple(sorted(step.answer)))
    if isinstance(step, TapStep):
        return Tap(step.target)
    if isinstance(step, LongPressStep):
        return LongPress(step.target)
    if isinstance(step, SwipeStep):
        return Swipe(step.direction, step.target)
    if isinstance(step, PickStep):
        return Tap(step.target)
    if isinstance(step, KeypadStep):
        return KeypadEntered(step.expected, step.target)
    if isinstance(step, TypeTextStep):
        rule = step.rule
        if rule.example is not None:
            return TextEntered(rule.example, step.target)
        if rule.values:
            return TextEntered(rule.values[0], step.target)
        if rule.match == "not_empty":
            return TextEntered("Mẫu", step.target)
        return None
    if isinstance(step, ScanQrStep):
        payload = qr_payload(screen, step.target)
        return QrScanned(payload) if payload is not None else None
    return None


def wrong_event(step: AnyStep, screen: PhoneScreen | None) -> Event | None:
    """A plausible wrong answer (a tap beside the target, a wrong option...)."""
    if isinstance(step, QuizStep):
        wrong = [o.id for o in step.options if not o.correct]
        return Choose((wrong[0],)) if wrong else None
    if isinstance(step, KeypadStep):
        digits = "".join("1" if d != "1" else "2" for d in step.expected)
        return KeypadEntered(digits, step.target)
    if isinstance(step, TypeTextStep):
        return TextEntered("" if step.rule.match == "not_empty" else "???", step.target)
    if isinstance(step, TapStep | LongPressStep | PickStep | SwipeStep):
        others = [e.id for e in (screen.elements if screen else ()) if e.id != step.target]
        return Tap(others[0]) if others else None
    if isinstance(step, ScanQrStep):
        return QrScanned("NOT-THE-CODE")
    return None
