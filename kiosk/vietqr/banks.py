"""The shipped bank list: acquirer BIN -> short bank name."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

BANKS_FILE = Path(__file__).with_name("banks.json")


@cache
def banks() -> dict[str, str]:
    """BIN -> short name, from ``banks.json`` next to this module."""
    doc = json.loads(BANKS_FILE.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in doc["banks"].items()}


def bank_name(bin_code: str) -> str | None:
    return banks().get(bin_code)
