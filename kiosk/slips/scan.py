"""Slip texts from what staff give `kiosk slip verify`: text, a photo or a PDF."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kiosk.slips.qr import decode_qr_texts

RASTER_DPI = 300


class ScanError(Exception):
    """The input could not be read, or holds no QR code."""


def slip_texts(arg: str) -> list[str]:
    """The QR texts in a file (PDF, PNG, JPEG), or the argument itself as slip text."""
    path = Path(arg)
    try:
        is_file = path.is_file()
    except OSError:  # e.g. a slip text too long to be a file name
        is_file = False
    if not is_file:
        return [arg.strip()]
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise ScanError(f"cannot read {path}: {exc.strerror}") from None
    texts = _pdf_texts(path) if head.startswith(b"%PDF") else _image_texts(path)
    if not texts:
        raise ScanError(f"no QR code found in {path}")
    return texts


def _image_texts(path: Path) -> list[str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return decode_qr_texts(image.convert("L"))
    except (UnidentifiedImageError, OSError) as exc:
        raise ScanError(f"{path} is not a PDF, PNG or JPEG image ({exc})") from None


def _pdf_texts(path: Path) -> list[str]:
    if shutil.which("pdftoppm") is None:
        raise ScanError("reading PDFs needs pdftoppm (poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            ["pdftoppm", "-r", str(RASTER_DPI), "-gray", "-png", str(path), f"{tmp}/page"],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ScanError(f"cannot rasterise {path}: {result.stderr.strip()}")
        texts: list[str] = []
        for page in sorted(Path(tmp).glob("page*.png")):
            texts += _image_texts(page)
        return texts
