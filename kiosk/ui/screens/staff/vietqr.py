"""Staff: a vendor's real VietQR code. Bank, account, name, optional amount and note; a live
preview of the code with what a banking app will read from it; posters A5/A6 to save
or print. Thin: it emits the form as typed; the flow checks it and says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.phone.parts import QrWidget
from kiosk.ui.theme import DANGER, INK
from kiosk.ui.widgets import button, label
from kiosk.vietqr.form import QrCheck, QrForm

QR_PX = 232
OK_GREEN = "#1b6e20"
_STYLE = f"""
QLabel#qr-status[ok="true"] {{ color: {OK_GREEN}; font-size: 26px; font-weight: bold; }}
QLabel#qr-status[ok="false"] {{ color: {DANGER}; font-size: 22px; font-weight: bold; }}
QLabel#readback {{ font-size: 20px; }}
QLabel#result[error="true"] {{ color: {DANGER}; }}
QLabel#result[error="false"] {{ color: {INK}; }}
QLabel#field-label {{ font-size: 20px; }}
QLineEdit, QComboBox {{ min-height: 48px; font-size: 22px; }}
QLineEdit[bad="true"] {{ border: 3px solid {DANGER}; }}
QPushButton {{ min-height: 56px; }}
QPushButton#confirm:disabled {{ background: #e8e4d8; color: #4a4a4a; border-color: #4a4a4a; }}
"""
DIGIT_FIELDS = ("account", "amount")


class VietQRScreen(QWidget):
    back_requested = Signal()
    form_changed = Signal(object)  # QrForm
    save_requested = Signal(str)  # "A5" or "A6"
    print_requested = Signal(str)
    choose_folder_requested = Signal()

    def __init__(
        self,
        tr: Callable[..., str],
        bank_list: Sequence[tuple[str, str]],
        printer: str | None,
    ) -> None:
        super().__init__()
        self.t = tr
        self.setStyleSheet(_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 12, 32, 12)
        root.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(label(tr("vietqr.title"), "heading", wrap=False))
        top.addStretch(1)
        self.folder = label("", "muted", wrap=False)
        self.folder.setMinimumWidth(1)  # a long path is cut, it does not widen the window
        top.addWidget(self.folder, 1)
        root.addLayout(top)

        # three label + field pairs a row: the keyboard and the preview need the height
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.bank = QComboBox()
        for bin_code, name in bank_list:
            self.bank.addItem(f"{name} ({bin_code})", bin_code)
        self.fields: dict[str, QLineEdit] = {}
        cells: list[tuple[str, QWidget]] = [("bank", self.bank)]
        for key in ("account", "account_name", "shop", "amount", "purpose", "bill"):
            edit = QLineEdit()
            edit.setObjectName(f"field-{key}")
            edit.setPlaceholderText(tr(f"vietqr.placeholder.{key}"))
            if key in DIGIT_FIELDS:
                edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            edit.textChanged.connect(self._changed)
            edit.installEventFilter(self)
            self.fields[key] = edit
            cells.append((key, edit))
        for i, (key, widget) in enumerate(cells):
            row, col = divmod(i, 3)
            grid.addWidget(label(tr(f"vietqr.field.{key}"), "field-label"), row, col * 2)
            grid.addWidget(widget, row, col * 2 + 1)
            grid.setColumnStretch(col * 2 + 1, 1)
        self.bank.currentIndexChanged.connect(self._changed)
        root.addLayout(grid)

        body = QHBoxLayout()
        body.setSpacing(24)
        root.addLayout(body, 1)
        self.keyboard = OnScreenKeyboard(tr)
        body.addWidget(self.keyboard, 3, Qt.AlignmentFlag.AlignTop)
        self.qr_holder = QVBoxLayout()
        self.qr_holder.setContentsMargins(0, 0, 0, 0)
        self.qr = self._blank()
        self.qr_holder.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(self.qr_holder)
        right = QVBoxLayout()
        right.setSpacing(4)
        self.status = label("", "qr-status")
        right.addWidget(self.status)
        self.readback = label("", "readback")
        right.addWidget(self.readback)
        self.name_shown = label("", "readback")
        right.addWidget(self.name_shown)
        right.addStretch(1)
        body.addLayout(right, 2)

        self.result = label("", "result")
        root.addWidget(self.result)
        actions = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        actions.addWidget(back)
        self.folder_button = button(tr("printing.choose_folder"))
        self.folder_button.clicked.connect(self.choose_folder_requested)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        self.save_buttons = {}
        for size in ("A5", "A6"):
            save = button(tr("vietqr.save", size=size), "confirm" if size == "A5" else "")
            save.clicked.connect(lambda _=False, s=size: self.save_requested.emit(s))
            self.save_buttons[size] = save
            actions.addWidget(save)
        self.print_button = button(tr("vietqr.print", name=printer or ""))
        self.print_button.clicked.connect(lambda: self.print_requested.emit("A5"))
        self.print_button.setVisible(printer is not None)
        actions.addWidget(self.print_button)
        root.addLayout(actions)
        self.keyboard.attach(self.fields["account"])

    # What staff does ---------------------------------------------------------------------

    def form(self) -> QrForm:
        f = {key: edit.text() for key, edit in self.fields.items()}
        return QrForm(bin=str(self.bank.currentData() or ""), **f)

    def choose_bank(self, bin_code: str) -> None:
        self.bank.setCurrentIndex(max(0, self.bank.findData(bin_code)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.keyboard.attach(watched)  # the keyboard types where staff touched
        return False

    def _changed(self, *_args: object) -> None:
        self.form_changed.emit(self.form())

    # What the flow calls -----------------------------------------------------------------

    def show_check(self, check: QrCheck, error: str | None, read_back: list[str]) -> None:
        """The form's check: the code drawn, or ``error`` and the bad field marked."""
        self.name_shown.setText(
            self.t("vietqr.name_as_bank", name=check.account_name) if check.account_name else ""
        )
        for key, edit in self.fields.items():
            edit.setProperty("bad", check.problem is not None and key == check.problem.field)
            edit.style().unpolish(edit)
            edit.style().polish(edit)
        if check.payload:
            drawn = QrWidget(check.payload, QR_PX)  # crisp modules; only its pixmap is kept
            self.qr.setPixmap(drawn.pixmap())
            self.qr.setStyleSheet("background: white;")
            drawn.deleteLater()
        else:
            self.qr.clear()
            self.qr.setStyleSheet("background: #eeeeee; border-radius: 8px;")
        ok = check.payload is not None
        self.status.setText(self.t("vietqr.valid") if ok else (error or ""))
        self.status.setProperty("ok", "true" if ok else "false")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.readback.setText("\n".join(read_back))
        for widget in (*self.save_buttons.values(), self.print_button):
            widget.setEnabled(ok)

    def show_folder(self, folder: str) -> None:
        self.folder.setText(self.t("vietqr.folder", path=folder))

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.result.setText(text)
        self.result.setProperty("error", error)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)

    def _blank(self) -> QLabel:
        blank = QLabel()
        blank.setAlignment(Qt.AlignmentFlag.AlignCenter)
        blank.setFixedSize(QR_PX, QR_PX)
        blank.setStyleSheet("background: #eeeeee; border-radius: 8px;")
        return blank
