"""Checks that need the whole lesson or the pack folder: ids, targets, media, practice data.

The schema checks each field on its own; these checks look across fields, so a lesson
that passes the schema may still have problems here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from kiosk.content.problems import Problem
from kiosk.content.schema import (
    AnyStep,
    KeypadStep,
    Lesson,
    LocalMedia,
    PhoneScreen,
    PickStep,
    QuizStep,
    ScanQrStep,
    TypeTextStep,
)
from kiosk.content.schema.common import SOURCE_LANGUAGE
from kiosk.content.schema.lesson import ExplainStep, _ActStep
from kiosk.content.schema.phone import TextField
from kiosk.content.speech import lesson_voice, option_id
from kiosk.vietqr.payload import PRACTICE_ACCOUNT, PRACTICE_BIN, VietQRError, parse_payload

# The element type each act-step kind must target (others may target any element).
TARGET_TYPES = {
    TypeTextStep: "text_field",
    PickStep: "list_item",
    KeypadStep: "keypad",
    ScanQrStep: "qr_code",
}
PAYMENT_PREFIX = "000201"  # tag 00, length 02, value 01: every EMVCo/VietQR payload starts so
# 12 digits standing alone, perhaps grouped by spaces or dots: a citizen ID number.
_CITIZEN_ID = re.compile(r"(?<![0-9])[0-9](?:[ .]?[0-9]){11}(?![0-9])")


def check_lesson(
    lesson: Lesson, file: str, pack_root: Path | None, *, narration: bool = True
) -> list[Problem]:
    """Every cross-field problem in ``lesson``; media are checked when ``pack_root`` is given
    (option narration files too, unless ``narration`` is false)."""
    found: list[Problem] = []

    def add(
        message: str,
        step: str | None = None,
        field: str | None = None,
        code: str = "",
        **values: object,
    ) -> None:
        found.append(Problem(file, message, lesson.id, step, field, code, values))

    for dup, count in Counter(s.id for s in lesson.steps).items():
        if count > 1:
            add(f"step id '{dup}' is used {count} times; step ids must be unique", dup)
    for screen_id, screen in lesson.screens.items():
        for message in _screen_problems(screen):
            add(message, None, f"screens.{screen_id}")
    for step in lesson.steps:
        for field, message in _step_problems(lesson, step):
            add(message, step.id, field)
        if isinstance(step, ExplainStep | QuizStep) and not (step.screen or step.picture):
            add(
                "an explain or quiz step needs a 'picture' or a phone 'screen': learners who "
                "cannot read follow the pictures",
                step.id,
                "picture",
                "visual",
            )
    for where, field, text in _texts(lesson):
        if _looks_like_real_id(text):
            add(
                "a 12-digit number here could be a real citizen ID; practice IDs use a "
                "century digit (4th digit) from 6 to 9, e.g. 011990001234",
                where,
                field,
            )
    if pack_root is not None:
        for where, field, rel in _media(lesson):
            if not (pack_root / rel).is_file():
                message = f"media file '{rel}' does not exist in the pack"
                add(message, where, field, "media", file=rel)
        voice = lesson_voice(pack_root, lesson.id, SOURCE_LANGUAGE)
        for step in lesson.steps if narration else []:
            for option in step.options if isinstance(step, QuizStep) else []:
                line = option_id(step.id, option.id)
                if not voice.has(line):
                    message = (
                        f"option '{option.id}' has no narration: a learner who cannot read "
                        f"must hear it (media/audio/vi/{lesson.id}/{line}.opus or a recording)"
                    )
                    add(message, step.id, f"options[{option.id}]", "narration", option=option.id)
    return found


def _screen_problems(screen: PhoneScreen) -> Iterator[str]:
    for element_id, count in Counter(e.id for e in screen.walk()).items():
        if count > 1:
            yield f"element id '{element_id}' is used {count} times on this screen"
    for element in screen.walk():
        if element.type == "qr_code" and element.payload.startswith(PAYMENT_PREFIX):
            message = practice_qr_problem(element.payload)
            if message:
                yield f"QR code '{element.id}' {message}"


def practice_qr_problem(payload: str) -> str | None:
    """Why a payment-looking QR payload is not a safe practice code, or None if it is.

    The one rule: a valid VietQR payload (lengths and CRC right) whose acquirer BIN is
    ``000000`` and whose account is ``LUYENTAP``, as ``kiosk.vietqr.practice_payload()``
    builds. No bank has that BIN and no account has letters, so a real app cannot pay it.
    """
    try:
        parsed = parse_payload(payload)
    except VietQRError as exc:
        return f"looks like a payment code but is not a valid VietQR code ({exc})"
    if parsed.bin != PRACTICE_BIN or parsed.account != PRACTICE_ACCOUNT:
        return (
            f"is a payment code for bank {parsed.bin}, account {parsed.account}; practice "
            f"codes must use bank {PRACTICE_BIN} and account {PRACTICE_ACCOUNT} "
            "(build them with kiosk.vietqr.practice_payload)"
        )
    return None


def _step_problems(lesson: Lesson, step: AnyStep) -> Iterator[tuple[str, str]]:
    if isinstance(step.screen, str) and step.screen not in lesson.screens:
        yield "screen", f"no screen '{step.screen}' in the lesson's 'screens'"
        return
    screen = lesson.screen_for(step)
    if screen is not None and not isinstance(step.screen, str):
        for message in _screen_problems(screen):
            yield "screen", message
    if isinstance(step, _ActStep):
        yield from _act_problems(step, screen)
    elif screen is not None:
        for element_id in step.feedback.elements:
            if screen.element(element_id) is None:
                yield f"feedback.elements.{element_id}", "no element with this id on the screen"
    if isinstance(step, QuizStep):
        yield from _quiz_problems(step)


def _act_problems(step: _ActStep, screen: PhoneScreen | None) -> Iterator[tuple[str, str]]:
    if screen is None:
        yield "screen", f"a '{getattr(step, 'kind', 'act')}' step needs a phone screen"
        return
    target = screen.element(step.target)
    if target is None:
        yield "target", f"no element '{step.target}' on the step's screen"
    else:
        wanted = TARGET_TYPES.get(type(step))
        if wanted and target.type != wanted:
            yield "target", f"'{step.target}' is a {target.type}; this step needs a {wanted}"
    for element_id in step.feedback.elements:
        if screen.element(element_id) is None:
            yield f"feedback.elements.{element_id}", "no element with this id on the screen"
        elif element_id == step.target:
            yield f"feedback.elements.{element_id}", "the target gets 'right' feedback, not this"
    if isinstance(step, ScanQrStep) and not any(
        e.type == "camera_viewfinder" for e in screen.walk()
    ):
        yield "screen", "a scan_qr step needs a camera_viewfinder element"
    if isinstance(step, KeypadStep):
        if step.expected not in step.narration.text("vi").replace(" ", ""):
            yield (
                "narration",
                f"must tell the learner the practice value '{step.expected}' "
                "(never ask for a real PIN, passcode or OTP)",
            )
        length = target.length if target is not None and target.type == "keypad" else None
        if length is not None and len(step.expected) != length:
            yield "expected", f"has {len(step.expected)} digits; the keypad takes {length}"


def _quiz_problems(step: QuizStep) -> Iterator[tuple[str, str]]:
    for dup_id, count in Counter(o.id for o in step.options).items():
        if count > 1:
            yield "options", f"option id '{dup_id}' is used {count} times"
    right = len(step.answer)
    if step.mode == "single" and right != 1:
        yield "options", f"a single-choice quiz needs exactly one correct option, not {right}"
    if step.mode == "multiple" and right < 1:
        yield "options", "a multiple-choice quiz needs at least one correct option"


def _texts(lesson: Lesson) -> Iterator[tuple[str | None, str, str]]:
    """(step id, field, text) for every text a learner can see or has to type."""
    for screen_id, screen in lesson.screens.items():
        for text in _screen_strings(screen):
            yield None, f"screens.{screen_id}", text
    for step in lesson.steps:
        yield from ((step.id, "narration", t) for t in step.narration.root.values())
        for i, hint in enumerate(step.hints):
            yield from ((step.id, f"hints[{i + 1}]", t) for t in hint.text.root.values())
        if step.screen is not None and not isinstance(step.screen, str):
            yield from ((step.id, "screen", t) for t in _screen_strings(step.screen))
        if isinstance(step, TypeTextStep):
            yield from ((step.id, "rule.values", v) for v in step.rule.values)
        if isinstance(step, QuizStep):
            for option in step.options:
                field = f"options[{option.id}].text"
                yield from ((step.id, field, t) for t in option.text.root.values())


def _screen_strings(screen: PhoneScreen) -> Iterator[str]:
    for text in screen.texts():
        yield from text.root.values()
    for element in screen.walk():
        if isinstance(element, TextField):
            yield element.value


def _looks_like_real_id(text: str) -> bool:
    for match in _CITIZEN_ID.finditer(text):
        digits = re.sub(r"[ .]", "", match.group())
        if digits[3] in "012345":
            return True
    return False


def _audio(field: str, media: LocalMedia) -> Iterator[tuple[str, str]]:
    for lang, rel in media.root.items():
        yield f"{field}.{lang}", rel


def _media(lesson: Lesson) -> Iterator[tuple[str | None, str, str]]:
    """(step id, field, path) for every media file the lesson names."""
    if lesson.icon:
        yield None, "icon", lesson.icon
    for screen_id, screen in lesson.screens.items():
        for rel in screen.media():
            yield None, f"screens.{screen_id}", rel
    for step in lesson.steps:
        for field, rel in _audio("audio", step.audio):
            yield step.id, field, rel
        for i, hint in enumerate(step.hints):
            for field, rel in _audio(f"hints[{i + 1}].audio", hint.audio):
                yield step.id, field, rel
        if step.screen is not None and not isinstance(step.screen, str):
            for rel in step.screen.media():
                yield step.id, "screen", rel
        if isinstance(step, ExplainStep | QuizStep) and step.picture:
            yield step.id, "picture", step.picture
        if isinstance(step, QuizStep):
            for option in step.options:
                if option.picture:
                    yield step.id, f"options[{option.id}].picture", option.picture
