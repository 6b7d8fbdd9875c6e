"""Today's counts for the staff console, in Vietnam days (UTC+7)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk.staff.today import day_bounds, today_counts
from tests.helpers.console_helpers import add_attempt, add_learner


def test_day_bounds_are_vietnam_midnights() -> None:
    start, end = day_bounds(date(2026, 3, 10))
    assert start == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


def test_counts_only_the_vietnam_day(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)  # 16:00 in Vietnam
    with ready_services.database.transaction() as s:
        hoa = add_learner(s, "Lò Thị Hoa", 1975)
        sang = add_learner(s, "Quàng Văn Sáng", 1968)
        # 23:30 UTC on the 9th is 06:30 on the 10th in Vietnam: today
        add_attempt(s, hoa, "device-touch", datetime(2026, 3, 9, 23, 30, tzinfo=UTC), passed=True)
        add_attempt(s, hoa, "device-camera", now, passed=False, score=40)
        # 16:59 UTC on the 9th is 23:59 on the 9th in Vietnam: yesterday
        add_attempt(s, sang, "device-touch", datetime(2026, 3, 9, 16, 59, tzinfo=UTC), passed=True)
        add_attempt(s, None, "safe-otp", now, passed=False)  # a guest
    with ready_services.database.transaction() as s:
        counts = today_counts(s, now)
    assert counts.day == date(2026, 3, 10)
    assert counts.learners_served == 1
    assert counts.lessons_started == 3
    assert counts.guest_lessons == 1
    assert counts.lessons_completed == 1
    assert counts.slips_waiting == 2  # both learners have completions no slip covers
    assert counts.slips_to_print == 0
