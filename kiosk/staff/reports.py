"""Completion reports for the commune: counts by lesson, track, target group or village,
per day, ISO week or month, and progress against the learning point's target (no Qt).

Days are Vietnam calendar days (UTC+7). Exports (CSV here, PDF in ``report_pdf``) are
written atomically and recorded in the audit log by the caller's ``record_export``.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import audit, spreadsheet
from kiosk.clock import local_date
from kiosk.db.models import Completion, Learner
from kiosk.formatting import day, day_and_month
from kiosk.staff.today import day_bounds
from kiosk_records.files import write_atomic

Tr = Callable[..., str]


class Grouping(enum.StrEnum):
    LESSON = "lesson"
    TRACK = "track"
    TARGET_GROUP = "target_group"
    VILLAGE = "village"


class Period(enum.StrEnum):
    DAY = "day"
    WEEK = "week"  # ISO week, Monday to Sunday: a week may straddle two months
    MONTH = "month"


@dataclass(frozen=True)
class LessonFacts:
    """What a report needs of a lesson from the content catalogue."""

    title: str
    track: str


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Report:
    start: date  # first day, Vietnam time
    end: date  # last day, included
    grouping: Grouping
    period: Period
    total: int  # completions in the range
    learners: int  # distinct learners with a completion in the range
    by_group: tuple[Bar, ...]  # most first
    by_period: tuple[Bar, ...]  # in time order, empty periods included
    cells: tuple[tuple[Bar, Bar], ...]  # (period, group) with the pair's count on the group
    reached: int  # distinct learners with a completion, ever, up to the range's end
    target: int  # the learning point's own target (0: none set)

    @property
    def progress(self) -> float | None:
        """Share of the target reached (may pass 1.0); None without a target."""
        return self.reached / self.target if self.target > 0 else None


def period_key(day: date, period: Period) -> str:
    if period is Period.DAY:
        return day.isoformat()
    if period is Period.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def period_start(key: str, period: Period) -> date:
    if period is Period.DAY:
        return date.fromisoformat(key)
    if period is Period.WEEK:
        year, week = key.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def period_label(key: str, period: Period, tr: Tr) -> str:
    first = period_start(key, period)
    if period is Period.DAY:
        return day(first)
    if period is Period.WEEK:
        last = first + timedelta(days=6)
        week = key.split("-W")[1]
        return tr(
            "reports.week_label",
            week=int(week),
            start=day_and_month(first),
            end=day(last),
        )
    return tr("reports.month_label", month=first.month, year=first.year)


def periods_between(start: date, end: date, period: Period) -> list[str]:
    keys: list[str] = []
    day = start
    while day <= end:
        key = period_key(day, period)
        if not keys or keys[-1] != key:
            keys.append(key)
        day += timedelta(days=1)
    return keys


def group_label(grouping: Grouping, key: str, lessons: Mapping[str, LessonFacts], tr: Tr) -> str:
    if grouping is Grouping.LESSON:
        facts = lessons.get(key)
        return facts.title if facts else key
    if grouping is Grouping.TRACK:
        return tr(f"track.{key}")
    if grouping is Grouping.TARGET_GROUP:
        return tr(f"group.{key}")
    return key or tr("reports.no_village")


def build_report(
    session: Session,
    start: date,
    end: date,
    grouping: Grouping,
    period: Period,
    lessons: Mapping[str, LessonFacts],
    tr: Tr,
    target: int = 0,
) -> Report:
    """Completions from ``start`` to ``end`` (both included, Vietnam days)."""
    since, _ = day_bounds(start)
    _, until = day_bounds(end)
    rows = session.execute(
        select(
            Completion.lesson_id,
            Completion.completed_at,
            Completion.learner_id,
            Learner.target_group,
            Learner.village,
        )
        .join(Learner, Learner.id == Completion.learner_id)
        .where(Completion.completed_at >= since, Completion.completed_at < until)
    ).all()
    by_group: Counter[str] = Counter()
    by_period: Counter[str] = Counter()
    cells: Counter[tuple[str, str]] = Counter()
    people = set()
    for lesson_id, at, learner_id, target_group, village in rows:
        if grouping is Grouping.LESSON:
            group = lesson_id
        elif grouping is Grouping.TRACK:
            facts = lessons.get(lesson_id)
            group = facts.track if facts else "other"
        elif grouping is Grouping.TARGET_GROUP:
            group = target_group
        else:
            group = " ".join(village.split())
        span = period_key(local_date(at), period)
        by_group[group] += 1
        by_period[span] += 1
        cells[(span, group)] += 1
        people.add(learner_id)
    reached = session.scalar(
        select(func.count(func.distinct(Completion.learner_id))).where(
            Completion.completed_at < until
        )
    )

    def label(key: str) -> str:
        return group_label(grouping, key, lessons, tr)

    def when(key: str) -> str:
        return period_label(key, period, tr)

    return Report(
        start=start,
        end=end,
        grouping=grouping,
        period=period,
        total=len(rows),
        learners=len(people),
        by_group=tuple(
            Bar(k, label(k), n) for k, n in sorted(by_group.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        by_period=tuple(Bar(k, when(k), by_period[k]) for k in periods_between(start, end, period)),
        cells=tuple(
            (Bar(p, when(p), by_period[p]), Bar(g, label(g), n))
            for (p, g), n in sorted(cells.items())
        ),
        reached=int(reached or 0),
        target=target,
    )


# -- exports -----------------------------------------------------------------------


def export_name(report: Report, suffix: str) -> str:
    return (
        f"bao-cao-{report.start.isoformat()}-den-{report.end.isoformat()}"
        f"-{report.grouping.value}-{report.period.value}.{suffix}"
    )


def csv_bytes(report: Report, tr: Tr) -> bytes:
    """The report as a table (`kiosk.spreadsheet`: villages typed by people stay text)."""
    header = [
        tr(f"reports.period.{report.period.value}"),
        tr(f"reports.grouping.{report.grouping.value}"),
        tr("reports.col.completions"),
    ]
    rows: list[list[object]] = [
        [when.label, group.label, group.count] for when, group in report.cells
    ]
    rows.append([tr("reports.total"), "", report.total])
    return spreadsheet.csv_bytes(header, rows)


def write_export(folder: Path, name: str, data: bytes) -> Path:
    """Write an export atomically (a half-written report never appears)."""
    path = folder / name
    write_atomic(path, data)
    return path


def export_csv(report: Report, tr: Tr, folder: Path) -> Path:
    return write_export(folder, export_name(report, "csv"), csv_bytes(report, tr))


def export_pdf(report: Report, tr: Tr, folder: Path, place: str) -> Path:
    from kiosk.staff.report_pdf import report_pdf  # reportlab: only when exporting

    return write_export(folder, export_name(report, "pdf"), report_pdf(report, tr, place))


def record_export(session: Session, actor: str, path: Path, report: Report) -> None:
    audit.record(
        session,
        actor,
        "report_exported",
        file=path.name,
        start=report.start.isoformat(),
        end=report.end.isoformat(),
    )


RANGES = ("this_week", "this_month", "last_30", "this_year")


def range_dates(key: str, today: date) -> tuple[date, date]:
    """First and last day (both included) of a named range ending today."""
    if key == "this_week":
        return today - timedelta(days=today.weekday()), today
    if key == "this_month":
        return today.replace(day=1), today
    if key == "last_30":
        return today - timedelta(days=29), today
    if key == "this_year":
        return today.replace(month=1, day=1), today
    raise ValueError(f"unknown range {key!r}")
