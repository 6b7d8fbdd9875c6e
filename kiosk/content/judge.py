"""Deciding whether one event answers one step, and which feedback goes with it."""

from __future__ import annotations

from kiosk.content.events import (
    Choose,
    Continue,
    Event,
    KeypadEntered,
    LongPress,
    QrScanned,
    RequestHint,
    Skip,
    Swipe,
    Tap,
    TextEntered,
    TimePassed,
    Verdict,
)
from kiosk.content.schema import (
    AnyStep,
    ExplainStep,
    KeypadStep,
    LocalText,
    LongPressStep,
    PhoneScreen,
    PickStep,
    QuizStep,
    ScanQrStep,
    SwipeStep,
    TapStep,
    TypeTextStep,
)


def judge(step: AnyStep, screen: PhoneScreen | None, event: Event) -> Verdict:
    """RIGHT, WRONG, or NONE when the event does not answer this kind of step."""
    if isinstance(event, TimePassed | Skip | RequestHint):
        return Verdict.NONE
    if isinstance(step, ExplainStep):
        return Verdict.RIGHT if isinstance(event, Continue) else Verdict.NONE
    if isinstance(event, Continue):
        return Verdict.NONE
    if isinstance(step, QuizStep):
        chosen = quiz_choice(step, event)
        return Verdict.NONE if chosen is None else _verdict(chosen == step.answer)
    return _judge_act(step, screen, event)


def quiz_choice(step: QuizStep, event: Event) -> frozenset[str] | None:
    """The options an event chooses: a ``Choose``, or a tap on the phone element that has an
    option's id (a "do it on the phone" question); None for anything else."""
    if isinstance(event, Choose):
        return frozenset(event.choices)
    if isinstance(event, Tap) and any(o.id == event.element for o in step.options):
        return frozenset({event.element})
    return None


def _verdict(right: bool) -> Verdict:
    return Verdict.RIGHT if right else Verdict.WRONG


def _judge_act(step: AnyStep, screen: PhoneScreen | None, event: Event) -> Verdict:
    if isinstance(step, TapStep):
        return _verdict(isinstance(event, Tap) and event.element == step.target)
    if isinstance(step, LongPressStep):
        return _verdict(isinstance(event, LongPress) and event.element == step.target)
    if isinstance(step, SwipeStep):
        return _verdict(
            isinstance(event, Swipe)
            and event.direction == step.direction
            and event.element in (None, step.target)
        )
    if isinstance(step, TypeTextStep):
        return _verdict(
            isinstance(event, TextEntered)
            and event.element in (None, step.target)
            and step.rule.accepts(event.text)
        )
    if isinstance(step, PickStep):
        if isinstance(event, Choose):
            return _verdict(event.choices == (step.target,))
        return _verdict(isinstance(event, Tap) and event.element == step.target)
    if isinstance(step, KeypadStep):
        return _verdict(
            isinstance(event, KeypadEntered)
            and event.element in (None, step.target)
            and event.digits == step.expected
        )
    if isinstance(step, ScanQrStep):
        element = screen.element(step.target) if screen else None
        if isinstance(event, Tap) and screen is not None:
            tapped = screen.element(event.element)
            if tapped is not None and tapped.type == "camera_viewfinder":
                return Verdict.NONE  # tapping to focus the camera is neither right nor wrong
        payload = element.payload if element is not None and element.type == "qr_code" else None
        return _verdict(isinstance(event, QrScanned) and event.payload == payload)
    return Verdict.NONE


def wrong_feedback(step: AnyStep, event: Event) -> LocalText | None:
    """The most specific feedback for a wrong answer: the element's, the option's, the step's."""
    element = getattr(event, "element", None)
    if element is not None and element in step.feedback.elements:
        return step.feedback.elements[element]
    choice = quiz_choice(step, event) if isinstance(step, QuizStep) else None
    if isinstance(step, QuizStep) and choice is not None:
        chosen = [o for o in step.options if o.id in choice]
        wrong = [o for o in chosen if not o.correct and o.feedback is not None]
        if wrong:
            return wrong[0].feedback
    if isinstance(step, PickStep) and isinstance(event, Choose) and event.choices:
        picked = step.feedback.elements.get(event.choices[0])
        if picked is not None:
            return picked
    return step.feedback.wrong
