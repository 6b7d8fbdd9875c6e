"""The 45 commune-level units of Điện Biên (since 1 Jul 2025) with their codes."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Unit:
    code: str  # 5-digit administrative code
    kind: str  # "commune" or "ward"
    name: str

    @property
    def label_vi(self) -> str:
        return f"{'Phường' if self.kind == 'ward' else 'Xã'} {self.name}"


def load_units(path: Path) -> tuple[Unit, ...]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(Unit(r["code"], r["type"], r["name"]) for r in rows)


def unit_by_code(units: tuple[Unit, ...], code: str) -> Unit | None:
    return next((u for u in units if u.code == code), None)
