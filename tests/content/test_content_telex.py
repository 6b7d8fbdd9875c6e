"""The Telex composer used by the on-screen keyboard."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.telex import BACKSPACE, TelexComposer, telex, tone_position


@pytest.mark.parametrize(
    ("keys", "text"),
    [
        ("vieejt", "việt"),
        ("nguwowif", "người"),
        ("dduwowngf", "đường"),
        ("Nguyeenx Vawn Maaux", "Nguyễn Văn Mẫu"),
        ("DDUWOWNGF", "ĐƯỜNG"),
        ("tieengs Vieetj", "tiếng Việt"),
        ("Ddieenj Bieen", "Điện Biên"),
        ("xin chaof", "xin chào"),
        ("cos", "có"),
        ("tooi", "tôi"),
        ("nuwowcs", "nước"),
        ("ruouwj", "rượu"),
        ("cuuws", "cứu"),
        ("muwa", "mưa"),
        ("muaw", "mưa"),
        ("giuwax", "giữa"),
        ("gif", "gì"),
        ("quys", "quý"),
        ("quaws", "quắ"),
        ("ngoaif", "ngoài"),
        ("chuyeenj", "chuyện"),
        ("baans", "bấn"),
        ("thuwr", "thử"),
        ("w", "ư"),
        ("tw", "tư"),
        ("owf", "ờ"),
        ("dd", "đ"),
        ("ddi", "đi"),
    ],
)
def test_words(keys: str, text: str) -> None:
    assert telex(keys) == text


@pytest.mark.parametrize(
    ("keys", "text"),
    [
        ("ass", "as"),  # a repeated tone key undoes the tone and types the key
        ("asf", "à"),  # another tone key replaces the tone
        ("asz", "a"),  # z removes the tone
        ("z", "z"),
        ("s", "s"),  # no vowel yet: a plain letter
        ("aaa", "aa"),
        ("aww", "aw"),
        ("ww", "w"),
        ("uww", "uw"),
        ("ddd", "dd"),
        ("asss", "ass"),  # after an undo the word is typed as is
    ],
)
def test_undo(keys: str, text: str) -> None:
    assert telex(keys) == text


def test_tone_moves_as_the_word_grows() -> None:
    assert telex("hoaf") == "hòa"
    assert telex("hoafn") == "hoàn"
    assert telex("tasa") == "tấ"  # a modifier after the tone keeps the tone
    assert telex("tieesng") == "tiếng"


def test_modern_tone_style() -> None:
    assert telex("hoaf") == "hòa" and telex("hoaf", modern_tone=True) == "hoà"
    assert telex("thuyr", modern_tone=True) == "thuỷ"
    assert tone_position("hoan") == 2


def test_backspace_removes_the_last_letter() -> None:
    composer = TelexComposer()
    composer.type("vieejt")
    assert composer.backspace() == "việ"
    assert composer.feed("c") == "việc"
    assert telex("ab\b\bc") == "c"
    assert telex(BACKSPACE) == ""
    assert telex("ass\bs") == "á"  # backspace ends the undo


def test_words_are_independent_and_punctuation_passes_through() -> None:
    assert telex("ass as, 12s") == "as á, 12s"
    composer = TelexComposer("Xin ")
    assert composer.type("chaof!") == "Xin chào!"
    composer.clear()
    assert composer.text == ""


@given(st.text(alphabet="adeouwsfrxjzqgihnctvm \b", max_size=30))
def test_output_is_always_nfc(keys: str) -> None:
    text = telex(keys)
    assert unicodedata.normalize("NFC", text) == text
    assert len(text) <= len(keys.replace("\b", "")) + 1
