"""Shared data and fixtures for the content tests: a lesson that uses every step kind.

Not a conftest.py: a second conftest module would shadow ``tests/conftest.py`` for the
suites that import from it. Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.content.schema import Lesson


def t(vi: str, en: str | None = None) -> dict[str, str]:
    return {"vi": vi, **({"en": en} if en else {})}


ALL_KINDS: dict[str, Any] = {
    "schema_version": 1,
    "id": "all-kinds",
    "code": 9,
    "version": 3,
    "title": t("Mọi loại bước", "Every step kind"),
    "summary": t("Bài thử", "A test lesson"),
    "track": "device_basics",
    "target_groups": ["adults", "pupils"],
    "estimated_minutes": 5,
    "pass_rule": {"min_practice_done": 1.0, "min_quiz_right": 0.5},
    "screens": {
        "main": {
            "app": "home",
            "elements": [
                {"type": "status_bar", "id": "status"},
                {"type": "button", "id": "btn", "label": t("Mở", "Open")},
                {"type": "text_field", "id": "field", "label": t("Họ tên")},
                {"type": "list_item", "id": "item-a", "title": t("Một")},
                {"type": "list_item", "id": "item-b", "title": t("Hai")},
                {"type": "keypad", "id": "pad", "purpose": "pin", "length": 4},
                {"type": "camera_viewfinder", "id": "cam"},
                {"type": "qr_code", "id": "qr", "payload": "PRACTICE-1"},
                {"type": "qr_code", "id": "qr2", "payload": "OTHER"},
                {"type": "message", "id": "link", "sender": "x", "text": t("Bấm vào đây")},
            ],
        }
    },
    "steps": [
        {
            "id": "intro",
            "kind": "explain",
            "narration": t("Chào bạn", "Hello"),
            "audio": {"vi": "media/intro-vi.ogg"},
            "picture": "media/intro.svg",
        },
        {
            "id": "tap",
            "kind": "tap",
            "screen": "main",
            "target": "btn",
            "narration": t("Chạm nút Mở", "Tap Open"),
            "hints": [
                {"text": t("Nút ở trên", "The top button"), "after_wrong": 1},
                {"text": t("Nút màu xanh"), "after_wrong": None, "after_seconds": 10},
            ],
            "feedback": {
                "right": t("Đúng"),
                "wrong": t("Sai"),
                "elements": {"link": t("Đừng bấm link lạ")},
            },
        },
        {
            "id": "hold",
            "kind": "long_press",
            "screen": "main",
            "target": "btn",
            "narration": t("Nhấn giữ"),
        },
        {
            "id": "swipe",
            "kind": "swipe",
            "screen": "main",
            "target": "status",
            "direction": "down",
            "narration": t("Vuốt xuống"),
        },
        {
            "id": "type",
            "kind": "type_text",
            "screen": "main",
            "target": "field",
            "narration": t("Gõ Nguyễn Văn Mẫu"),
            "rule": {"match": "exact", "values": ["Nguyễn Văn Mẫu"], "ignore_accents": True},
        },
        {
            "id": "pick",
            "kind": "pick",
            "screen": "main",
            "target": "item-b",
            "narration": t("Chọn Hai"),
        },
        {
            "id": "pin",
            "kind": "keypad",
            "screen": "main",
            "target": "pad",
            "expected": "2468",
            "narration": t("Nhập mã PIN luyện tập 2468"),
        },
        {
            "id": "scan",
            "kind": "scan_qr",
            "screen": "main",
            "target": "qr",
            "narration": t("Quét mã"),
        },
        {
            "id": "q1",
            "kind": "quiz",
            "narration": t("Câu hỏi một"),
            "picture": "media/intro.svg",
            "options": [
                {"id": "a", "text": t("A"), "correct": True},
                {"id": "b", "text": t("B"), "feedback": t("B sai vì...")},
                {"id": "c", "text": t("C"), "feedback": t("C sai vì...")},
            ],
        },
        {
            "id": "q2",
            "kind": "quiz",
            "mode": "multiple",
            "max_tries": 2,
            "narration": t("Câu hỏi hai"),
            "screen": "main",
            "options": [
                {"id": "x", "text": t("X"), "correct": True},
                {"id": "y", "text": t("Y"), "correct": True},
                {"id": "z", "text": t("Z")},
            ],
        },
    ],
}


@pytest.fixture
def lesson_data() -> dict[str, Any]:
    """A fresh, valid lesson as plain data (safe to modify)."""
    return copy.deepcopy(ALL_KINDS)


@pytest.fixture
def lesson(lesson_data: dict[str, Any]) -> Lesson:
    return Lesson.model_validate(lesson_data)


PackMaker = Callable[..., Path]


def voice_options(root: Path, data: Any) -> None:
    """A placeholder narration file for each quiz option of a lesson given as data."""
    try:
        lesson = yaml.safe_load(data) if isinstance(data, str) else data
    except yaml.YAMLError:
        return  # a lesson file broken on purpose
    if not isinstance(lesson, dict) or not isinstance(lesson.get("steps"), list):
        return
    folder = root / "media" / "audio" / "vi" / str(lesson.get("id"))
    for step in lesson["steps"]:
        for option in step.get("options", []) if isinstance(step, dict) else []:
            if isinstance(option, dict):
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{step.get('id')}.opt-{option.get('id')}.opus").write_bytes(b"x")


@pytest.fixture
def make_pack(tmp_path: Path) -> PackMaker:
    """Write a pack folder: ``make_pack("p", {"a.yaml": data}, media=["intro-vi.ogg"])``.

    ``voiced`` (default) also writes a placeholder narration file for every quiz option, the
    one narration the checks insist on (they test that the file exists, not the sound).
    """

    def make(
        name: str,
        lessons: dict[str, Any],
        media: tuple[str, ...] | list[str] = ("intro-vi.ogg", "intro.svg"),
        pack_id: str | None = None,
        *,
        voiced: bool = True,
    ) -> Path:
        root = tmp_path / name
        (root / "lessons").mkdir(parents=True)
        (root / "media").mkdir()
        manifest = {"schema_version": 1, "id": pack_id or name, "version": 1, "title": t("Gói thử")}
        (root / "pack.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
        for file, data in lessons.items():
            text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
            (root / "lessons" / file).write_text(text, encoding="utf-8")
        for file in media:
            (root / "media" / file).parent.mkdir(parents=True, exist_ok=True)
            (root / "media" / file).write_bytes(b"x")
        if voiced:
            for data in lessons.values():
                voice_options(root, data)
        return root

    return make
