"""The theme's text/background pairs meet WCAG AA (4.5:1 for body text)."""

from __future__ import annotations

import pytest

from kiosk.ui import theme


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        (theme.INK, theme.PAPER),
        (theme.MUTED, theme.PAPER),
        ("#ffffff", theme.PRIMARY),
        (theme.PRIMARY, theme.PAPER),
        (theme.PRIMARY, "#ffffff"),
        ("#ffffff", theme.DANGER),
        (theme.DANGER, theme.PAPER),
        (theme.INK, theme.ACCENT),
    ],
)
def test_pairs_meet_wcag_aa(text: str, background: str) -> None:
    assert contrast(text, background) >= 4.5


def test_the_check_itself_can_fail() -> None:
    assert contrast("#777777", "#888888") < 4.5
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
