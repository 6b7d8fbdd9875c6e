"""Every layout prints a QR code that decodes, at thermal-printer resolution, to the record."""

import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from kiosk.slips.qr import decode_qr_texts
from kiosk.slips.view import ID_SENT, SLIP_PURPOSE, TITLE, Layout, slip_view
from kiosk_records.codec import encode_slip, verify
from kiosk_records.keys import KioskKey, TrustList, own_trusted_key
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup
from kiosk_records.sealing import seal_citizen_id

KIOSK_ID = uuid.UUID("0b5e7a52-2c1d-4c3e-8f00-6e4d3c2b1a09")
KEY = KioskKey(bytes(range(100, 132)))
TRUST = TrustList((own_trusted_key(KEY, KIOSK_ID, "03158"),))
TITLES = {
    101: "Cài đặt và kích hoạt VNeID",
    215: "Nhận biết cuộc gọi lừa đảo",
    340: "Chuyển tiền bằng mã QR",
    1024: "Dịch vụ công trực tuyến",
    4095: "Bảo vệ mật khẩu và mã OTP",
}


def record(
    serial: int, name: str = "Lường Thị Hoàng Phương Thảo", *, id_sent: bool = True
) -> CompletionRecord:
    return CompletionRecord(
        kiosk_id=KIOSK_ID,
        serial=serial,
        learner_ref="00ff00ff00ff00ff",
        learner_name=name,
        birth_year=1961,
        commune_code="03158",
        lessons=tuple(LessonResult(code, 3, 60 + i * 10) for i, code in enumerate(TITLES)),
        completed_on=date(2026, 5, 19),
        target_group=TargetGroup.ADULT,
        sealed_citizen_id=seal_citizen_id("011161000123", bytes(32 * [7])) if id_sent else None,
    )


def views(records: list[CompletionRecord], reprint: int = 0):  # type: ignore[no-untyped-def]
    return [
        slip_view(
            r,
            encode_slip(r, KEY),
            lesson_titles=TITLES,
            learning_point="Nhà văn hoá bản Huổi Lếch",
            commune="Xã Sín Thầu",
            reprint_count=reprint,
        )
        for r in records
    ]


def rasterise(pdf: bytes, tmp_path: Path) -> list[Path]:
    (tmp_path / "slip.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "203", "-mono", str(tmp_path / "slip.pdf"), str(tmp_path / "page")],
        check=True,
    )
    return sorted(tmp_path.glob("page*.pbm"))


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "text.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "text.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize("layout", list(Layout))
def test_layout_qr_decodes_to_the_identical_record(layout: Layout, tmp_path: Path) -> None:
    from kiosk.slips.render import render_slips

    records = [record(n) for n in range(1, 6 if layout is Layout.A4X4 else 3)]
    pdf = render_slips(views(records), layout)
    decoded: list[CompletionRecord] = []
    for page in rasterise(pdf, tmp_path):
        with Image.open(page) as image:
            for text in decode_qr_texts(image.convert("L")):
                result = verify(text, TRUST)
                assert result.ok, result.reason
                assert result.record is not None
                decoded.append(result.record)
    assert sorted(decoded, key=lambda r: r.serial) == records


@pytest.mark.parametrize("layout", list(Layout))
def test_layout_text_keeps_vietnamese(layout: Layout, tmp_path: Path) -> None:
    from kiosk.slips.render import render_slips

    text = pdf_text(render_slips(views([record(7)], reprint=2), layout), tmp_path)
    expected = [
        TITLE,
        "BẢN IN LẠI (lần 2)",
        "Nhà văn hoá bản Huổi Lếch",
        "Xã Sín Thầu",
        "Lường Thị Hoàng Phương Thảo",
        "Năm sinh: 1961",
        *TITLES.values(),
        "100/100",
        "Ngày hoàn thành: 19/05/2026",
        "Số phiếu: 000007",
    ]
    for phrase in expected:
        assert phrase in text, phrase
    flowing = " ".join(text.split())
    assert flowing.count(SLIP_PURPOSE) == 1 and flowing.count(ID_SENT) == 1


@pytest.mark.parametrize("layout", list(Layout))
def test_the_slip_says_what_it_is_for_and_the_id_only_when_sent(
    layout: Layout, tmp_path: Path
) -> None:
    from kiosk.slips.render import render_slips

    text = " ".join(
        pdf_text(render_slips(views([record(8, id_sent=False)]), layout), tmp_path).split()
    )
    assert text.count(SLIP_PURPOSE) == 1
    assert "học xong" in text and "Tỉnh tính" in text
    assert ID_SENT not in text and "căn cước" not in text  # this slip's record has no ID
    # The old line sent learners to the police for level 2: the slip is not about that.
    assert "kích hoạt VNeID mức 2" not in text and "Công an xã" not in text
    assert "mức 2" not in SLIP_PURPOSE + ID_SENT


def test_first_print_has_no_reprint_label(tmp_path: Path) -> None:
    from kiosk.slips.render import render_slips

    assert "BẢN IN LẠI" not in pdf_text(render_slips(views([record(1)]), Layout.A6), tmp_path)


def test_roll_page_is_80mm_wide_and_fitted(tmp_path: Path) -> None:
    from kiosk.slips.render import render_slips

    (page,) = rasterise(render_slips(views([record(1)]), Layout.ROLL80), tmp_path)
    with Image.open(page) as image:
        width_mm = image.width / 203 * 25.4
        height_mm = image.height / 203 * 25.4
    assert 79 < width_mm < 81
    assert 90 < height_mm < 150


def test_no_slips_is_an_error() -> None:
    from kiosk.slips.render import render_slips

    with pytest.raises(ValueError):
        render_slips([], Layout.A6)
