"""The kiosk's one set of formats: dates, serials, money, communes, target shares."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk import formatting as fmt
from kiosk_records.communes import load_units


def test_dates_are_day_month_year_in_vietnam_time() -> None:
    assert fmt.day(date(2026, 3, 5)) == "05/03/2026"
    assert fmt.day_and_month(date(2026, 3, 5)) == "05/03"
    late = datetime(2026, 3, 5, 20, 30, tzinfo=UTC)  # already the 6th in Điện Biên
    assert fmt.day_and_time(late) == "06/03/2026 03:30"
    assert fmt.time_and_day(late) == "03:30 06/03/2026"


def test_serials_and_money() -> None:
    assert fmt.serial(42) == "000042" and fmt.serials([1, 12]) == "000001, 000012"
    assert fmt.money(1250000) == "1.250.000 đ" and fmt.thousands(999) == "999"


def test_commune_labels() -> None:
    units = load_units()
    assert fmt.commune_label(units, "03127") == "Phường Điện Biên Phủ"
    assert fmt.commune_label(units, "99999") == "Mã xã 99999"


def test_target_percent() -> None:
    assert fmt.target_percent(30, 40) == 75 and fmt.target_percent(50, 40) == 125
    assert fmt.target_percent(5, 0) is None
