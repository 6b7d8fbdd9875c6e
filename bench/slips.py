"""Slip timing: sign + render one slip, and a 100-slip A4 batch, against a baseline.

Run: ``.venv/bin/python bench/slips.py``. The baseline (a blank reportlab page
with the same fonts registered) is measured in the same run so machines compare.
Targets: one slip < 20 ms, 100-slip batch < 1.5 s. Last line: ``slip_ms=N``.
"""

from __future__ import annotations

import io
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import date

from nacl.public import PrivateKey

from kiosk.slips.view import Layout, SlipView, slip_view
from kiosk_records.codec import encode_slip
from kiosk_records.keys import KioskKey
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup
from kiosk_records.sealing import seal_citizen_id

KEY = KioskKey(bytes(range(32)))
HUB = PrivateKey.generate().public_key
COMMUNE = "Phường Điện Biên Phủ"
TITLES = {c: f"Bài học số {c}: kỹ năng số cơ bản" for c in (11, 12, 13, 14, 15)}


def record(serial: int) -> CompletionRecord:
    return CompletionRecord(
        kiosk_id=uuid.UUID(int=1),
        serial=serial,
        learner_ref="0123456789abcdef",
        learner_name="Lường Thị Hoàng Phương Thảo",
        birth_year=1960,
        commune_code="03127",
        lessons=tuple(LessonResult(c, 1, 90) for c in TITLES),
        completed_on=date(2026, 3, 1),
        target_group=TargetGroup.ADULT,
        sealed_citizen_id=seal_citizen_id("011160000001", bytes(HUB)),
    )


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm up: font parsing, imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from reportlab.pdfgen.canvas import Canvas

    from kiosk.slips import pdfkit
    from kiosk.slips.render import render_slips

    pdfkit.register_fonts()

    def blank_page() -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out)
        canvas.setFont(pdfkit.REGULAR, 10)
        canvas.drawString(10, 10, "Phiếu")
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    def view(serial: int) -> SlipView:
        r = record(serial)
        text = encode_slip(r, KEY)
        return slip_view(r, text, lesson_titles=TITLES, learning_point="Bản A", commune=COMMUNE)

    def one_slip() -> bytes:
        return render_slips([view(1)], Layout.ROLL80)

    def batch() -> bytes:
        return render_slips([view(n) for n in range(100)], Layout.A4X4)

    baseline = median_ms(blank_page, 30)
    slip = median_ms(one_slip, 30)
    batch_ms = median_ms(batch, 5)
    print(f"baseline blank page: {baseline:.1f} ms")
    print(f"sign + render one slip (roll80): {slip:.1f} ms (target < 20, {slip / baseline:.1f}x)")
    print(f"sign + render 100 slips (a4x4): {batch_ms:.0f} ms (target < 1500)")
    print(f"slip_ms={round(slip)}")


if __name__ == "__main__":
    main()
