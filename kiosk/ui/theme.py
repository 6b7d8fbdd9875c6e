"""Fonts, sizes and colours. Contrast pairs meet WCAG AA (≥ 4.5:1 for text)."""

from __future__ import annotations

import logging
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


def stylesheet(scale: float = 1.0) -> str:
    def px(n: int) -> int:
        return round(n * scale)

    return f"""
    QWidget {{ background: {PAPER}; color: {INK}; font-family: "{FONT_FAMILY}";
               font-size: {px(BODY_PX)}px; }}
    QLabel#title {{ font-size: {px(56)}px; font-weight: bold; color: {PRIMARY}; }}
    QLabel#heading {{ font-size: {px(34)}px; font-weight: bold; }}
    QLabel#lead {{ font-size: {px(28)}px; }}
    QLabel#muted {{ color: {MUTED}; }}
    QLabel#message {{ font-size: {px(26)}px; color: {DANGER}; }}
    QPushButton {{ min-height: {px(MIN_TARGET_PX)}px; padding: 8px 24px; border-radius: 14px;
                   border: 2px solid {PRIMARY}; background: white; color: {PRIMARY};
                   font-size: {px(24)}px; font-weight: bold; }}
    QPushButton:pressed {{ background: {ACCENT}; }}
    QPushButton:disabled {{ color: {MUTED}; border-color: {MUTED}; }}
    QPushButton#primary {{ background: {PRIMARY}; color: white; font-size: {px(34)}px;
                           min-height: {px(96)}px; padding: 12px 48px; }}
    QPushButton#primary:pressed {{ background: {PRIMARY_PRESSED}; }}
    QPushButton#danger {{ background: {DANGER}; color: white; border-color: {DANGER}; }}
    QPushButton#key {{ min-width: {px(96)}px; min-height: {px(64)}px; font-size: {px(30)}px;
                       padding: 4px 12px; }}
    QPushButton#confirm {{ background: {PRIMARY}; color: white; min-width: {px(160)}px; }}
    QPushButton#confirm:pressed {{ background: {PRIMARY_PRESSED}; }}
    QPushButton#language[current="true"] {{ background: {PRIMARY}; color: white; }}
    QLineEdit, QSpinBox {{ min-height: {px(56)}px; font-size: {px(26)}px; padding: 4px 12px;
                           border: 2px solid {MUTED}; border-radius: 8px; background: white; }}
    QListWidget {{ font-size: {px(24)}px; border: 2px solid {MUTED}; background: white; }}
    QListWidget::item {{ min-height: {px(56)}px; padding: 4px 12px; }}
    QListWidget::item:selected {{ background: {PRIMARY}; color: white; }}
    QFrame#overlay {{ background: rgba(0, 0, 0, 160); }}
    QFrame#card {{ background: {PAPER}; border-radius: 24px; border: 3px solid {PRIMARY}; }}
    """


def apply(app: QApplication, text_size: str = "normal") -> None:
    scale = TEXT_SCALE.get(text_size, 1.0)
    font = QFont(FONT_FAMILY)
    font.setPixelSize(round(BODY_PX * scale))
    app.setFont(font)
    app.setStyleSheet(stylesheet(scale))
