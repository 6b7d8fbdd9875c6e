"""The on-screen keyboard types Vietnamese with Telex into the field it is attached to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from kiosk.ui.keyboard import OnScreenKeyboard

LEFT = Qt.MouseButton.LeftButton


def press(qtbot, keyboard, names: str) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        key = next(k for k in keyboard.findChildren(QPushButton, f"key-{name}") if k.isVisible())
        qtbot.mouseClick(key, LEFT)


def make(qtbot, field: QLineEdit) -> OnScreenKeyboard:  # type: ignore[no-untyped-def]
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.attach(field)
    keyboard.show()
    return keyboard


def test_telex_keys_make_vietnamese_letters(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = QLineEdit()
    keyboard = make(qtbot, field)
    press(qtbot, keyboard, "vieejt")
    assert field.text() == "việt"
    qtbot.mouseClick(keyboard.keys["space"], LEFT)
    press(qtbot, keyboard, "aa")
    assert field.text() == "việt â"
    qtbot.mouseClick(keyboard.keys["backspace"], LEFT)
    assert field.text() == "việt "
    qtbot.mouseClick(keyboard.keys["shift"], LEFT)
    press(qtbot, keyboard, "ddi")
    assert field.text() == "việt Đi"


def test_keys_are_big_and_done_submits(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = QLineEdit()
    keyboard = make(qtbot, field)
    keyboard.resize(900, 320)
    assert all(k.height() >= 56 for k in keyboard.findChildren(QPushButton) if k.isVisible())
    with qtbot.waitSignal(keyboard.submitted, timeout=500):
        qtbot.mouseClick(keyboard.keys["enter"], LEFT)


def test_digits_page_and_number_fields(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = QLineEdit()
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    keyboard = make(qtbot, field)
    assert keyboard.pages.currentIndex() == 1  # opens on digits for a number box
    press(qtbot, keyboard, "0112")
    qtbot.mouseClick(keyboard.keys["letters"], LEFT)
    press(qtbot, keyboard, "a")
    assert field.text() == "0112a"


def test_passwords_are_typed_letter_for_letter(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    keyboard = make(qtbot, field)
    press(qtbot, keyboard, "hocso")
    assert field.text() == "hocso"


def test_address_and_code_fields_are_typed_without_telex(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    for hint in (Qt.InputMethodHint.ImhUrlCharactersOnly, Qt.InputMethodHint.ImhLatinOnly):
        field = QLineEdit()
        field.setInputMethodHints(hint)
        keyboard = make(qtbot, field)
        press(qtbot, keyboard, "hocsoo")
        assert field.text() == "hocsoo"  # Telex would make "hócô"-like letters
    normal = QLineEdit()
    press(qtbot, make(qtbot, normal), "hocsoo")
    assert normal.text() != "hocsoo"
