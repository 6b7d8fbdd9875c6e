"""Narration says numbers as people say them (cases from shared/reference/lesson-facts.md)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.spoken import digit_words, number_words, spoken_text


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (105, "một trăm linh năm"),
        (2025, "hai nghìn không trăm hai mươi lăm"),
        (20_000, "hai mươi nghìn"),
        (185_000, "một trăm tám mươi lăm nghìn"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (1_250_000, "một triệu hai trăm năm mươi nghìn"),
        (20_000_000, "hai mươi triệu"),
        (3_000_000_000, "ba tỷ"),
    ],
)
def test_number_words(n: int, said: str) -> None:
    assert number_words(n) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # account numbers, digit by digit, a pause between groups (the facts file's example)
        (
            "Số tài khoản luyện tập 0000 1111 22.",
            "Số tài khoản luyện tập không không không không, một một một một, hai hai.",
        ),
        # money as money, never "hai mươi nghìn không trăm đồng"
        ("Số tiền: 20.000 đồng", "Số tiền: hai mươi nghìn đồng"),
        ("+35.000 đ", "+ba mươi lăm nghìn đồng"),
        ("chuyển 20.000.000 đồng", "chuyển hai mươi triệu đồng"),
        ("Gõ số tiền 200.000.", "Gõ số tiền hai trăm nghìn."),
        # a code to type, digit by digit
        ("Nhập mã OTP 310864", "Nhập mã ô tê pê ba một không tám sáu bốn"),
        ("Đặt passcode gồm 6 số", "Đặt pát cốt gồm sáu số"),
        (
            "Gõ 2 rồi năm số 0: 200000.",
            "Gõ hai rồi năm số không: hai không không không không không.",
        ),
        # phone numbers and the report lines
        ("Số lạ: 0900 000 113", "Số lạ: không chín không không, không không không, một một ba"),
        ("Gọi 113, nhắn 5656, gọi 156", "Gọi một một ba, nhắn năm sáu năm sáu, gọi một năm sáu"),
        ("số điện thoại 0912345678", "số điện thoại không chín một hai ba bốn năm sáu bảy tám"),
        # a 12-digit ID number
        ("001234567890", "không không một hai ba bốn năm sáu bảy tám chín không"),
        # dates and times
        ("trước 23:00", "trước hai mươi ba giờ"),
        ("Hôm nay 08:15", "Hôm nay tám giờ mười lăm phút"),
        ("từ ngày 1/7/2025", "từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm"),
        ("tháng 4/2025", "tháng tư năm hai nghìn không trăm hai mươi lăm"),
        # codes with letters, quantities, percentages
        ("mã LT0000123", "mã L T không không không không một hai ba"),
        ("căn cước có 12 số", "căn cước có mười hai số"),
        ("100% cán bộ", "một trăm phần trăm cán bộ"),
    ],
)
def test_spoken_text_vietnamese(text: str, said: str) -> None:
    assert spoken_text(text) == said


def test_digit_words_skips_separators() -> None:
    assert digit_words("09-12") == "không chín một hai"


def test_other_languages_only_spell_codes() -> None:
    assert spoken_text("Type 310864 then 200,000 VND", "en") == "Type 3 1 0 8 6 4 then 200,000 VND"


@given(st.integers(min_value=0, max_value=10**12))
def test_amounts_never_leave_a_digit_or_a_leading_zero_hundred(n: int) -> None:
    amount = f"{n:,}".replace(",", ".")
    said = spoken_text(f"{amount} đồng")
    assert not re.search(r"\d", said)
    assert said.endswith(" đồng")
    assert not said.startswith("không trăm")


@given(st.text(alphabet="0123456789 .:/%abcĐđ", max_size=40))
def test_vietnamese_narration_has_no_digits_left(text: str) -> None:
    assert not re.search(r"\d", spoken_text(text))
