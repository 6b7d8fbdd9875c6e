"""A real print job: a slip goes through Qt print support to a CUPS queue (cups-pdf),
and the QR code on what comes out decodes and verifies as the same record."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image

from kiosk.clock import utcnow
from kiosk.content.loader import load_packs
from kiosk.slips.issue import PRINTED, issue_slip
from kiosk.slips.local import kiosk_key, local_trust
from kiosk.slips.printing import SlipContext, lessons_for_slips, print_slip, titles_by_code
from kiosk.slips.qr import decode_qr_texts
from kiosk.slips.view import Layout
from kiosk.ui import worker
from kiosk.ui.printing import SystemPrinter, choose_printer, printer_names
from kiosk_records.codec import verify
from tests.helpers.cups_fixture import CupsServer, private_cups
from tests.helpers.slips_helpers import complete_lesson, register_learner


@pytest.fixture(scope="module")
def cups() -> CupsServer:  # type: ignore[misc]
    with private_cups() as server:
        yield server


def decode_pdf(pdf: Path, tmp_path: Path) -> list[str]:
    """Rasterise like a 203 dpi thermal printer (1-bit) and read the QR codes."""
    subprocess.run(
        ["pdftoppm", "-r", "203", "-mono", "-png", str(pdf), str(tmp_path / "page")], check=True
    )
    texts: list[str] = []
    for page in sorted(tmp_path.glob("page*.png")):
        with Image.open(page) as image:
            texts += decode_qr_texts(image.convert("L"))
    return texts


def page_width_mm(pdf: Path) -> float:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Page size:"))
    return float(line.split()[2]) * 25.4 / 72


@pytest.mark.parametrize("layout", [Layout.ROLL80, Layout.A6])
def test_slip_printed_through_cups_verifies(
    cups: CupsServer, kiosk_qt, qtbot, ready_services, tmp_path, layout
) -> None:  # type: ignore[no-untyped-def]
    for old in cups.out.glob("*.pdf"):
        old.unlink()
    assert cups.printer in printer_names()
    assert choose_printer(cups.printer) == cups.printer
    packs = load_packs()
    lessons = lessons_for_slips(packs.lessons)
    db, paths = ready_services.database, ready_services.paths
    learner = register_learner(db, paths, "Lò Thị Hoa", utcnow())
    for entry in packs.lessons[:2]:
        complete_lesson(db, packs, entry.lesson.id, learner, utcnow)
    with db.transaction() as s:
        info = issue_slip(s, kiosk_key(paths.root), learner, lessons, utcnow())
    context = SlipContext(
        "Nhà văn hoá bản Him Lam", "Phường Điện Biên Phủ", titles_by_code(lessons), layout
    )

    results: list[object] = []
    started = time.monotonic()
    worker.run_in_background(
        lambda: print_slip(db, info.id, context, SystemPrinter(cups.printer), utcnow),
        results.append,
        results.append,
    )
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    handed_over = time.monotonic() - started
    (outcome,) = results
    assert getattr(outcome, "ok", False), outcome
    pdf = cups.wait_for_pdf()
    came_out = time.monotonic() - started
    print(
        f"\n{layout.value}: handed to CUPS in {handed_over:.2f} s, PDF out after {came_out:.2f} s"
    )

    width_mm = page_width_mm(pdf)
    assert abs(width_mm - (80 if layout is Layout.ROLL80 else 105)) < 1.5, width_mm
    texts = decode_pdf(pdf, tmp_path)
    assert texts == [info.record_text]
    result = verify(texts[0], local_trust(paths.root))
    assert result.ok, result.reason
    assert result.record is not None and result.record.serial == info.serial
    assert result.record.learner_name == "Lò Thị Hoa"
    with db.transaction() as s:
        from kiosk.db.models import Slip

        slip = s.get(Slip, info.id)
        assert slip is not None and slip.status == PRINTED and slip.print_count == 1


def test_missing_printer_is_reported_and_not_counted(cups, kiosk_qt, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.slips.printing import PrintFailed

    assert choose_printer("Máy in đã gỡ") is None
    with pytest.raises(PrintFailed) as failed:
        SystemPrinter("Máy in đã gỡ").send(b"%PDF-1.4", "x")
    assert not failed.value.sent and "Không tìm thấy máy in" in failed.value.reason


def test_stopped_printer_is_reported(cups, kiosk_qt, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.slips.printing import PrintFailed

    cups.run("cupsdisable", cups.printer)
    try:
        with pytest.raises(PrintFailed) as failed:
            SystemPrinter(cups.printer).send(b"%PDF-1.4", "x")
        assert not failed.value.sent and "đang tắt" in failed.value.reason
    finally:
        cups.run("cupsenable", cups.printer)
