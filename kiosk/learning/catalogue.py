"""What the lesson catalogue shows: one plain tile per lesson, grouped by track."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import LoadedLesson
from kiosk.content.schema.lesson import Track

TRACK_ORDER: tuple[str, ...] = (
    Track.DEVICE_BASICS.value,
    Track.VNEID.value,
    Track.E_PAYMENT.value,
    Track.ONLINE_SAFETY.value,
    Track.OTHER.value,
)


@dataclass(frozen=True)
class LessonTile:
    """One lesson as the catalogue screen draws it."""

    lesson_id: str
    title: str
    summary: str
    track: str
    minutes: int
    icon_path: Path | None
    done_score: int | None  # best score in percent when the learner has completed it


def _track_rank(track: str) -> int:
    return TRACK_ORDER.index(track) if track in TRACK_ORDER else len(TRACK_ORDER)


def lesson_tiles(
    loaded_lessons: Iterable[LoadedLesson], lang: str, done: Mapping[str, int]
) -> list[LessonTile]:
    """Tiles in track order; within a track, in the order the packs list the lessons.

    ``done`` maps lesson id -> best score (``progress.done_lessons``); empty for a guest.
    """
    tiles = []
    for loaded in loaded_lessons:
        lesson = loaded.lesson
        icon = loaded.media(lesson.icon)
        tiles.append(
            LessonTile(
                lesson_id=lesson.id,
                title=lesson.title.text(lang),
                summary=lesson.summary.text(lang),
                track=lesson.track.value,
                minutes=lesson.estimated_minutes,
                icon_path=icon if icon is not None and icon.is_file() else None,
                done_score=done.get(lesson.id),
            )
        )
    # sorted() is stable: lessons keep the packs' order inside each track
    return sorted(tiles, key=lambda tile: _track_rank(tile.track))


def tracks_in(tiles: Iterable[LessonTile]) -> list[str]:
    """The tracks that have at least one tile, in catalogue order."""
    present = {tile.track for tile in tiles}
    return sorted(present, key=lambda track: (_track_rank(track), track))
