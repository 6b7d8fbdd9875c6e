"""How the kiosk writes dates, slip serials, money, communes and shares of a target.

One place for each format, so a slip, a screen, a report and a PDF say the same thing
the same way. Dates are written the Vietnamese way (day/month/year); moments are shown
in Vietnam time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from kiosk.clock import VIETNAM
from kiosk_records.communes import Unit, unit_by_code


def day(d: date) -> str:
    """05/12/2026."""
    return d.strftime("%d/%m/%Y")


def day_and_month(d: date) -> str:
    """05/12 (the first day of a range whose last day carries the year)."""
    return d.strftime("%d/%m")


def day_and_time(moment: datetime) -> str:
    """05/12/2026 14:30 in Vietnam time (lists of events, newest first)."""
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


def time_and_day(moment: datetime) -> str:
    """14:30 05/12/2026 in Vietnam time (when something last happened)."""
    return moment.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")


def serial(number: int) -> str:
    """A slip's serial as printed on it: six digits."""
    return f"{number:06d}"


def serials(numbers: Iterable[int]) -> str:
    return ", ".join(serial(n) for n in numbers)


def thousands(amount: int) -> str:
    """1.250.000: thousands grouped with dots, as Vietnamese writes them."""
    return f"{amount:,}".replace(",", ".")


def money(amount: int) -> str:
    """1.250.000 đ."""
    return f"{thousands(amount)} đ"


def commune_label(units: tuple[Unit, ...], code: str) -> str:
    """'Xã …' / 'Phường …' for a commune code; 'Mã xã <code>' when it is not known."""
    unit = unit_by_code(units, code)
    return unit.label_vi if unit else f"Mã xã {code}"


def target_percent(reached: int, target: int) -> int | None:
    """Share of a learning point's target reached, in whole percent; None without one."""
    return round(100 * reached / target) if target > 0 else None
