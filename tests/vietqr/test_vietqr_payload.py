import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.vietqr.banks import banks
from kiosk.vietqr.crc import crc16_ccitt_false, crc_text
from kiosk.vietqr.payload import (
    CRCError,
    FieldError,
    LengthError,
    VietQRError,
    VietQRPayload,
    build_payload,
    fold_ascii,
    parse_payload,
)
from kiosk.vietqr.practice import practice_payload

DYNAMIC = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800"
    "005802VN62340107NPS68690819thanh toan don hang63042E2E"
)
STATIC_CARD = (
    "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN"
    "63044F52"
)


def test_crc_check_value() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    assert crc_text("123456789") == "29B1"


def test_crc_is_zero_padded_uppercase() -> None:
    assert any(re.fullmatch("0[0-9A-F]{3}", crc_text(str(n))) for n in range(200))


def test_reference_strings_are_reproduced() -> None:
    assert (
        build_payload("970403", "0011012345678", 180000, "thanh toan don hang", "NPS6869")
        == DYNAMIC
    )
    assert build_payload("970403", "9704031101234567", to_card=True) == STATIC_CARD


def test_reference_strings_parse() -> None:
    assert parse_payload(DYNAMIC) == VietQRPayload(
        "970403", "0011012345678", amount=180000, purpose="thanh toan don hang", bill="NPS6869"
    )
    card = parse_payload(STATIC_CARD)
    assert card.to_card and card.amount is None and card.bank == "Sacombank"


ascii_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=25)


@given(
    bin_code=st.sampled_from(sorted(banks())),
    account=st.text("0123456789", min_size=1, max_size=19),
    amount=st.none() | st.integers(1, 10**13 - 1),
    purpose=st.none() | ascii_text,
    bill=st.none() | ascii_text,
    to_card=st.booleans(),
    store=st.none() | ascii_text,
    name=st.none() | ascii_text,
    city=st.none() | ascii_text.map(lambda s: s[:15]),
    mcc=st.none() | st.text("0123456789", min_size=4, max_size=4),
)
def test_build_then_parse_gives_the_same_fields(
    bin_code: str,
    account: str,
    amount: int | None,
    purpose: str | None,
    bill: str | None,
    to_card: bool,
    store: str | None,
    name: str | None,
    city: str | None,
    mcc: str | None,
) -> None:
    text = build_payload(
        bin_code, account, amount, purpose, bill, to_card,
        store=store, merchant_name=name, merchant_city=city, mcc=mcc,
    )  # fmt: skip
    assert text[-4:] == crc_text(text[:-4])
    assert parse_payload(text) == VietQRPayload(
        bin_code, account, to_card, amount, purpose, bill, store,
        mcc=mcc, merchant_name=name, merchant_city=city,
    )  # fmt: skip


@pytest.mark.parametrize("payload", [DYNAMIC, STATIC_CARD])
def test_every_corrupted_crc_is_rejected(payload: str) -> None:
    for i in range(len(payload) - 4, len(payload)):
        for ch in "0123456789ABCDEFabcdef":
            if ch != payload[i]:
                with pytest.raises(CRCError):
                    parse_payload(payload[:i] + ch + payload[i + 1 :])
    with pytest.raises(CRCError):
        parse_payload(payload[:-8])
    with pytest.raises(CRCError):
        parse_payload(payload[:-4] + payload[-4:].lower().replace("2", "x"))


def test_corrupted_body_is_rejected_by_the_crc() -> None:
    with pytest.raises(CRCError):
        parse_payload(DYNAMIC.replace("180000", "980000"))


NESTED = {"38", "62", "38.01"}


def _length_positions(
    text: str, start: int = 0, end: int | None = None, path: str = ""
) -> list[int]:
    """Index of every length field, nested containers (38, 38.01, 62) included."""
    end = len(text) if end is None else end
    positions, pos = [], start
    while pos < end:
        tag, length = text[pos : pos + 2], int(text[pos + 2 : pos + 4])
        positions.append(pos + 2)
        here = f"{path}.{tag}" if path else tag
        if here in NESTED:
            positions += _length_positions(text, pos + 4, pos + 4 + length, here)
        pos += 4 + length
    return positions


@pytest.mark.parametrize("payload", [DYNAMIC, STATIC_CARD])
def test_every_wrong_length_is_rejected(payload: str) -> None:
    positions = _length_positions(payload)
    assert len(positions) >= 11  # top-level, 38, 38.01 (and 62) fields
    for pos in positions:
        for wrong in range(100):
            if f"{wrong:02d}" == payload[pos : pos + 2]:
                continue
            body = payload[:pos] + f"{wrong:02d}" + payload[pos + 2 : -4]
            with pytest.raises(VietQRError):
                parse_payload(body + crc_text(body))


def test_length_errors_are_length_errors() -> None:
    body = DYNAMIC.replace("0819thanh", "0818thanh")[:-4]
    with pytest.raises(LengthError, match="field 62"):
        parse_payload(body + crc_text(body))
    body = DYNAMIC.replace("38570010", "38580010")[:-4]
    with pytest.raises(LengthError):
        parse_payload(body + crc_text(body))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bin": "97043"}, "6 digits"),
        ({"bin": "97040A"}, "6 digits"),
        ({"bin": "123456"}, "bank list"),
        ({"account": "12-34"}, "digits"),
        ({"account": ""}, "digits"),
        ({"account": "1" * 20}, "at most 19"),
        ({"purpose": "x" * 26}, "at most 25"),
        ({"purpose": "thanh toán"}, "thanh toan"),
        ({"amount": 0}, "above 0"),
        ({"amount": 10**13}, "13 digits"),
        ({"bill": ""}, "non-empty"),
    ],
)
def test_invalid_input_is_refused(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"bin": "970436", "account": "0123456789", **kwargs}
    with pytest.raises(FieldError, match=message):
        build_payload(**args)  # type: ignore[arg-type]


def test_fold_ascii() -> None:
    assert fold_ascii("Thanh toán đơn hàng Điện Biên") == "Thanh toan don hang Dien Bien"


def test_practice_payload_keeps_the_layout_but_names_no_bank() -> None:
    text = practice_payload(amount=50000)
    parsed = parse_payload(text)
    assert parsed.is_practice and parsed.bank is None
    assert parsed.bin not in banks()
    assert not parsed.account.isdigit()
    assert "LUYEN TAP" in (parsed.merchant_name or "")
    assert parsed.amount == 50000
    assert text.startswith("000201010212" + "38")
    with pytest.raises(FieldError):
        build_payload(parsed.bin, "0123456789")
    with pytest.raises(FieldError):
        parse_payload(_recrc(text.replace("000000", "970436")))


def _recrc(text: str) -> str:
    return text[:-4] + crc_text(text[:-4])


def test_shipped_bank_list_matches_the_reference() -> None:
    assert banks() == {
        "970405": "Agribank",
        "970436": "Vietcombank",
        "970415": "VietinBank",
        "970418": "BIDV",
        "970422": "MB",
        "970407": "Techcombank",
        "970416": "ACB",
        "970432": "VPBank",
        "970423": "TPBank",
        "970403": "Sacombank",
        "970449": "LPBank",
    }
