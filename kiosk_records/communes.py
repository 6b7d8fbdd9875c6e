"""The 45 commune-level units of Điện Biên (since 1 Jul 2025) with their codes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib.resources import files

UNITS_CSV = "dien-bien-units.csv"


@dataclass(frozen=True)
class Unit:
    code: str  # 5-digit administrative code
    kind: str  # "commune" or "ward"
    name: str

    @property
    def label_vi(self) -> str:
        return f"{'Phường' if self.kind == 'ward' else 'Xã'} {self.name}"


def load_units() -> tuple[Unit, ...]:
    """The units from the list shipped inside this package (``data/dien-bien-units.csv``)."""
    text = (files(__package__ or "kiosk_records") / "data" / UNITS_CSV).read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return tuple(Unit(r["code"], r["type"], r["name"]) for r in rows)


def unit_by_code(units: tuple[Unit, ...], code: str) -> Unit | None:
    return next((u for u in units if u.code == code), None)
