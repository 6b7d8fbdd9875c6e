"""Lesson data for the content tests: one lesson that uses every step kind."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from content_sample import ALL_KINDS, t

from kiosk.content.schema import Lesson


@pytest.fixture
def lesson_data() -> dict[str, Any]:
    """A fresh, valid lesson as plain data (safe to modify)."""
    return copy.deepcopy(ALL_KINDS)


@pytest.fixture
def lesson(lesson_data: dict[str, Any]) -> Lesson:
    return Lesson.model_validate(lesson_data)


PackMaker = Callable[..., Path]


@pytest.fixture
def make_pack(tmp_path: Path) -> PackMaker:
    """Write a pack folder: ``make_pack("p", {"a.yaml": data}, media=["intro-vi.ogg"])``."""

    def make(
        name: str,
        lessons: dict[str, Any],
        media: tuple[str, ...] | list[str] = ("intro-vi.ogg",),
        pack_id: str | None = None,
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
            (root / "media" / file).write_bytes(b"x")
        return root

    return make
