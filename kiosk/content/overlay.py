"""Translations kept beside the lessons: ``<pack>/i18n/<lang>.yaml`` overlay files.

Every text in a lesson has a stable key built from ids, never from positions that shift
when an author adds a step: ``title``, ``steps/<step>/narration``,
``steps/<step>/hints/<n>/text``, ``steps/<step>/options/<option>/text``,
``screens/<screen>/elements/<element>/label``... ('/' because ids may hold '.').

An overlay file holds, per lesson and key, the translation and the Vietnamese text it was
translated from. The loader applies an entry only while that Vietnamese text is unchanged,
so a stale translation is never shown; it counts as untranslated until redone.

```yaml
schema_version: 1
lang: en
lessons:
  vneid-activate-practice:
    steps/intro/narration:
      vi: Trong bài này...
      text: In this lesson...
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content.schema import SOURCE_LANGUAGE
from kiosk.content.schema.common import LANG_PATTERN

I18N_DIR = "i18n"
OVERLAY_FORMAT = 1
ELEMENT_TEXTS = ("title", "text", "label", "alt", "body", "subtitle", "placeholder", "caption")

LessonOverlay = dict[str, dict[str, str]]
"""One lesson's entries: key -> {"vi": source, "text": translation}."""


@dataclass(frozen=True)
class TextSlot:
    """One translatable text in a raw lesson: where it is and what it says."""

    key: str
    step_id: str
    field: str
    holder: dict[str, Any]  # the LocalText map {vi: ..., en: ...} inside the raw lesson

    @property
    def vi(self) -> str:
        return str(self.holder.get(SOURCE_LANGUAGE, ""))


def _id(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) and value else None


def _text(parent: Any, name: str, key: str, step: str, field: str) -> Iterator[TextSlot]:
    value = parent.get(name) if isinstance(parent, dict) else None
    if isinstance(value, dict):
        yield TextSlot(key, step, field, value)


def _screen(screen: Any, prefix: str, step: str, label: str) -> Iterator[TextSlot]:
    elements = screen.get("elements") if isinstance(screen, dict) else None
    for element in elements if isinstance(elements, list) else ():
        eid = _id(element)
        if eid is None:
            continue
        for name in ELEMENT_TEXTS:
            yield from _text(element, name, f"{prefix}/{eid}/{name}", step, f"{label}{eid}.{name}")
        buttons = element.get("buttons")
        for button in buttons if isinstance(buttons, list) else ():
            bid = _id(button)
            if bid:
                key = f"{prefix}/{eid}/buttons/{bid}/label"
                yield from _text(button, "label", key, step, f"{label}{eid}.{bid}.label")


def _step(step: dict[str, Any], sid: str) -> Iterator[TextSlot]:
    base = f"steps/{sid}"
    yield from _text(step, "narration", f"{base}/narration", sid, "narration")
    yield from _text(step, "skill", f"{base}/skill", sid, "skill")
    hints = step.get("hints")
    for n, hint in enumerate(hints if isinstance(hints, list) else (), start=1):
        yield from _text(hint, "text", f"{base}/hints/{n}/text", sid, f"hint {n}")
    feedback = step.get("feedback")
    for name in ("right", "wrong"):
        yield from _text(feedback, name, f"{base}/feedback/{name}", sid, f"feedback {name}")
    elements = feedback.get("elements") if isinstance(feedback, dict) else None
    for eid in elements if isinstance(elements, dict) else ():
        key = f"{base}/feedback/elements/{eid}"
        yield from _text(elements, eid, key, sid, f"feedback on {eid}")
    options = step.get("options")
    for option in options if isinstance(options, list) else ():
        oid = _id(option)
        if oid:
            yield from _text(option, "text", f"{base}/options/{oid}/text", sid, f"option {oid}")
            key = f"{base}/options/{oid}/feedback"
            yield from _text(option, "feedback", key, sid, f"option {oid} feedback")
    if isinstance(step.get("screen"), dict):
        yield from _screen(step["screen"], f"{base}/screen/elements", sid, "screen ")


def text_slots(raw: dict[str, Any]) -> Iterator[TextSlot]:
    """Every translatable text of a raw (parsed, not yet validated) lesson, in file order."""
    yield from _text(raw, "title", "title", "", "title")
    yield from _text(raw, "summary", "summary", "", "summary")
    screens = raw.get("screens")
    for sid, screen in screens.items() if isinstance(screens, dict) else ():
        yield from _screen(screen, f"screens/{sid}/elements", "", f"screen {sid}: ")
    steps = raw.get("steps")
    for step in steps if isinstance(steps, list) else ():
        sid = _id(step)
        if sid is not None:
            yield from _step(step, sid)


def same_source(a: str, b: str) -> bool:
    """Whether two Vietnamese texts are the same, ignoring line breaks and spacing."""
    return " ".join(a.split()) == " ".join(b.split())


def apply_overlays(raw: dict[str, Any], overlays: dict[str, dict[str, LessonOverlay]]) -> None:
    """Write the translations for this lesson into ``raw`` (in place), skipping stale ones."""
    lesson_id = raw.get("id")
    if not isinstance(lesson_id, str):
        return
    wanted = {lang: o[lesson_id] for lang, o in overlays.items() if lesson_id in o}
    if not wanted:
        return
    for slot in text_slots(raw):
        for lang, entries in wanted.items():
            entry = entries.get(slot.key)
            if entry and same_source(entry["vi"], slot.vi):
                slot.holder[lang] = entry["text"]


def overlay_path(pack_root: Path, lang: str) -> Path:
    return pack_root / I18N_DIR / f"{lang}.yaml"


def parse_overlay(data: Any, shown: str) -> tuple[str | None, dict[str, LessonOverlay], list[str]]:
    """(language, lessons, problems) of a parsed overlay file."""
    problems: list[str] = []
    if not isinstance(data, dict) or data.get("schema_version") != OVERLAY_FORMAT:
        return None, {}, [f"needs 'schema_version: {OVERLAY_FORMAT}'"]
    lang = data.get("lang")
    if not isinstance(lang, str) or not LANG_PATTERN.match(lang) or lang == SOURCE_LANGUAGE:
        return None, {}, ["'lang' must be a language code other than 'vi'"]
    expected = Path(shown).stem
    if expected != lang:
        problems.append(f"'lang' is '{lang}' but the file is named for '{expected}'")
    lessons: dict[str, LessonOverlay] = {}
    raw_lessons = data.get("lessons") or {}
    if not isinstance(raw_lessons, dict):
        return lang, {}, ["'lessons' must be a map of lesson id -> texts"]
    for lesson_id, entries in raw_lessons.items():
        good: LessonOverlay = {}
        for key, entry in (entries or {}).items() if isinstance(entries, dict) else ():
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("vi"), str)
                and isinstance(entry.get("text"), str)
                and entry["text"].strip()
            ):
                good[str(key)] = {"vi": entry["vi"], "text": entry["text"]}
            else:
                problems.append(f"lesson {lesson_id}, {key}: needs 'vi' and a non-empty 'text'")
        lessons[str(lesson_id)] = good
    return lang, lessons, problems


def unknown_entries(
    raw: dict[str, Any], overlays: dict[str, dict[str, LessonOverlay]]
) -> list[str]:
    """Overlay keys for this lesson that name no text in it (a renamed step, a typo)."""
    lesson_id = raw.get("id")
    keys = {slot.key for slot in text_slots(raw)}
    return sorted(
        f"{lang}: {key}"
        for lang, lessons in overlays.items()
        for key in lessons.get(str(lesson_id), {})
        if key not in keys
    )
