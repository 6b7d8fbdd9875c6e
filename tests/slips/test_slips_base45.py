import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk_records.base45 import ALPHABET, Base45Error, b45decode, b45decode_fast, b45encode


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
    ],
)
def test_rfc9285_examples(raw: bytes, text: str) -> None:
    assert b45encode(raw) == text
    assert b45decode(text) == raw


@given(st.binary(max_size=300))
def test_round_trip(data: bytes) -> None:
    text = b45encode(data)
    assert set(text) <= set(ALPHABET)
    assert b45decode(text) == data


@pytest.mark.parametrize("bad", ["A", "GGW", "ab", "ZZ", "BB8A"])
def test_rejects_invalid_text(bad: str) -> None:
    with pytest.raises(Base45Error):
        b45decode(bad)


@given(st.binary(max_size=300))
def test_fast_decoder_round_trip(data: bytes) -> None:
    assert b45decode_fast(b45encode(data)) == data


@given(st.text(alphabet=ALPHABET + "a\n~", max_size=12))
def test_fast_decoder_agrees_on_any_text(text: str) -> None:
    try:
        expected: bytes | str = b45decode(text)
    except Base45Error as exc:
        expected = str(exc)
    try:
        got: bytes | str = b45decode_fast(text)
    except Base45Error as exc:
        got = str(exc)
    assert got == expected


@pytest.mark.parametrize("bad", ["A", "GGW", "ab", "ZZ", "BB8A", "BB8\n", "GGWBB8"])
def test_fast_decoder_rejects_invalid_text(bad: str) -> None:
    with pytest.raises(Base45Error):
        b45decode_fast(bad)
