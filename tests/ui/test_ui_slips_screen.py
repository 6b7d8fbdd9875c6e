"""The staff slips screen driven like staff would: make a slip, save it as PDF (no
printer), scan it into the verify field, reprint it, and catch a tampered code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.clock import utcnow
from kiosk.content.install import install
from kiosk.content.loader import load_packs
from kiosk.content.plan import plan_install
from kiosk.navigation import Screen
from kiosk.slips.scan import slip_texts
from kiosk.staff.roles import Role
from kiosk.ui import slips_desk, worker
from kiosk.ui.screens.staff.slips import SlipsScreen
from tests.conftest import STAFF_PIN
from tests.content.test_content_install import lesson, write_pack
from tests.helpers.slips_helpers import complete_lesson, register_learner


@pytest.fixture
def no_printer(monkeypatch):  # type: ignore[no-untyped-def]
    """This machine's printers are not the subject here: behave as if there were none."""
    monkeypatch.setattr(slips_desk, "printer_names", lambda: [])
    monkeypatch.setattr(slips_desk, "choose_printer", lambda configured: None)


def open_slips(window, qtbot) -> SlipsScreen:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    pad = c.current_widget.pad
    for digit in STAFF_PIN:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.STAFF_MENU and c.staff.role is Role.STAFF
    qtbot.mouseClick(c.current_widget.buttons["slips.menu_item"], Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.STAFF_SLIPS
    screen = c.current_widget
    assert isinstance(screen, SlipsScreen)
    return screen


def test_make_save_verify_reprint(window, qtbot, ready_services, no_printer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    packs = load_packs()
    db, paths = ready_services.database, ready_services.paths
    learner = register_learner(db, paths, "Lò Thị Hoa", utcnow(), birth_year=1975)
    for entry in packs.lessons[:3]:
        complete_lesson(db, packs, entry.lesson.id, learner, utcnow)
    other = register_learner(db, paths, "Quàng Văn Sáng", utcnow(), birth_year=1968)
    complete_lesson(db, packs, packs.lessons[0].lesson.id, other, utcnow)

    screen = open_slips(window, qtbot)
    desk = window.controller.staff.slips_desk
    desk.set_pdf_folder(tmp_path / "pdf")
    assert screen.folder_button.isVisible() and screen.print_button.text() == "Lưu PDF"
    assert str(tmp_path / "pdf") in screen.destination.text()
    assert screen.waiting.count() == 2 and "Quàng Văn Sáng" in screen.waiting.item(0).text()

    screen.waiting.item(1).setSelected(True)
    screen.waiting.item(0).setSelected(False)
    qtbot.mouseClick(screen.issue_button, Qt.MouseButton.LeftButton)
    assert "000001" in screen.message.text()
    assert "Lò Thị Hoa" in screen.queue.item(0).text() and "3 bài" in screen.queue.item(0).text()

    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    assert "Đã in phiếu 000001" in screen.message.text()
    (pdf,) = (tmp_path / "pdf").glob("*.pdf")
    assert pdf.name == "phieu-000001.pdf"
    assert "Lò Thị Hoa" in screen.printed.item(0).text()

    (code,) = slip_texts(str(pdf))
    screen.verify_field.setFocus()
    qtbot.keyClicks(screen.verify_field, code)  # a USB scanner types like this...
    qtbot.keyClick(screen.verify_field, Qt.Key.Key_Return)  # ...and ends with Enter
    verdict = screen.verdict.text()
    assert verdict.startswith("✔ Phiếu thật") and "Lò Thị Hoa (1975)" in verdict
    assert "máy này cấp" in verdict and screen.verify_field.text() == ""
    assert window.grab().save(str(tmp_path / "staff-slips-1366x768.png"))  # to look at

    middle = len(code) // 2
    tampered = code[:middle] + ("A" if code[middle] != "A" else "B") + code[middle + 1 :]
    qtbot.keyClicks(screen.verify_field, tampered)
    qtbot.keyClick(screen.verify_field, Qt.Key.Key_Return)
    assert screen.verdict.text().startswith("✘ ")
    assert "bị sửa" in screen.verdict.text() or "hỏng" in screen.verdict.text()
    screen.verify_field.setText("không phải mã")  # pasted text
    qtbot.keyClick(screen.verify_field, Qt.Key.Key_Return)
    assert "Không phải phiếu Học Số" in screen.verdict.text()

    screen.printed.item(0).setSelected(True)
    qtbot.mouseClick(screen.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    assert (tmp_path / "pdf" / "phieu-000001-in-lai-1.pdf").exists()
    assert "đã in 2 lần" in screen.printed.item(0).text()


def test_failed_save_is_reported_and_stays_queued(
    window, qtbot, ready_services, no_printer, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    packs = load_packs()
    db, paths = ready_services.database, ready_services.paths
    learner = register_learner(db, paths, "Lò Văn Một", utcnow())
    complete_lesson(db, packs, packs.lessons[0].lesson.id, learner, utcnow)
    screen = open_slips(window, qtbot)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    window.controller.staff.slips_desk.set_pdf_folder(blocker)
    qtbot.mouseClick(screen.issue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.print_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    assert "Chưa in được phiếu 000001" in screen.message.text()
    assert "Chưa in được" in screen.queue.item(0).text()
    assert window.grab().save(str(tmp_path / "staff-slips-failed.png"))
    window.controller.staff.slips_desk.set_pdf_folder(tmp_path / "ok")
    qtbot.mouseClick(screen.print_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    # Nothing reached any paper the first time, so this is not a reprint.
    assert (tmp_path / "ok" / "phieu-000001.pdf").exists()


def test_test_page_when_no_printer(window, qtbot, no_printer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    screen = open_slips(window, qtbot)
    window.controller.staff.slips_desk.set_pdf_folder(tmp_path)
    qtbot.mouseClick(screen.test_page_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    assert (tmp_path / "trang-in-thu.pdf").exists()
    assert "trang in thử" in screen.message.text()


def test_a_lesson_from_an_installed_pack_gets_a_genuine_slip(
    window, qtbot, ready_services, no_printer, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    services = ready_services
    stick = write_pack(tmp_path / "usb" / "market", 1, [lesson("market-qr", 9001, title="Chợ")])
    plan = plan_install(stick, services.paths.root)
    assert plan.ok, plan.problems
    install(plan)
    services.reload_content()
    learner = register_learner(services.database, services.paths, "Lò Thị Chợ", utcnow())
    complete_lesson(services.database, services.content(), "market-qr", learner, utcnow)

    screen = open_slips(window, qtbot)
    window.controller.staff.slips_desk.set_pdf_folder(tmp_path / "pdf")
    qtbot.mouseClick(screen.issue_button, Qt.MouseButton.LeftButton)
    assert "000001" in screen.message.text(), screen.message.text()
    qtbot.mouseClick(screen.print_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    (code,) = slip_texts(str(tmp_path / "pdf" / "phieu-000001.pdf"))
    qtbot.keyClicks(screen.verify_field, code)
    qtbot.keyClick(screen.verify_field, Qt.Key.Key_Return)
    verdict = screen.verdict.text()
    assert verdict.startswith("✔ Phiếu thật") and "Lò Thị Chợ" in verdict
    assert "Chợ market-qr" in verdict  # the installed lesson's title, not "#9001"
