"""CRC-16/CCITT-FALSE, as VietQR field 63 uses it."""

from __future__ import annotations


def crc16_ccitt_false(data: bytes) -> int:
    """Poly 0x1021, init 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def crc_text(text: str) -> str:
    """The CRC of the UTF-8 bytes of text, as 4 uppercase zero-padded hex digits."""
    return f"{crc16_ccitt_false(text.encode('utf-8')):04X}"
