"""Lesson code → track and title, from the content packs, and the names the hub shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk_records.communes import Unit, load_units
from kiosk_records.record import TargetGroup

TRACKS: dict[str, str] = {
    "device_basics": "Dùng điện thoại",
    "vneid": "VNeID",
    "e_payment": "Thanh toán điện tử",
    "online_safety": "An toàn trên mạng",
    "other": "Khác",
}

TARGET_GROUPS: dict[int, str] = {
    TargetGroup.PUBLIC_STAFF.value: "Cán bộ, công chức",
    TargetGroup.PRIMARY_PUPIL.value: "Học sinh tiểu học",
    TargetGroup.ADULT.value: "Người lớn biết chữ",
    TargetGroup.ENTERPRISE_WORKER.value: "Người lao động DN, HTX",
    TargetGroup.OTHER.value: "Khác",
}


@dataclass(frozen=True)
class LessonInfo:
    track: str
    title: str


@dataclass(frozen=True)
class ReportNames:
    """What reports need to name things: lessons by code and the 45 units."""

    lessons: Mapping[int, LessonInfo]
    units: tuple[Unit, ...]

    def track_of(self, lesson_code: int) -> str:
        info = self.lessons.get(lesson_code)
        return info.track if info else "other"

    def unit_label(self, code: str) -> str:
        unit = next((u for u in self.units if u.code == code), None)
        return unit.label_vi if unit else code

    @property
    def unit_codes(self) -> frozenset[str]:
        return frozenset(u.code for u in self.units)


def load_report_names(packs: list[Path] | None = None) -> ReportNames:
    from kiosk.content.loader import load_packs

    result = load_packs(packs)
    lessons = {
        entry.lesson.code: LessonInfo(
            str(entry.lesson.track), str(entry.lesson.title.root.get("vi", entry.lesson.id))
        )
        for entry in result.lessons
    }
    return ReportNames(lessons, load_units())
