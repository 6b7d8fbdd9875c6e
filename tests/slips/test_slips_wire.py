import uuid
from datetime import date

import cbor2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk_records import textpack
from kiosk_records.record import (
    SLIP_NAMESPACE,
    CompletionRecord,
    LessonResult,
    TargetGroup,
    slip_record_id,
)
from kiosk_records.wire import PayloadError, decode_payload, encode_payload

KIOSK_ID = uuid.UUID("6f1c1d8e-2b7a-4f0e-9d55-3a1b2c3d4e5f")


def record(name: str = "Lò Văn Mẫu") -> CompletionRecord:
    return CompletionRecord(
        kiosk_id=KIOSK_ID,
        serial=300,
        learner_ref="0123456789abcdef",
        learner_name=name,
        birth_year=1970,
        commune_code="03127",
        lessons=(LessonResult(201, 3, 90), LessonResult(7, 1, 100)),
        completed_on=date(2026, 11, 27),
        target_group=TargetGroup.PUBLIC_STAFF,
    )


def items_of(payload: bytes) -> list[object]:
    items = cbor2.loads(payload)
    assert isinstance(items, list)
    return items


def test_round_trip_of_packed_and_text_names() -> None:
    for name in ("Lò Văn Mẫu", "Lò Thị ꪶ"):  # the second is not packable: sent as text
        payload = encode_payload(record(name))
        assert decode_payload(payload, KIOSK_ID) == record(name)
    assert isinstance(items_of(encode_payload(record("Lò Thị ꪶ")))[3], str)


def test_a_packable_name_sent_as_text_is_not_canonical() -> None:
    items = items_of(encode_payload(record()))
    items[3] = "Lò Văn Mẫu"
    with pytest.raises(PayloadError, match="canonical"):
        decode_payload(cbor2.dumps(items), KIOSK_ID)


def test_a_longer_encoding_of_the_same_numbers_is_not_canonical() -> None:
    payload = encode_payload(record())
    head = payload.index(bytes((0x19, 0x01, 0x2C)))  # serial 300 as a 2-byte uint
    longer = payload[:head] + bytes((0x1A, 0, 0, 0x01, 0x2C)) + payload[head + 3 :]
    assert cbor2.loads(longer) == cbor2.loads(payload)
    with pytest.raises(PayloadError, match="canonical"):
        decode_payload(longer, KIOSK_ID)


def test_indefinite_lengths_and_trailing_bytes_are_refused() -> None:
    payload = encode_payload(record())
    indefinite = bytes((0x9F,)) + payload[1:] + bytes((0xFF,))  # the array, indefinite
    with pytest.raises(PayloadError):
        decode_payload(indefinite, KIOSK_ID)
    with pytest.raises(PayloadError):
        decode_payload(payload + b"\x00", KIOSK_ID)


@pytest.mark.parametrize(
    ("index", "value"),
    [(8, 9), (8, True), (5, -1), (5, 100_000), (7, "20000"), (6, b"\x00\x07\x01"), (2, b"1")],
)
def test_wrong_fields_are_refused(index: int, value: object) -> None:
    items = items_of(encode_payload(record()))
    items[index] = value
    with pytest.raises(PayloadError):
        decode_payload(cbor2.dumps(items), KIOSK_ID)


def test_unused_packed_byte_is_refused() -> None:
    items = items_of(encode_payload(record()))
    items[3] = b"L\x00"
    with pytest.raises(PayloadError, match="packed letter"):
        decode_payload(cbor2.dumps(items), KIOSK_ID)
    with pytest.raises(ValueError):
        textpack.unpack(b"\x00")


@settings(max_examples=300, deadline=None)
@given(kiosk=st.uuids(), serial=st.integers(0, 2**32 - 1))
def test_record_ids_are_the_name_based_uuid_of_kiosk_and_serial(
    kiosk: uuid.UUID, serial: int
) -> None:
    assert slip_record_id(kiosk, serial) == uuid.uuid5(SLIP_NAMESPACE, f"{kiosk}/{serial}")
