"""One byte per letter for Vietnamese names inside a slip's QR code.

UTF-8 spends two or three bytes on most Vietnamese letters (ễ, ở, ữ are three),
and a slip's QR code has about 200 bytes to spare in all, two thirds of them
taken by the signature and the sealed citizen ID. Printable ASCII keeps its own
byte; the 134 precomposed Vietnamese letters take the unused bytes, in the fixed
order below (which is part of slip format 1 and must never change). A name with
any other character is carried as ordinary UTF-8 text instead.
"""

from __future__ import annotations

VIETNAMESE_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
_SLOTS = bytes(range(0x01, 0x20)) + bytes(range(0x7F, 0x100))
_TO_BYTE = {ch: _SLOTS[i] for i, ch in enumerate(VIETNAMESE_LETTERS)}
_TO_BYTE.update({chr(b): b for b in range(0x20, 0x7F)})
_TO_CHAR = {b: ch for ch, b in _TO_BYTE.items()}
_UNPACK = {b: ord(ch) for b, ch in _TO_CHAR.items()}  # for str.translate of latin-1 text
_USED = bytes(sorted(_TO_CHAR))


def can_pack(text: str) -> bool:
    """True if every character has a one-byte code."""
    return all(ch in _TO_BYTE for ch in text)


def pack(text: str) -> bytes:
    """Encode text that `can_pack` accepts; raise ValueError otherwise."""
    try:
        return bytes(_TO_BYTE[ch] for ch in text)
    except KeyError as exc:
        raise ValueError(f"character {exc.args[0]!r} has no one-byte code") from None


def unpack(data: bytes) -> str:
    """Decode bytes made by `pack`; raise ValueError on an unused byte."""
    unused = data.translate(None, _USED)  # the bytes no letter packs to
    if unused:
        raise ValueError(f"byte 0x{unused[0]:02x} is not a packed letter")
    return data.decode("latin-1").translate(_UNPACK)
