"""Fonts, sizes and colours. Contrast pairs meet WCAG AA (≥ 4.5:1 for text); the high
contrast palette aims at AAA (≥ 7:1)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONT_FAMILY = "Noto Sans"
TEXT_SCALE = {"normal": 1.0, "large": 1.25, "extra_large": 1.5}
BODY_PX = 22  # body text never below 20 px
MIN_TARGET_PX = 64  # hit targets: comfortably above the 48 px floor

# text on background, contrast ratios: ink/paper 16.8, white/primary 7.1, ink/accent 11.3
PAPER = "#fffdf6"
INK = "#1b1b1b"
PRIMARY = "#0a4d8c"
PRIMARY_PRESSED = "#073a69"
ACCENT = "#ffd23f"
MUTED = "#4a4a4a"  # 8.6 on PAPER
DANGER = "#a4161a"  # 7.3 with white


def load_fonts(fonts_dir: Path) -> list[str]:
    """Register the shipped TTFs with Qt; returns the families found."""
    families: list[str] = []
    for path in sorted(fonts_dir.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font not loaded: %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


@dataclass(frozen=True)
class Palette:
    paper: str
    ink: str
    primary: str
    primary_pressed: str
    accent: str
    muted: str
    danger: str
    button_bg: str  # an ordinary button's face
    on_primary: str  # text on a primary (filled) button
    field_bg: str


NORMAL = Palette(
    PAPER, INK, PRIMARY, PRIMARY_PRESSED, ACCENT, MUTED, DANGER, "white", "white", "white"
)
# High contrast (WCAG AAA-ish): white 21:1 and yellow 19.6:1 on black; black on yellow 19.6:1.
HIGH_CONTRAST = Palette(
    paper="#000000",
    ink="#ffffff",
    primary="#ffff00",
    primary_pressed="#ffffff",
    accent="#00ffff",
    muted="#e0e0e0",
    danger="#ff6b6b",
    button_bg="#000000",
    on_primary="#000000",
    field_bg="#000000",
)


def stylesheet(scale: float = 1.0, high_contrast: bool = False) -> str:
    def px(n: int) -> int:
        return round(n * scale)

    p = HIGH_CONTRAST if high_contrast else NORMAL
    on_danger = "#000000" if high_contrast else "white"  # 7.4:1 on the light red
    return f"""
    QWidget {{ background: {p.paper}; color: {p.ink}; font-family: "{FONT_FAMILY}";
               font-size: {px(BODY_PX)}px; }}
    QLabel#title {{ font-size: {px(56)}px; font-weight: bold; color: {p.primary}; }}
    QLabel#heading {{ font-size: {px(34)}px; font-weight: bold; }}
    QLabel#lead {{ font-size: {px(28)}px; }}
    QLabel#muted {{ color: {p.muted}; }}
    QLabel#message {{ font-size: {px(26)}px; color: {p.danger}; }}
    QPushButton {{ min-height: {px(MIN_TARGET_PX)}px; padding: 8px 24px; border-radius: 14px;
                   border: 2px solid {p.primary}; background: {p.button_bg}; color: {p.primary};
                   font-size: {px(24)}px; font-weight: bold; }}
    QPushButton:pressed {{ background: {p.accent}; color: {p.on_primary}; }}
    QPushButton:disabled {{ color: {p.muted}; border-color: {p.muted}; }}
    QPushButton#primary {{ background: {p.primary}; color: {p.on_primary}; font-size: {px(34)}px;
                           min-height: {px(96)}px; padding: 12px 48px; }}
    QPushButton#primary:pressed {{ background: {p.primary_pressed}; }}
    QPushButton#danger {{ background: {p.danger}; color: {on_danger};
                          border-color: {p.danger}; }}
    QPushButton#key {{ min-width: {px(96)}px; min-height: {px(64)}px; font-size: {px(30)}px;
                       padding: 4px 12px; }}
    QPushButton#confirm {{ background: {p.primary}; color: {p.on_primary};
                           min-width: {px(160)}px; }}
    QPushButton#confirm:pressed {{ background: {p.primary_pressed}; }}
    QPushButton#language[current="true"] {{ background: {p.primary}; color: {p.on_primary}; }}
    QLineEdit, QSpinBox, QComboBox {{ min-height: {px(56)}px; font-size: {px(26)}px;
                           padding: 4px 12px; border: 2px solid {p.muted}; border-radius: 8px;
                           background: {p.field_bg}; color: {p.ink}; }}
    QListWidget, QTableWidget {{ font-size: {px(24)}px; border: 2px solid {p.muted};
                                 background: {p.field_bg}; color: {p.ink}; }}
    QListWidget::item {{ min-height: {px(56)}px; padding: 4px 12px; }}
    QListWidget::item:selected, QTableWidget::item:selected {{ background: {p.primary};
                                                               color: {p.on_primary}; }}
    QHeaderView::section {{ background: {p.paper}; color: {p.ink}; font-weight: bold;
                            border: none; border-bottom: 2px solid {p.muted}; padding: 4px; }}
    QCheckBox {{ spacing: 12px; }}
    QCheckBox::indicator {{ width: {px(32)}px; height: {px(32)}px; }}
    QProgressBar {{ min-height: {px(36)}px; border: 2px solid {p.muted}; border-radius: 8px;
                    background: {p.field_bg}; color: {p.ink}; text-align: center; }}
    QProgressBar::chunk {{ background: {p.primary if high_contrast else "#2e8b57"}; }}
    QFrame#overlay {{ background: rgba(0, 0, 0, 160); }}
    QFrame#card {{ background: {p.paper}; border-radius: 24px; border: 3px solid {p.primary}; }}
    """


def apply(app: QApplication, text_size: str = "normal", high_contrast: bool = False) -> None:
    """Apply the theme to the whole app; call again to change it live (settings)."""
    scale = TEXT_SCALE.get(text_size, 1.0)
    font = QFont(FONT_FAMILY)
    font.setPixelSize(round(BODY_PX * scale))
    app.setFont(font)
    app.setStyleSheet(stylesheet(scale, high_contrast))
