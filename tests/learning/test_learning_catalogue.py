"""Catalogue tiles: one per lesson, by track, with the learner's done scores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.content.loader import LoadedLesson, LoadResult, load_packs
from kiosk.content.schema.lesson import Track
from kiosk.learning.catalogue import TRACK_ORDER, lesson_tiles, tracks_in


@pytest.fixture(scope="module")
def packs() -> LoadResult:
    loaded = load_packs()
    assert loaded.ok, loaded.problems
    return loaded


def variant(loaded: LoadedLesson, lesson_id: str, track: Track) -> LoadedLesson:
    lesson = loaded.lesson.model_copy(update={"id": lesson_id, "track": track})
    return replace(loaded, lesson=lesson)


def test_tiles_carry_the_lessons_text_minutes_and_icon(packs: LoadResult) -> None:
    tiles = lesson_tiles(packs.lessons, "en", {})
    assert {t.lesson_id for t in tiles} == {entry.lesson.id for entry in packs.lessons}
    for tile in tiles:
        lesson = packs.lesson(tile.lesson_id).lesson
        assert tile.title == lesson.title.text("en")
        assert tile.summary == lesson.summary.text("en")
        assert tile.minutes == lesson.estimated_minutes
        assert tile.done_score is None
        if lesson.icon:
            assert tile.icon_path is not None and tile.icon_path.is_file()


def test_unknown_language_falls_back_to_vietnamese(packs: LoadResult) -> None:
    tile = lesson_tiles(packs.lessons[:1], "hmn", {})[0]
    assert tile.title == packs.lessons[0].lesson.title.text("vi")


def test_done_scores_come_from_the_learners_completions(packs: LoadResult) -> None:
    first = packs.lessons[0].lesson.id
    tiles = {t.lesson_id: t for t in lesson_tiles(packs.lessons, "vi", {first: 85, "gone": 100})}
    assert tiles[first].done_score == 85
    assert all(t.done_score is None for i, t in tiles.items() if i != first)
    assert "gone" not in tiles  # a completion of a lesson no longer installed shows no tile


def test_tiles_are_grouped_in_track_order_keeping_pack_order(packs: LoadResult) -> None:
    base = packs.lessons[0]
    lessons = [
        variant(base, "safe-1", Track.ONLINE_SAFETY),
        variant(base, "other-1", Track.OTHER),
        variant(base, "basics-1", Track.DEVICE_BASICS),
        variant(base, "safe-2", Track.ONLINE_SAFETY),
        variant(base, "pay-1", Track.E_PAYMENT),
        variant(base, "basics-2", Track.DEVICE_BASICS),
        variant(base, "id-1", Track.VNEID),
    ]
    tiles = lesson_tiles(lessons, "vi", {})
    assert [t.lesson_id for t in tiles] == [
        "basics-1",
        "basics-2",
        "id-1",
        "pay-1",
        "safe-1",
        "safe-2",
        "other-1",
    ]
    assert tracks_in(tiles) == list(TRACK_ORDER)
    assert tracks_in(tiles[:2]) == ["device_basics"]


def test_a_missing_icon_file_gives_no_path(packs: LoadResult) -> None:
    base = packs.lessons[0]
    broken = replace(base, lesson=base.lesson.model_copy(update={"icon": "media/nope.svg"}))
    assert lesson_tiles([broken], "vi", {})[0].icon_path is None
