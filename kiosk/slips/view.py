"""What a printed slip shows: plain display data for `kiosk.slips.render`."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kiosk.formatting import day, serial
from kiosk_records.record import CompletionRecord

TITLE = "PHIẾU HOÀN THÀNH"
# What the slip is for, and nothing more: it has nothing to do with VNeID activation.
SLIP_PURPOSE = (
    "Phiếu này xác nhận bạn đã học xong các bài trên. Tỉnh tính kết quả vào số người đã học."
)
# Said only on a slip whose record carries the sealed citizen ID: it is sealed into a record
# only when the learner agreed to send it for confirmation (register.consent.vneid_confirm).
ID_SENT = "Vì bạn đã đồng ý, số căn cước được khoá kín và gửi cho tỉnh để xác nhận việc học."


class Layout(enum.Enum):
    """Paper a slip is printed on."""

    ROLL80 = "roll80"  # 80 mm thermal roll, page height fitted to the slip
    A6 = "a6"  # one slip per A6 page
    A4X4 = "a4x4"  # four A6 slips per A4 sheet, with cut marks


@dataclass(frozen=True)
class SlipLesson:
    title: str
    score: int


@dataclass(frozen=True)
class SlipView:
    """Display texts of one slip. `reprint_count` 0 is the first print."""

    learning_point: str
    commune: str
    learner_name: str
    birth_year: int
    lessons: tuple[SlipLesson, ...]
    completed_on: date
    serial: int
    qr_text: str
    reprint_count: int = 0
    note: str = SLIP_PURPOSE

    @property
    def reprint_label(self) -> str:
        return f"BẢN IN LẠI (lần {self.reprint_count})" if self.reprint_count > 0 else ""

    @property
    def date_text(self) -> str:
        return day(self.completed_on)

    @property
    def serial_text(self) -> str:
        return serial(self.serial)


def slip_view(
    record: CompletionRecord,
    qr_text: str,
    *,
    lesson_titles: Mapping[int, str],
    learning_point: str,
    commune: str,
    reprint_count: int = 0,
) -> SlipView:
    """The display data for a signed record; lesson titles come from the catalogue."""
    return SlipView(
        learning_point=learning_point,
        commune=commune,
        learner_name=record.learner_name,
        birth_year=record.birth_year,
        lessons=tuple(
            SlipLesson(lesson_titles.get(x.lesson_code, f"Bài {x.lesson_code}"), x.score)
            for x in record.lessons
        ),
        completed_on=record.completed_on,
        serial=record.serial,
        qr_text=qr_text,
        reprint_count=reprint_count,
        note=slip_note(record),
    )


def slip_note(record: CompletionRecord) -> str:
    """The closing words under the QR code: what the slip is for, and the ID only if sent."""
    if record.sealed_citizen_id is None:
        return SLIP_PURPOSE
    return f"{SLIP_PURPOSE} {ID_SENT}"
