"""Settings (admin): the learning point and its commune, villages, slip printer and paper,
idle reset, languages offered, text size, high contrast, narration volume, target.

Staff may look; only the admin may change (the editors are disabled otherwise). Thin:
``save_requested`` carries the changed values; the staff flow stores and applies them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QScroller,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import SOURCE_LANGUAGE, Language
from kiosk.identity import KioskIdentity
from kiosk.settings import TEXT_SIZES, KioskSettings
from kiosk.slips.view import Layout
from kiosk.text import fold
from kiosk.ui.widgets import button, label
from kiosk_records.communes import Unit

CODE_ROLE = Qt.ItemDataRole.UserRole
LEARNING_POINT, COMMUNE = "learning_point", "commune_code"  # identity, not KioskSettings


class SettingsScreen(QWidget):
    save_requested = Signal(object)  # dict: KioskSettings fields (+ learning_point, commune)
    back_requested = Signal()

    def __init__(
        self,
        tr: Callable[..., str],
        settings: KioskSettings,
        editable: bool,
        printers: Sequence[str] = (),
        *,
        identity: KioskIdentity | None = None,
        units: Sequence[Unit] = (),
        languages: Sequence[Language] = (),
    ) -> None:
        super().__init__()
        self.t = tr
        self.identity = identity
        back = button(tr("common.back"), parent=self)  # first button: tests find it there
        back.clicked.connect(self.back_requested)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 16)
        root.setSpacing(8)
        root.addWidget(label(tr("settings.title"), "heading"))
        content = QWidget()
        columns = QGridLayout(content)
        columns.setHorizontalSpacing(32)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 0, 0)
        columns.addLayout(right, 0, 1)
        self._place(left, identity, units)
        self._villages(left, settings.villages)
        left.addStretch(1)
        self._slips_and_idle(right, settings, printers)
        self._screen(right, settings)
        self._languages(right, settings, languages)
        right.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        QScroller.grabGesture(
            scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        root.addWidget(scroll, 1)
        self.message = label("" if editable else tr("settings.need_admin"), "message")
        root.addWidget(self.message)
        row = QHBoxLayout()
        self.save_button = button(tr("common.save"), "primary")
        self.save_button.clicked.connect(self._save)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.save_button)
        root.addLayout(row)
        content.setEnabled(editable)
        self.save_button.setEnabled(editable)
        for editor in (self.idle_timeout, self.idle_countdown, self.printer, self.slip_layout):
            editor.setEnabled(editable)  # also directly: tests and callers look at these

    # -- sections --------------------------------------------------------------------
    def _section(self, lay: QVBoxLayout, key: str) -> QFormLayout:
        lay.addSpacing(8)
        lay.addWidget(label(self.t(key), "lead"))
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: no clipping
        lay.addLayout(form)
        return form

    def _place(
        self, lay: QVBoxLayout, identity: KioskIdentity | None, units: Sequence[Unit]
    ) -> None:
        form = self._section(lay, "settings.section.place")
        self.learning_point = QLineEdit(identity.learning_point if identity else "")
        self.learning_point.setMaxLength(120)
        form.addRow(label(self.t("settings.learning_point")), self.learning_point)
        self.commune_filter = QLineEdit()
        self.commune_filter.setPlaceholderText(self.t("settings.commune_filter"))
        self.commune_filter.textChanged.connect(self._filter_units)
        form.addRow(label(self.t("settings.commune")), self.commune_filter)
        self.unit_list = QListWidget()
        self.unit_list.setFixedHeight(200)
        for unit in units:
            kind = self.t("unit.ward") if unit.kind == "ward" else self.t("unit.commune")
            item = QListWidgetItem(f"{kind} {unit.name}")
            item.setData(CODE_ROLE, unit.code)
            self.unit_list.addItem(item)
            if identity is not None and unit.code == identity.commune_code:
                self.unit_list.setCurrentItem(item)
        form.addRow(self.unit_list)
        form.addRow(label(self.t("settings.commune_note"), "muted"))
        for widget in (self.learning_point, self.commune_filter, self.unit_list):
            widget.setVisible(identity is not None)

    def _villages(self, lay: QVBoxLayout, villages: Sequence[str]) -> None:
        form = self._section(lay, "settings.section.villages")
        self.village_list = QListWidget()
        self.village_list.setFixedHeight(200)
        self.village_list.addItems(list(villages))
        self.village_edit = QLineEdit()
        self.village_list.currentTextChanged.connect(self.village_edit.setText)
        form.addRow(self.village_list)
        self.village_edit.setMaxLength(120)
        self.village_edit.setPlaceholderText(self.t("settings.village_placeholder"))
        form.addRow(self.village_edit)
        row = QHBoxLayout()
        for key, action in (
            ("settings.village_add", self.add_village),
            ("settings.village_rename", self.rename_village),
            ("settings.village_remove", self.remove_village),
        ):
            b = button(self.t(key))
            b.clicked.connect(action)
            row.addWidget(b)
        form.addRow(row)

    def _slips_and_idle(
        self, lay: QVBoxLayout, settings: KioskSettings, printers: Sequence[str]
    ) -> None:
        form = self._section(lay, "settings.section.slips")
        self.printer = QComboBox()
        self.printer.addItem(self.t("printing.system_default"), "")
        for name in printers:
            self.printer.addItem(name, name)
        if settings.printer and settings.printer not in printers:
            self.printer.addItem(
                self.t("printing.not_found", name=settings.printer), settings.printer
            )
        self.printer.setCurrentIndex(max(0, self.printer.findData(settings.printer)))
        form.addRow(label(self.t("printing.printer")), self.printer)
        self.slip_layout = QComboBox()
        for layout in Layout:
            self.slip_layout.addItem(self.t(f"printing.layout.{layout.value}"), layout.value)
        self.slip_layout.setCurrentIndex(max(0, self.slip_layout.findData(settings.slip_layout)))
        form.addRow(label(self.t("printing.layout")), self.slip_layout)
        for combo in (self.printer, self.slip_layout):
            combo.setMinimumHeight(56)
        self.target = QSpinBox()
        self.target.setRange(0, 100_000)
        self.target.setSingleStep(10)
        self.target.setValue(settings.learning_point_target)
        form.addRow(label(self.t("settings.target")), self.target)

    def _screen(self, lay: QVBoxLayout, settings: KioskSettings) -> None:
        form = self._section(lay, "settings.section.screen")
        self.idle_timeout = QSpinBox()
        self.idle_timeout.setRange(15, 3600)
        self.idle_timeout.setSingleStep(15)
        self.idle_timeout.setValue(settings.idle_timeout_s)
        form.addRow(label(self.t("settings.idle_timeout")), self.idle_timeout)
        self.idle_countdown = QSpinBox()
        self.idle_countdown.setRange(5, 120)
        self.idle_countdown.setValue(settings.idle_countdown_s)
        form.addRow(label(self.t("settings.idle_countdown")), self.idle_countdown)
        self.text_size = QComboBox()
        for size in TEXT_SIZES:
            self.text_size.addItem(self.t(f"settings.text_size.{size}"), size)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(settings.text_size)))
        form.addRow(label(self.t("settings.text_size")), self.text_size)
        self.high_contrast = QCheckBox(self.t("settings.high_contrast"))
        self.high_contrast.setChecked(settings.high_contrast)
        self.high_contrast.setMinimumHeight(56)
        form.addRow(self.high_contrast)
        volume_row = QHBoxLayout()
        self.narration_volume = QSlider(Qt.Orientation.Horizontal)
        self.narration_volume.setRange(0, 100)
        self.narration_volume.setSingleStep(5)
        self.narration_volume.setPageStep(10)
        self.narration_volume.setMinimumHeight(48)
        self.narration_volume.setValue(settings.narration_volume)
        self.volume_value = label(f"{settings.narration_volume}%", wrap=False)
        self.narration_volume.valueChanged.connect(lambda v: self.volume_value.setText(f"{v}%"))
        volume_row.addWidget(self.narration_volume, 1)
        volume_row.addWidget(self.volume_value)
        form.addRow(label(self.t("settings.narration_volume")), volume_row)

    def _languages(
        self, lay: QVBoxLayout, settings: KioskSettings, languages: Sequence[Language]
    ) -> None:
        form = self._section(lay, "settings.section.languages")
        self.language_boxes: dict[str, QCheckBox] = {}
        for lang in languages:
            box = QCheckBox(lang.name)
            box.setMinimumHeight(56)
            box.setChecked(lang.code in settings.languages or lang.code == SOURCE_LANGUAGE)
            if lang.code == SOURCE_LANGUAGE:
                box.setEnabled(False)  # Vietnamese is always offered
            self.language_boxes[lang.code] = box
            form.addRow(box)
        form.addRow(label(self.t("settings.languages_note"), "muted"))

    # -- villages ----------------------------------------------------------------------
    def villages(self) -> list[str]:
        return [self.village_list.item(i).text() for i in range(self.village_list.count())]

    def _village_name(self) -> str:
        return " ".join(self.village_edit.text().split())

    def add_village(self) -> None:
        name = self._village_name()
        if name and fold(name) not in {fold(v) for v in self.villages()}:
            self.village_list.addItem(name)
            self.village_edit.clear()

    def rename_village(self) -> None:
        item = self.village_list.currentItem()
        name = self._village_name()
        if item is not None and name:
            item.setText(name)

    def remove_village(self) -> None:
        row = self.village_list.currentRow()
        if row >= 0:
            self.village_list.takeItem(row)
            self.village_edit.clear()

    def _filter_units(self, text: str) -> None:
        needle = fold(text)
        for i in range(self.unit_list.count()):
            item = self.unit_list.item(i)
            item.setHidden(needle not in fold(item.text()))

    # -- saving ------------------------------------------------------------------------
    def values(self) -> dict[str, object]:
        languages = tuple(
            code
            for code, box in self.language_boxes.items()
            if box.isChecked() or code == SOURCE_LANGUAGE
        )
        values: dict[str, object] = {
            "idle_timeout_s": self.idle_timeout.value(),
            "idle_countdown_s": self.idle_countdown.value(),
            "printer": str(self.printer.currentData() or ""),
            "slip_layout": str(self.slip_layout.currentData()),
            "villages": tuple(self.villages()),
            "text_size": str(self.text_size.currentData()),
            "high_contrast": self.high_contrast.isChecked(),
            "narration_volume": self.narration_volume.value(),
            "learning_point_target": self.target.value(),
        }
        if languages:
            values["languages"] = languages
        if self.identity is not None:
            item = self.unit_list.currentItem()
            values[LEARNING_POINT] = self.learning_point.text()
            values[COMMUNE] = (
                item.data(CODE_ROLE) if item is not None else self.identity.commune_code
            )
        return values

    def _save(self) -> None:
        self.save_requested.emit(self.values())

    def show_message(self, text: str) -> None:
        self.message.setText(text)
