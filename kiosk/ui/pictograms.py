"""Simple pictograms drawn from inline SVG, so no screen depends on an emoji font.

The shipped Noto Sans has no check marks, arrows or symbols; a person who reads
Vietnamese poorly needs the picture more than the words, so these are drawn.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.ui.theme import ACCENT, PRIMARY

GREEN = "#1e7b34"  # white on it: 5.3:1
_P, _A, _G = PRIMARY, ACCENT, GREEN

_BODY = {
    # a loudspeaker with sound waves: "tap to hear this"
    "speaker": f'<path d="M10 36 H28 L52 14 V82 L28 60 H10 Z" fill="{_P}"/>'
    f'<path d="M64 32 C72 40 72 56 64 64" fill="none" stroke="{_P}" stroke-width="7" '
    'stroke-linecap="round"/>'
    f'<path d="M74 20 C90 36 90 60 74 76" fill="none" stroke="{_P}" stroke-width="7" '
    'stroke-linecap="round"/>',
    # a phone with a "play" triangle: practise freely
    "guest": f'<rect x="26" y="6" width="44" height="84" rx="8" fill="{_P}"/>'
    '<rect x="31" y="16" width="34" height="60" rx="3" fill="#fff"/>'
    f'<path d="M40 32 L60 46 L40 60 Z" fill="{_A}" stroke="{_P}" stroke-width="3"/>',
    # a person with a tick: "I have registered"
    "sign_in": f'<circle cx="40" cy="28" r="16" fill="{_P}"/>'
    f'<path d="M10 88 C10 60 70 60 70 88 Z" fill="{_P}"/>'
    f'<circle cx="72" cy="66" r="20" fill="{_G}"/>'
    '<path d="M62 66 L70 74 L83 58" fill="none" stroke="#fff" stroke-width="6" '
    'stroke-linecap="round" stroke-linejoin="round"/>',
    # a paper slip with a seal: "register to get a slip"
    "register": f'<rect x="16" y="6" width="60" height="80" rx="6" fill="#fff" '
    f'stroke="{_P}" stroke-width="5"/>'
    f'<path d="M28 26 H64 M28 40 H64 M28 54 H50" stroke="{_P}" stroke-width="5" '
    'stroke-linecap="round"/>'
    f'<circle cx="68" cy="70" r="17" fill="{_A}" stroke="{_P}" stroke-width="4"/>'
    f'<path d="M60 70 L66 76 L77 63" fill="none" stroke="{_P}" stroke-width="5" '
    'stroke-linecap="round" stroke-linejoin="round"/>',
    # two speech bubbles: "hear another language"
    "languages": f'<path d="M6 14 H56 V50 H28 L14 62 V50 H6 Z" fill="{_P}"/>'
    f'<path d="M40 38 H90 V74 H82 V86 L68 74 H40 Z" fill="{_A}" stroke="{_P}" stroke-width="4" '
    'stroke-linejoin="round"/>',
    # recording: a red dot, and a square to stop (the signs on every recorder)
    "record": '<circle cx="48" cy="48" r="34" fill="#b3261e" stroke="#fff" stroke-width="6"/>',
    "stop": '<rect x="18" y="18" width="60" height="60" rx="8" fill="#fff" stroke="#0a4d8c" '
    'stroke-width="6"/>',
    "back": f'<path d="M60 16 L28 48 L60 80" fill="none" stroke="{_P}" stroke-width="12" '
    'stroke-linecap="round" stroke-linejoin="round"/>',
    "home": f'<path d="M10 48 L48 14 L86 48" fill="none" stroke="{_P}" stroke-width="9" '
    'stroke-linecap="round" stroke-linejoin="round"/>'
    f'<path d="M22 44 V84 H40 V62 H56 V84 H74 V44" fill="{_P}"/>',
    "check": f'<circle cx="48" cy="48" r="44" fill="{_G}"/>'
    '<path d="M26 50 L41 65 L70 32" fill="none" stroke="#fff" stroke-width="11" '
    'stroke-linecap="round" stroke-linejoin="round"/>',
    "box_empty": f'<rect x="8" y="8" width="80" height="80" rx="12" fill="#fff" '
    f'stroke="{_P}" stroke-width="7"/>',
    "box_ticked": f'<rect x="8" y="8" width="80" height="80" rx="12" fill="{_G}" '
    f'stroke="{_G}" stroke-width="7"/>'
    '<path d="M24 50 L41 66 L72 30" fill="none" stroke="#fff" stroke-width="12" '
    'stroke-linecap="round" stroke-linejoin="round"/>',
    "person": f'<circle cx="48" cy="30" r="18" fill="{_P}"/>'
    f'<path d="M14 90 C14 56 82 56 82 90 Z" fill="{_P}"/>',
    "phone": f'<rect x="26" y="6" width="44" height="84" rx="8" fill="{_P}"/>'
    '<rect x="31" y="16" width="34" height="60" rx="3" fill="#fff"/>'
    '<circle cx="48" cy="83" r="4" fill="#fff"/>',
    "keyboard": f'<rect x="4" y="22" width="88" height="52" rx="8" fill="{_P}"/>'
    + "".join(
        f'<rect x="{12 + 15 * i}" y="{30 + 14 * j}" width="10" height="9" fill="#fff"/>'
        for j in range(2)
        for i in range(5)
    )
    + '<rect x="24" y="58" width="48" height="9" fill="#fff"/>',
    # tracks
    "device_basics": f'<rect x="26" y="6" width="44" height="84" rx="8" fill="{_P}"/>'
    '<rect x="31" y="16" width="34" height="60" rx="3" fill="#fff"/>'
    + "".join(
        f'<rect x="{35 + 10 * i}" y="{22 + 10 * j}" width="7" height="7" fill="{_A}"/>'
        for j in range(3)
        for i in range(3)
    ),
    "vneid": '<rect x="6" y="18" width="84" height="60" rx="8" fill="#c62828"/>'
    f'<circle cx="30" cy="44" r="10" fill="{_A}"/>'
    f'<path d="M16 68 C16 52 44 52 44 68 Z" fill="{_A}"/>'
    '<path d="M54 36 H80 M54 50 H80 M54 64 H72" stroke="#fff" stroke-width="5" '
    'stroke-linecap="round"/>',
    "e_payment": f'<rect x="8" y="8" width="80" height="80" rx="8" fill="#fff" '
    f'stroke="{_P}" stroke-width="5"/>'
    + "".join(
        f'<rect x="{x}" y="{y}" width="22" height="22" fill="{_P}"/>'
        '<rect x="{}" y="{}" width="10" height="10" fill="#fff"/>'.format(x + 6, y + 6)
        for x, y in ((18, 18), (56, 18), (18, 56))
    )
    + f'<rect x="58" y="58" width="9" height="9" fill="{_P}"/>'
    f'<rect x="70" y="70" width="9" height="9" fill="{_P}"/>',
    "online_safety": f'<path d="M48 6 L84 20 V46 C84 70 66 84 48 92 C30 84 12 70 12 46 V20 Z" '
    f'fill="{_G}"/>'
    '<path d="M32 48 L44 60 L66 36" fill="none" stroke="#fff" stroke-width="9" '
    'stroke-linecap="round" stroke-linejoin="round"/>',
    "other": f'<path d="M8 18 C24 12 40 14 48 22 C56 14 72 12 88 18 V82 C72 76 56 78 48 86 '
    f'C40 78 24 76 8 82 Z" fill="{_P}"/>'
    '<path d="M48 24 V82" stroke="#fff" stroke-width="4"/>',
    # target groups
    "adults": f'<circle cx="32" cy="28" r="14" fill="{_P}"/>'
    f'<path d="M6 86 C6 54 58 54 58 86 Z" fill="{_P}"/>'
    f'<circle cx="66" cy="34" r="12" fill="{_A}" stroke="{_P}" stroke-width="3"/>'
    f'<path d="M44 88 C44 60 90 60 90 88 Z" fill="{_A}" stroke="{_P}" stroke-width="3"/>',
    "public_staff": f'<circle cx="48" cy="26" r="16" fill="{_P}"/>'
    f'<path d="M14 90 C14 54 82 54 82 90 Z" fill="{_P}"/>'
    '<path d="M48 56 L42 66 L48 86 L54 66 Z" fill="#c62828"/>'
    f'<rect x="4" y="4" width="22" height="14" fill="#c62828"/>'
    f'<circle cx="15" cy="11" r="4" fill="{_A}"/>',
    "pupils": f'<path d="M6 34 L48 16 L90 34 L48 52 Z" fill="{_P}"/>'
    f'<path d="M24 44 V66 C24 76 72 76 72 66 V44 L48 56 Z" fill="{_P}"/>'
    f'<path d="M84 36 V64" stroke="{_A}" stroke-width="5"/>'
    f'<circle cx="84" cy="68" r="6" fill="{_A}"/>',
    "workers": f'<path d="M16 52 C16 26 80 26 80 52 Z" fill="{_A}" stroke="{_P}" '
    'stroke-width="4"/>'
    f'<rect x="8" y="50" width="80" height="10" rx="4" fill="{_P}"/>'
    f'<path d="M24 64 C24 92 72 92 72 64 Z" fill="{_P}"/>'
    f'<rect x="44" y="22" width="8" height="18" fill="{_P}"/>',
}


def names() -> list[str]:
    return sorted(_BODY)


def svg(name: str) -> str:
    body = _BODY.get(name, _BODY["other"])
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96">{body}</svg>'


def _render(renderer: QSvgRenderer, size: int, ratio: float = 2.0) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    if renderer.isValid():
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def pixmap(name: str, size: int) -> QPixmap:
    """A pictogram by name (unknown names draw the "other" book)."""
    return _render(QSvgRenderer(QByteArray(svg(name).encode())), size)


@lru_cache(maxsize=64)
def icon(name: str, size: int = 96) -> QIcon:
    """A pictogram as an icon, drawn once (a quiz step shows a loudspeaker per option)."""
    return QIcon(pixmap(name, size))


def file_pixmap(path: Path | None, size: int, fallback: str = "other") -> QPixmap:
    """A lesson's SVG icon; the ``fallback`` pictogram when it is missing or broken."""
    if path is not None and path.is_file():
        renderer = QSvgRenderer(str(path))
        if renderer.isValid():
            return _render(renderer, size)
    return pixmap(fallback, size)
