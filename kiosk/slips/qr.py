"""QR code modules for printing, and QR decoding from images.

zxing-cpp does both: its encoder is C++ (about 1 ms for a slip, where the pure
Python `qrcode` package needs 10-20 ms to choose a mask) and picks the
alphanumeric mode for slip text by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import zxingcpp

QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks


@dataclass(frozen=True)
class QrMatrix:
    """Dark (True) and light modules, row by row, without the quiet zone."""

    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def version(self) -> int:
        return (self.size - 17) // 4

    def dark_runs(self) -> list[tuple[int, int, int]]:
        """(row, first column, length) of each horizontal run of dark modules."""
        runs: list[tuple[int, int, int]] = []
        for r, row in enumerate(self.rows):
            start = -1
            for c, dark in enumerate((*row, False)):
                if dark and start < 0:
                    start = c
                elif not dark and start >= 0:
                    runs.append((r, start, c - start))
                    start = -1
        return runs


def qr_matrix(text: str, ec_level: str = "M") -> QrMatrix:
    """Encode text as the smallest QR code at the given error-correction level."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape[0], image.shape[1]
    data = memoryview(cast(Any, image)).tobytes()  # zxing-cpp's Image is a buffer
    return QrMatrix(
        tuple(tuple(v < 128 for v in data[r * width : (r + 1) * width]) for r in range(height))
    )


def decode_qr_texts(image: object) -> list[str]:
    """Texts of all QR codes found in a PIL image (or anything zxing-cpp reads)."""
    results = zxingcpp.read_barcodes(image)
    return [r.text for r in results if r.valid and r.format == zxingcpp.BarcodeFormat.QRCode]
