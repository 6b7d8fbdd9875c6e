"""The staff console walked like staff would: log in with the PIN pad, find a learner by
typing a name without tone marks, open and rename them, reprint a slip, export a report,
register someone on their behalf; the admin changes text size and contrast and reads
the audit log."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from kiosk.clock import utcnow
from kiosk.content.loader import load_packs
from kiosk.db.models import AuditEntry
from kiosk.learners.registry import Purpose, Registration
from kiosk.navigation import Screen
from kiosk.staff.roles import Role
from kiosk.ui import slips_desk, worker
from kiosk.ui.screens.staff.audit import AuditScreen
from kiosk.ui.screens.staff.learners import LearnersScreen
from kiosk.ui.screens.staff.reports import ReportsScreen
from kiosk.ui.screens.staff.today import TodayScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.conftest import ADMIN_PIN, STAFF_PIN
from tests.helpers.slips_helpers import complete_lesson, register_learner

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def no_printer(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(slips_desk, "printer_names", lambda: [])
    monkeypatch.setattr(slips_desk, "choose_printer", lambda configured: None)


def log_in(window, qtbot, pin: str) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    type_pin(qtbot, c.current_widget, pin)
    assert c.nav.current is Screen.STAFF_MENU


def type_pin(qtbot, screen, pin: str) -> None:  # type: ignore[no-untyped-def]
    for digit in pin:
        qtbot.mouseClick(screen.pad.keys[digit], LEFT)
    qtbot.mouseClick(screen.pad.ok_button, LEFT)


def menu(window, qtbot, key: str):  # type: ignore[no-untyped-def]
    c = window.controller
    if c.nav.current is not Screen.STAFF_MENU:
        c.show(Screen.STAFF_MENU)
    qtbot.mouseClick(c.current_widget.buttons[key], LEFT)
    return c.current_widget


def audit_actions(services) -> list[tuple[str, str, dict]]:  # type: ignore[no-untyped-def,type-arg]
    with services.database.transaction() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.at))
        return [(r.actor, r.action, json.loads(r.detail_json)) for r in rows]


def test_staff_walk(window, qtbot, ready_services, no_printer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    packs = load_packs()
    db, paths = ready_services.database, ready_services.paths
    hoa = register_learner(db, paths, "Lò Thị Hoa", utcnow(), birth_year=1975)
    complete_lesson(db, packs, packs.lessons[0].lesson.id, hoa, utcnow)
    register_learner(db, paths, "Lò Văn Hòa", utcnow(), birth_year=1980)
    c = window.controller
    log_in(window, qtbot, STAFF_PIN)
    assert c.staff.role is Role.STAFF

    today = menu(window, qtbot, "console.menu.today")
    assert isinstance(today, TodayScreen)
    assert today.numbers["console.today.completed"].text() == "1"
    assert today.numbers["console.today.slips_waiting"].text() == "1"

    # find a learner: a physical keyboard, no tone marks
    qtbot.mouseClick(today.buttons["console.menu.learners"], LEFT)
    learners = c.current_widget
    assert isinstance(learners, LearnersScreen)
    qtbot.keyClicks(learners.search, "lo thi")
    assert learners.results.count() == 1
    # ...or the on-screen keyboard
    learners.search.clear()
    qtbot.mouseClick(learners.keyboard_button, LEFT)
    assert learners.keyboard.isVisible()
    for key in "hoa":
        qtbot.mouseClick(learners.keyboard.keys[key], LEFT)
    assert learners.search.text() == "hoa" and learners.results.count() == 2
    qtbot.mouseClick(learners.keyboard_button, LEFT)
    item = learners.results.item(0)
    assert "Lò Thị Hoa · sinh năm 1975" in item.text()
    rect = learners.results.visualItemRect(item)
    qtbot.mouseClick(learners.results.viewport(), LEFT, pos=rect.center())
    assert learners.pages.currentIndex() == 1
    assert learners.name.text() == "Lò Thị Hoa"
    assert learners.lessons.item(0, 1).text() == "Đã hoàn thành"
    assert learners.lessons.item(0, 0).text() == packs.lessons[0].lesson.title.text("vi")

    qtbot.mouseClick(learners.rename_button, LEFT)
    learners.rename_field.setText("Lò Thị Hoà")
    qtbot.mouseClick(learners.rename_save, LEFT)
    assert learners.name.text() == "Lò Thị Hoà"
    assert "Đã sửa tên thành Lò Thị Hoà" in learners.message.text()
    renamed = [a for a in audit_actions(ready_services) if a[1] == "learner_renamed"]
    assert renamed == [
        (
            "staff",
            "learner_renamed",
            {"learner": str(hoa), "old": "Lò Thị Hoa", "new": "Lò Thị Hoà"},
        )
    ]

    # register someone on their behalf: back to the staff console, not to the lessons
    qtbot.mouseClick(learners.back_button, LEFT)
    qtbot.mouseClick(learners.register_button, LEFT)
    assert c.nav.current is Screen.STAFF_REGISTER
    c.current_widget.submitted.emit(
        Registration("Quàng Thị Đào", 1990, "Bản Noong Bua", "adults", {Purpose.SLIP: True})
    )
    assert c.nav.current is Screen.STAFF_LEARNERS
    assert c.current_widget.name.text() == "Quàng Thị Đào"
    assert "Đã đăng ký cho Quàng Thị Đào" in c.current_widget.message.text()
    assert c.learner_flow.learner is None  # nobody is signed in as a learner
    assert ("staff", "learner_registered_by_staff") in [
        a[:2] for a in audit_actions(ready_services)
    ]

    # reprint a slip (the existing slips screen)
    slips = menu(window, qtbot, "slips.menu_item")
    c.staff.slips_desk.set_pdf_folder(tmp_path / "pdf")
    qtbot.mouseClick(slips.issue_button, LEFT)
    qtbot.mouseClick(slips.print_button, LEFT)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    slips.printed.item(0).setSelected(True)
    qtbot.mouseClick(slips.reprint_button, LEFT)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    assert (tmp_path / "pdf" / "phieu-000001-in-lai-1.pdf").exists()

    # export a report
    reports = menu(window, qtbot, "console.menu.reports")
    assert isinstance(reports, ReportsScreen)
    assert "1 bài hoàn thành" in reports.summary.text()
    c.console.report_folder = tmp_path / "reports"
    reports.grouping.setCurrentIndex(reports.grouping.findData("village"))
    for b in (reports.csv_button, reports.pdf_button):
        qtbot.mouseClick(b, LEFT)
        qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
        assert "Đã lưu" in reports.message.text()
    files = sorted((tmp_path / "reports").iterdir())
    assert [f.suffix for f in files] == [".csv", ".pdf"]
    assert all(f.stat().st_size > 0 for f in files)
    assert "Bản Him Lam" in files[0].read_text(encoding="utf-8-sig")

    # the audit log is the admin's: the staff user is asked for the admin PIN
    menu(window, qtbot, "console.menu.audit")
    assert c.nav.current is Screen.STAFF_PIN
    assert c.current_widget.pad.message.text() == "Việc này cần mã PIN quản trị."
    type_pin(qtbot, c.current_widget, ADMIN_PIN)
    audit = c.current_widget
    assert isinstance(audit, AuditScreen) and c.staff.role is Role.ADMIN
    rows = audit.rows()
    actions = [r[2] for r in rows]
    assert "Đăng nhập" in actions and "Xuất báo cáo" in actions and "Sửa tên người học" in actions
    exported = next(r for r in rows if r[2] == "Xuất báo cáo")
    assert exported[1] == "Cán bộ" and ".pdf" in exported[3]
    assert any("“Lò Thị Hoa” → “Lò Thị Hoà”" in r[3] for r in rows)


def welcome_title(window) -> QLabel:  # type: ignore[no-untyped-def]
    window.controller.reset_to_welcome()
    screen = window.controller.current_widget
    assert isinstance(screen, WelcomeScreen)
    return next(lb for lb in screen.findChildren(QLabel) if lb.objectName() == "title")


def test_admin_text_size_and_contrast_apply_live(window, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    before = QFontInfo(welcome_title(window).font()).pixelSize()
    log_in(window, qtbot, ADMIN_PIN)
    settings = menu(window, qtbot, "staff.settings")
    assert settings.save_button.isEnabled()
    settings.text_size.setCurrentIndex(settings.text_size.findData("large"))
    settings.village_edit.setText("Bản Noong Bua")
    settings.add_village()
    qtbot.mouseClick(settings.save_button, LEFT)
    assert settings.message.text() == "Đã lưu cài đặt."
    assert ready_services.settings.text_size == "large"
    assert ready_services.settings.villages == ("Bản Noong Bua",)
    after = QFontInfo(welcome_title(window).font()).pixelSize()
    assert after > before  # 56 px -> 70 px

    log_in(window, qtbot, ADMIN_PIN)
    settings = menu(window, qtbot, "staff.settings")
    paper = settings.palette().color(QPalette.ColorRole.Window).name()
    settings.high_contrast.setChecked(True)
    settings.learning_point.setText("Điểm học bản Him Lam")
    qtbot.mouseClick(settings.save_button, LEFT)
    assert ready_services.settings.high_contrast
    assert ready_services.identity.learning_point == "Điểm học bản Him Lam"
    title = welcome_title(window)
    title.ensurePolished()
    assert title.palette().color(QPalette.ColorRole.WindowText).name() == "#ffff00"
    assert c.current_widget.palette().color(QPalette.ColorRole.Window).name() == "#000000" != paper
    assert "Điểm học bản Him Lam" in "".join(
        lb.text() for lb in c.current_widget.findChildren(QLabel)
    )
    changed = [a for a in audit_actions(ready_services) if a[1] == "identity_changed"]
    assert changed[0][2] == {"name": ["Nhà văn hoá bản Him Lam", "Điểm học bản Him Lam"]}
    assert "#000000" in QApplication.instance().styleSheet()


def test_staff_may_look_at_settings_but_not_save(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    log_in(window, qtbot, STAFF_PIN)
    settings = menu(window, qtbot, "staff.settings")
    assert not settings.save_button.isEnabled() and not settings.text_size.isEnabled()
