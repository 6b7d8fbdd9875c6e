"""The VietQR staff tool: a real stall's code from the form, read back, saved as a poster."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.navigation import Screen
from kiosk.ui import worker
from kiosk.ui.screens.staff.vietqr import VietQRScreen
from kiosk.vietqr.form import QrForm, check_form
from tests.conftest import STAFF_PIN

REFERENCE = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800"
    "005802VN62340107NPS68690819thanh toan don hang63042E2E"
)


def open_tool(window, qtbot) -> VietQRScreen:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    for digit in STAFF_PIN:
        c.current_widget.pad.press(digit)
    c.current_widget.pad.ok_button.click()
    qtbot.mouseClick(c.current_widget.buttons["vietqr.menu_item"], Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.STAFF_VIETQR
    return c.current_widget


def fill(screen: VietQRScreen, **values: str) -> None:
    for key, value in values.items():
        screen.fields[key].setText(value)


def test_the_public_test_case_builds_the_reference_string() -> None:
    form = QrForm("970403", "0011012345678", "Nguyễn Văn A", "", "180.000", "thanh toán đơn hàng",
                  "NPS6869")  # fmt: skip
    check = check_form(form)
    assert check.payload == REFERENCE and check.problem is None
    assert check.account_name == "NGUYEN VAN A"


def test_build_preview_and_save_posters(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = open_tool(window, qtbot)
    flow = window.controller.vietqr_flow
    flow.folder = tmp_path / "posters"
    screen.choose_bank("970403")
    # the account is typed on the on-screen keyboard's digits page
    qtbot.mouseClick(screen.fields["account"], Qt.MouseButton.LeftButton)
    screen.keyboard.attach(screen.fields["account"])
    assert screen.keyboard.pages.currentIndex() == 1
    for digit in "0011012345678":
        screen.keyboard.press(digit)
    fill(screen, account_name="Lò Thị Mẫu", shop="Sạp rau chị Mẫu", amount="180000",
         purpose="thanh toan don hang", bill="NPS6869")  # fmt: skip
    assert flow.check is not None and flow.check.payload == REFERENCE
    assert screen.status.text() == "Mã hợp lệ: đọc lại đúng như đã nhập"
    assert "Sacombank (970403)" in screen.readback.text()
    assert "180.000 đ" in screen.readback.text()
    assert "LO THI MAU" in screen.name_shown.text()
    for size in ("A5", "A6"):
        qtbot.mouseClick(screen.save_buttons[size], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not worker.busy(), timeout=10_000)
        path = tmp_path / "posters" / f"vietqr-sap-rau-chi-mau-{size}.pdf"
        assert path.read_bytes().startswith(b"%PDF"), screen.result.text()
        assert str(path) in screen.result.text()


def test_invalid_input_is_refused_in_vietnamese(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = open_tool(window, qtbot)
    flow = window.controller.vietqr_flow
    flow.folder = tmp_path / "posters"
    fill(screen, account="0011-01234x", account_name="Lò Thị Mẫu", shop="Sạp rau")
    assert flow.check is not None and flow.check.payload is None
    assert "Số tài khoản chỉ gồm chữ số" in screen.status.text()
    assert screen.fields["account"].property("bad") is True
    assert not screen.save_buttons["A5"].isEnabled()
    flow.save("A5")  # even if asked: no poster for an invalid code
    assert not (tmp_path / "posters").exists()
    assert "Số tài khoản chỉ gồm chữ số" in screen.result.text()
    fill(screen, account="0011012345678", amount="mười nghìn")
    assert "Số tiền phải là số nguyên" in screen.status.text()
    fill(screen, amount="", purpose="x" * 30)
    assert "Nội dung chuyển khoản dài nhất 25" in screen.status.text()
    fill(screen, purpose="", shop="")
    assert flow.check.payload is not None
    flow.save("A5")
    assert "tên sạp hàng" in screen.result.text()
