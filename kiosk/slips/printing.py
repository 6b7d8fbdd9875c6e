"""Printing queued slips: plan the job, count it, send it, mark the outcome.

Order of events for one print (``print_slips``), each database step its own
committed transaction:

1. ``begin_print``: the slip's print count goes up *before* anything is sent,
   and the number it had becomes the reprint number drawn on the paper.
2. Render the PDF (reportlab) and hand it to the printer (a ``PrintSink``).
3. ``mark_printed`` on success, ``mark_failed`` with the printer's reason on
   failure; a failed slip stays in the queue for a retry.

The completion and the slip row (with its serial) were committed earlier by
``issue_slip``, so a power cut at any point loses nothing and reuses no serial.
A cut between 2 and 3 leaves a slip that may have come out of the printer but is
still queued: its print was already counted in step 1, so the retry prints
"BẢN IN LẠI (lần 1)". The worst case is one extra slip marked as a reprint, never
an unmarked duplicate. When the sink is sure nothing reached the printer
(``PrintFailed.sent`` is False: no such printer, printer stopped), the count is
given back, so a slip that never printed is not later labelled a reprint.

Nothing here imports Qt: the Qt printer (``kiosk.ui.printing``) and the
folder "printer" below both implement ``PrintSink``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.formatting import serial
from kiosk.slips.issue import LessonInfo, SlipError, begin_print, mark_failed, mark_printed
from kiosk.slips.view import Layout, SlipView, slip_view
from kiosk_records.codec import split_slip
from kiosk_records.files import write_atomic
from kiosk_records.record import CompletionRecord
from kiosk_records.wire import decode_payload

if TYPE_CHECKING:
    from kiosk.content.loader import LoadedLesson
    from kiosk.db.database import Database

log = logging.getLogger(__name__)


class PrintFailed(Exception):
    """The printer refused or failed a job.

    Attributes:
        reason: Plain words for staff (Vietnamese), shown and kept as the slip's last error.
        sent: False when nothing can have reached the paper (the print is not counted).
    """

    def __init__(self, reason: str, *, sent: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.sent = sent


class PrintSink(Protocol):
    """Where a slip PDF goes: a system printer, or a folder ("Save as PDF")."""

    def send(self, pdf: bytes, title: str) -> None:
        """Deliver one PDF; raise PrintFailed with a reason staff can act on."""


@dataclass(frozen=True)
class SlipContext:
    """What every slip of this kiosk shows besides the record itself."""

    learning_point: str
    commune: str
    lesson_titles: Mapping[int, str]
    layout: Layout = Layout.ROLL80


@dataclass(frozen=True)
class SlipJob:
    """One slip ready to send: its display data and the reprint number on it."""

    slip_id: uuid.UUID
    serial: int
    reprint_count: int
    view: SlipView


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one print request (one or more slips in one PDF)."""

    serials: tuple[int, ...]
    reprints: tuple[int, ...]
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def lessons_for_slips(loaded: Iterable[LoadedLesson], lang: str = "vi") -> dict[str, LessonInfo]:
    """Lesson id -> (slip code, title) from the content catalogue."""
    return {
        entry.lesson.id: LessonInfo(entry.lesson.code, entry.lesson.title.text(lang))
        for entry in loaded
    }


def titles_by_code(lessons: Mapping[str, LessonInfo]) -> dict[int, str]:
    return {info.code: info.title for info in lessons.values()}


def record_of(record_text: str, kiosk_id: uuid.UUID) -> CompletionRecord:
    """The record inside a slip text this kiosk signed (no signature check: it is ours)."""
    _tag, _signature, payload = split_slip(record_text)
    return decode_payload(payload, kiosk_id)


def plan_job(
    slip_id: uuid.UUID,
    kiosk_id: uuid.UUID,
    record_text: str,
    reprint_count: int,
    context: SlipContext,
) -> SlipJob:
    record = record_of(record_text, kiosk_id)
    view = slip_view(
        record,
        record_text,
        lesson_titles=context.lesson_titles,
        learning_point=context.learning_point,
        commune=context.commune,
        reprint_count=reprint_count,
    )
    return SlipJob(slip_id, record.serial, reprint_count, view)


def render_jobs(jobs: Sequence[SlipJob], layout: Layout) -> bytes:
    from kiosk.slips.render import render_slips  # reportlab only when printing

    return render_slips([job.view for job in jobs], layout)


