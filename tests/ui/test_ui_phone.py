"""The simulated phone draws every element type for every app kind and reports touches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.content.schema import AppKind, PhoneScreen
from kiosk.ui.phone import RENDERERS, PhoneView
from kiosk.ui.phone.view import LONG_PRESS_MS

LEFT = Qt.MouseButton.LeftButton
T = {"vi": "Chữ Việt có dấu"}

ELEMENTS = [
    {"type": "status_bar", "id": "status"},
    {"type": "app_bar", "id": "bar", "title": T, "back": True},
    {"type": "text", "id": "text", "text": T, "style": "warning"},
    {"type": "button", "id": "ok", "label": T},
    {"type": "text_field", "id": "name", "label": T, "input": "password"},
    {"type": "list_item", "id": "item", "title": T, "subtitle": T},
    {"type": "toggle", "id": "wifi", "label": T, "checked": True},
    {"type": "keypad", "id": "pad", "purpose": "otp", "length": 3},
    {
        "type": "dialog",
        "id": "dlg",
        "title": T,
        "body": T,
        "buttons": [{"type": "button", "id": "dlg-yes", "label": T}],
    },
    {"type": "notification", "id": "note", "title": T, "body": T},
    {"type": "message", "id": "msg", "sender": "0900", "text": T, "link": "http://x.example"},
]


def make_phone(qtbot, elements, app=AppKind.HOME) -> PhoneView:  # type: ignore[no-untyped-def]
    phone = PhoneView(lambda key, **_: key)
    qtbot.addWidget(phone)
    phone.resize(480, 1000)
    phone.show()
    phone.show_screen(PhoneScreen.model_validate({"app": app, "elements": elements}))
    return phone


def test_every_app_kind_has_a_renderer_and_draws_every_element(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert set(RENDERERS) == set(AppKind)
    for kind in AppKind:
        phone = make_phone(qtbot, ELEMENTS, kind)
        for spec in ELEMENTS:
            assert phone.findChild(QWidget, spec["id"]) is not None, (kind, spec["id"])
        assert phone.findChild(QWidget, "dlg-yes") is not None


def test_touches_become_signals(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    phone = make_phone(qtbot, ELEMENTS, AppKind.SETTINGS)
    with qtbot.waitSignal(phone.tapped) as tapped:
        qtbot.mouseClick(phone.findChild(QWidget, "item"), LEFT)
    assert tapped.args == ["item"]
    with qtbot.waitSignal(phone.long_pressed, timeout=LONG_PRESS_MS * 3) as held:
        qtbot.mousePress(phone.findChild(QWidget, "text"), LEFT)
    qtbot.mouseRelease(phone.findChild(QWidget, "text"), LEFT)
    assert held.args == ["text"]
    with qtbot.waitSignal(phone.keypad_entered) as typed:
        for digit in "123":
            qtbot.mouseClick(phone.findChild(QWidget, f"pad-key-{digit}"), LEFT)
    assert typed.args == ["123", "pad"]


def test_a_qr_code_in_the_camera_is_scanned_by_touching_it(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    phone = make_phone(
        qtbot,
        [
            {"type": "camera_viewfinder", "id": "camera"},
            {"type": "qr_code", "id": "code", "payload": "LUYEN TAP"},
        ],
        AppKind.BANK,
    )
    with qtbot.waitSignal(phone.qr_scanned) as scanned:
        qtbot.mouseClick(phone.findChild(QWidget, "code"), LEFT)
    assert scanned.args == ["LUYEN TAP"]
    with qtbot.waitSignal(phone.qr_scanned):
        qtbot.mouseClick(phone.findChild(QWidget, "camera-shutter"), LEFT)


def test_highlight_and_wrong_flash(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    phone = make_phone(qtbot, ELEMENTS)
    phone.highlight("ok")
    assert phone.highlighted == "ok"
    phone.highlight("no-such-element")
    assert phone.highlighted is None
    phone.flash_wrong()
    qtbot.wait(50)
    assert not phone.grab().isNull()


def test_a_long_button_label_wraps_instead_of_being_cut(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QPushButton

    label = {"vi": "Đính kèm giấy tờ (nếu cần) rồi chuyển tiếp cho người hỏi"}
    for app in (AppKind.IDENTITY, AppKind.SMS, AppKind.HOME):
        phone = make_phone(qtbot, [{"type": "button", "id": "long", "label": label}], app)
        qtbot.waitUntil(lambda p=phone: p.findChild(QPushButton, "long") is not None)
        button = phone.findChild(QPushButton, "long")
        qtbot.waitUntil(lambda b=button: b.width() > 0)
        lines = button.text().split("\n")
        assert len(lines) > 1 and " ".join(lines) == label["vi"]
        metrics = QFontMetrics(button.font())
        assert max(metrics.horizontalAdvance(line) for line in lines) < button.width()
        assert button.height() >= metrics.lineSpacing() * len(lines)


def test_buttons_and_notifications_on_the_home_screen_are_readable(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QPushButton

    from tests.ui.test_ui_theme_contrast import contrast

    elements = [
        {"type": "button", "id": "again", "label": T, "style": "secondary"},
        {"type": "notification", "id": "note", "title": T, "body": T},
    ]
    phone = make_phone(qtbot, elements, AppKind.HOME)
    qtbot.waitUntil(lambda: phone.findChild(QPushButton, "again") is not None)
    button = phone.findChild(QPushButton, "again")
    note = phone.findChild(QWidget, "note")
    button.ensurePolished()
    text = button.palette().color(button.foregroundRole()).name()
    assert contrast(text, "#1f3b57") >= 4.5
    title = note.findChild(QLabel, "title")
    assert contrast(title.palette().color(title.foregroundRole()).name(), "#fff8dc") >= 4.5
