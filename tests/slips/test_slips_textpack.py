import pytest

from kiosk_records import textpack


def test_every_letter_is_one_byte_and_round_trips() -> None:
    text = textpack.VIETNAMESE_LETTERS + "".join(chr(c) for c in range(0x20, 0x7F))
    packed = textpack.pack(text)
    assert len(packed) == len(text)
    assert textpack.unpack(packed) == text


def test_other_letters_are_not_packed() -> None:
    assert not textpack.can_pack("Lò Thị ꪶ")  # Tai Viet
    with pytest.raises(ValueError):
        textpack.pack("Zoë")
    with pytest.raises(ValueError):
        textpack.unpack(b"\x00")