def job_title(jobs: Sequence[SlipJob]) -> str:
    first = jobs[0]
    suffix = f"-in-lai-{first.reprint_count}" if first.reprint_count else ""
    more = f"-va-{len(jobs) - 1}-phieu" if len(jobs) > 1 else ""
    return f"phieu-{serial(first.serial)}{suffix}{more}"


def print_slips(
    database: Database,
    slip_ids: Sequence[uuid.UUID],
    context: SlipContext,
    sink: PrintSink,
    now: Callable[[], datetime],
) -> PrintOutcome:
    """Print slips as one job (four to a sheet on A4); see the module docstring."""
    from kiosk.db.models import Slip

    if not slip_ids:
        raise SlipError("slips.error.nothing_to_print")
    jobs: list[SlipJob] = []
    with database.transaction() as session:
        for slip_id in slip_ids:
            reprint = begin_print(session, slip_id)
            slip = session.get(Slip, slip_id)
            assert slip is not None  # begin_print raised otherwise
            jobs.append(plan_job(slip.id, slip.kiosk_id, slip.record_text, reprint, context))
    serials = tuple(job.serial for job in jobs)
    reprints = tuple(job.reprint_count for job in jobs)
    try:
        pdf = render_jobs(jobs, context.layout)
        sink.send(pdf, job_title(jobs))
    except PrintFailed as exc:
        _record_failure(database, jobs, exc.reason, sent=exc.sent)
        return PrintOutcome(serials, reprints, exc.reason)
    except Exception as exc:  # a bug or a driver crash: keep the slip queued and say so
        reason = f"Lỗi khi in: {exc}"
        _record_failure(database, jobs, reason, sent=True)
        return PrintOutcome(serials, reprints, reason)
    with database.transaction() as session:
        at = now()
        for job in jobs:
            mark_printed(session, job.slip_id, at)
    return PrintOutcome(serials, reprints)


def _record_failure(database: Database, jobs: Sequence[SlipJob], reason: str, sent: bool) -> None:
    from kiosk.db.models import Slip

    with database.transaction() as session:
        for job in jobs:
            mark_failed(session, job.slip_id, reason)
            slip = session.get(Slip, job.slip_id)
            if not sent and slip is not None and slip.print_count > 0:
                slip.print_count -= 1  # nothing reached the paper: not a print


def print_slip(
    database: Database,
    slip_id: uuid.UUID,
    context: SlipContext,
    sink: PrintSink,
    now: Callable[[], datetime],
) -> PrintOutcome:
    return print_slips(database, [slip_id], context, sink, now)


class FolderSink:
    """ "Save as PDF": each job becomes ``<title>.pdf`` in a folder, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, pdf: bytes, title: str) -> None:
        try:
            write_atomic(self.folder / f"{safe_file_name(title)}.pdf", pdf)
        except OSError as exc:
            log.warning("saving slip PDF to %s failed: %s", self.folder, exc)
            raise PrintFailed(
                "Không lưu được tệp PDF: thư mục không ghi được hoặc ổ đĩa đã đầy.", sent=False
            ) from exc

    def describe(self) -> str:
        return str(self.folder)


def safe_file_name(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title.replace("đ", "d").replace("Đ", "D"))
    ascii_title = ascii_title.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_title).strip("-.") or "phieu"


TEST_PAGE_NAME = "TRANG IN THỬ"


def printer_test_page(context: SlipContext, today: datetime) -> bytes:
    """A slip-shaped test page. Its QR is signed with a throwaway key, so it never verifies."""
    import secrets

    from kiosk_records.codec import encode_slip
    from kiosk_records.keys import KioskKey
    from kiosk_records.record import LessonResult, TargetGroup

    codes = sorted(context.lesson_titles)[:3] or [1]
    record = CompletionRecord(
        kiosk_id=uuid.uuid4(),
        serial=0,
        learner_ref="0" * 16,
        learner_name=TEST_PAGE_NAME,
        birth_year=2000,
        commune_code="00000",
        lessons=tuple(LessonResult(code, 1, 100) for code in codes),
        completed_on=today.date(),
        target_group=TargetGroup.OTHER,
    )
    text = encode_slip(record, KioskKey(secrets.token_bytes(32)))
    view = slip_view(
        record,
        text,
        lesson_titles=context.lesson_titles,
        learning_point=context.learning_point,
        commune=context.commune,
    )
    job = SlipJob(uuid.uuid4(), 0, 0, view)
    return render_jobs([job], context.layout)
