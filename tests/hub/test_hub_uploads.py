"""Limits on uploaded files, measured before decoding (pages, page size, pixels, time)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kiosk.slips.render import render_slips
from kiosk.slips.view import Layout, slip_view
from kiosk_hub.uploads import UploadLimits, UploadRefused, decode_upload
from tests.helpers.hub_helpers import FakeKiosk


def _refusal(data: bytes, limits: UploadLimits) -> str:
    with pytest.raises(UploadRefused) as refused:
        decode_upload(data, limits)
    return refused.value.reason


def test_a_slip_pdf_is_read_and_each_limit_refuses_it_for_its_own_reason() -> None:
    kiosk = FakeKiosk("uploads")
    record, text = kiosk.record(1), kiosk.text(1)
    view = slip_view(record, text, lesson_titles={101: "Làm quen"}, learning_point="Him Lam",
                     commune="Phường Điện Biên Phủ")  # fmt: skip
    pdf = render_slips([view, view], Layout.A4X4)
    assert decode_upload(pdf, UploadLimits()) == [text, text]
    assert _refusal(pdf, UploadLimits(bytes=len(pdf) - 1)) == "too_large"
    assert _refusal(pdf, UploadLimits(page_points=500)) == "page_too_large"
    assert _refusal(pdf, UploadLimits(seconds=0.001)) == "too_slow"
    two_pages = render_slips([view] * 5, Layout.A4X4)
    assert _refusal(two_pages, UploadLimits(pages=1)) == "too_many_pages"
    # a small pixel limit lowers the resolution rather than refusing a page
    assert _refusal(pdf, UploadLimits(pixels=200_000)) == "no_code"


def test_images_are_measured_from_their_header() -> None:
    buffer = io.BytesIO()
    Image.new("L", (3000, 3000), 255).save(buffer, "PNG")
    assert _refusal(buffer.getvalue(), UploadLimits(pixels=8_999_999)) == "too_many_pixels"
    assert _refusal(buffer.getvalue(), UploadLimits()) == "no_code"
    assert _refusal(b"GIF89a not really", UploadLimits()) == "unreadable"
    assert _refusal(b"%PDF-1.4 broken", UploadLimits()) == "unreadable"
