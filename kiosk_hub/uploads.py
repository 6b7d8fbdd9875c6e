"""Reading slip QR codes out of files staff upload, within limits.

An upload is anyone's file: a 1 KB PDF may declare a page the size of a field and a
65-byte PNG may claim 400 million pixels. Each file is measured before anything is
decoded (PDF pages and their size by ``pdfinfo``, an image's size from its header) and
refused with a reason when over a limit; PDFs are rasterised at a resolution that keeps
every page under the pixel limit, and every program run has a deadline.

Decoding runs on a small pool of threads (`decode_in_pool`), never on the web server's
event loop: the threads mostly wait for ``pdftoppm`` or run zxing-cpp and Pillow, which
let go of Python's lock, so the hub keeps answering meanwhile.
"""

from __future__ import annotations

import asyncio
import math
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.slips.qr import decode_qr_texts
from kiosk_hub.pools import LazyPool

DECODERS = 2  # files decoded at once, whatever the number of uploads
RASTER_DPI = 300  # what a slip scan needs; lowered for a big page
_PAGE_SIZE = re.compile(r"^Page\s+\d+\s+size:\s+([0-9.]+)\s+x\s+([0-9.]+)\s+pts", re.M)
_PAGES = re.compile(r"^Pages:\s+(\d+)", re.M)


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may hold; each file over a limit is refused on its own."""

    upload_bytes: int = 100_000_000  # the whole request, checked before it is read
    bytes: int = 20_000_000  # per file
    files: int = 20
    pages: int = 10  # per PDF
    page_points: float = 1_700.0  # a page's longer side (A2 is 1,684 pt)
    pixels: int = 40_000_000  # per image or rasterised page
    seconds: float = 20.0  # per file


class UploadRefused(Exception):
    """A file not decoded: ``reason`` is a stable code, ``limit`` the limit it broke."""

    def __init__(self, reason: str, limit: float = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.limit = limit


def decode_upload(data: bytes, limits: UploadLimits) -> list[str]:
    """The QR texts in an uploaded PDF, PNG or JPEG; UploadRefused when it is not read.

    Reasons: ``too_large``, ``too_many_pages``, ``page_too_large``, ``too_many_pixels``,
    ``too_slow``, ``unreadable``, ``no_code``.
    """
    if len(data) > limits.bytes:
        raise UploadRefused("too_large", limits.bytes)
    deadline = time.monotonic() + limits.seconds
    with tempfile.TemporaryDirectory(prefix="hub-upload-") as tmp:
        folder = Path(tmp)
        if data.startswith(b"%PDF"):
            texts = _pdf_texts(data, folder, limits, deadline)
        else:
            texts = _image_texts(data, limits)
    if not texts:
        raise UploadRefused("no_code")
    return texts


def _image_texts(data: bytes | Path, limits: UploadLimits) -> list[str]:
    import io

    from PIL import Image, UnidentifiedImageError

    source = data if isinstance(data, Path) else io.BytesIO(data)
    try:
        with Image.open(source) as image:  # reads the header only
            width, height = image.size
            if width * height > limits.pixels:
                raise UploadRefused("too_many_pixels", limits.pixels)
            return decode_qr_texts(image.convert("L"))
    except Image.DecompressionBombError:  # Pillow's own, far higher limit
        raise UploadRefused("too_many_pixels", limits.pixels) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise UploadRefused("unreadable") from None


def _pdf_texts(data: bytes, folder: Path, limits: UploadLimits, deadline: float) -> list[str]:
    if shutil.which("pdfinfo") is None or shutil.which("pdftoppm") is None:
        raise UploadRefused("unreadable")  # the hub's set-up lacks poppler-utils
    pdf = folder / "upload.pdf"
    pdf.write_bytes(data)
    info = _run(["pdfinfo", "-f", "1", "-l", str(limits.pages + 1), str(pdf)], deadline, limits)
    pages = _PAGES.search(info)
    sizes = [(float(w), float(h)) for w, h in _PAGE_SIZE.findall(info)]
    if pages is None or not sizes:
        raise UploadRefused("unreadable")
    if int(pages.group(1)) > limits.pages:
        raise UploadRefused("too_many_pages", limits.pages)
    if max(max(size) for size in sizes) > limits.page_points:
        raise UploadRefused("page_too_large", limits.page_points)
    largest = max(w * h for w, h in sizes)
    dpi = min(RASTER_DPI, int(72 * math.sqrt(limits.pixels / max(largest, 1.0))))
    _run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(folder / "page")],
        deadline,
        limits,
    )
    texts: list[str] = []
    for page in sorted(folder.glob("page*.png")):
        texts += _image_texts(page, limits)
    return texts


def _run(command: list[str], deadline: float, limits: UploadLimits) -> str:
    left = deadline - time.monotonic()
    if left <= 0:
        raise UploadRefused("too_slow", limits.seconds)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=left, check=False)
    except subprocess.TimeoutExpired:  # the program is killed
        raise UploadRefused("too_slow", limits.seconds) from None
    if done.returncode != 0:
        raise UploadRefused("unreadable")
    return done.stdout


_POOL = LazyPool(DECODERS, "hub-uploads")


async def decode_in_pool(data: bytes, limits: UploadLimits) -> list[str]:
    """`decode_upload` on the decoding threads, given up after ``limits.seconds``.

    A file still waiting for a thread then is never started; one being decoded stops
    by itself (its programs have the same deadline, an image is within the pixel limit).
    """
    future = _POOL.get().submit(decode_upload, data, limits)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), limits.seconds + 1)
    except TimeoutError:
        future.cancel()
        raise UploadRefused("too_slow", limits.seconds) from None
