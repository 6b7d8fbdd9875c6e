import uuid
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.public import PrivateKey

from kiosk.slips.qr import qr_matrix
from kiosk_records.base45 import b45decode, b45encode
from kiosk_records.codec import PREFIX, Failure, encode_slip, split_slip, verify
from kiosk_records.keys import KioskKey, TrustList, own_trusted_key
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup, slip_record_id
from kiosk_records.sealing import open_citizen_id, seal_citizen_id

KIOSK_ID = uuid.UUID("6f1c1d8e-2b7a-4f0e-9d55-3a1b2c3d4e5f")
HUB = PrivateKey(bytes(range(32)))
KEY = KioskKey(bytes(range(1, 33)))
TRUST = TrustList((own_trusted_key(KEY, KIOSK_ID, "03127"),))


def realistic_record() -> CompletionRecord:
    """Long Vietnamese name, five lessons, sealed citizen ID: the QR budget case."""
    return CompletionRecord(
        kiosk_id=KIOSK_ID,
        serial=65_000,
        learner_ref="9f86d081884c7d65",
        learner_name="Lường Thị Hoàng Phương Thảo",
        birth_year=1958,
        commune_code="03127",
        lessons=tuple(LessonResult(code, 12, 100) for code in (101, 215, 340, 1024, 4095)),
        completed_on=date(2026, 3, 14),
        target_group=TargetGroup.ADULT,
        sealed_citizen_id=seal_citizen_id("011158012345", bytes(HUB.public_key)),
    )


def test_round_trip() -> None:
    record = realistic_record()
    text = encode_slip(record, KEY)
    assert text.startswith(PREFIX)
    result = verify(text, TRUST)
    assert result.ok, result.reason
    assert result.record == record
    assert result.record.record_id == slip_record_id(KIOSK_ID, 65_000)
    assert result.record.sealed_citizen_id is not None
    assert open_citizen_id(result.record.sealed_citizen_id, bytes(HUB)) == "011158012345"


def test_realistic_record_fits_qr_version_10_at_level_m() -> None:
    text = encode_slip(realistic_record(), KEY)
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert len(text) <= 311  # alphanumeric capacity of version 10-M
    assert qr_matrix(text, "M").version <= 10


def test_no_citizen_id_in_clear() -> None:
    blob = b45decode(encode_slip(realistic_record(), KEY)[len(PREFIX) :])
    assert b"011158012345" not in blob
    assert (11158012345).to_bytes(5, "big") not in blob


def test_every_single_byte_change_of_the_payload_is_rejected() -> None:
    tag, signature, payload = split_slip(encode_slip(realistic_record(), KEY))
    for i in range(len(payload)):
        for value in range(256):
            if value == payload[i]:
                continue
            changed = payload[:i] + bytes([value]) + payload[i + 1 :]
            result = verify(PREFIX + b45encode(tag + signature + changed), TRUST)
            assert result.failure is Failure.BAD_SIGNATURE, (i, value)


def test_signature_and_truncation_changes_are_rejected() -> None:
    tag, signature, payload = split_slip(encode_slip(realistic_record(), KEY))
    for i in range(len(signature)):
        bad = signature[:i] + bytes([signature[i] ^ 0x01]) + signature[i + 1 :]
        assert verify(PREFIX + b45encode(tag + bad + payload), TRUST).failure is (
            Failure.BAD_SIGNATURE
        )
    for cut in (1, 10, len(payload) - 1):
        text = PREFIX + b45encode(tag + signature + payload[:-cut])
        assert not verify(text, TRUST).ok


def test_unknown_key_is_rejected() -> None:
    stranger = KioskKey(bytes(32))
    result = verify(encode_slip(realistic_record(), stranger), TRUST)
    assert result.failure is Failure.UNKNOWN_KEY
    assert result.record is None


def test_key_trusted_for_another_kiosk_id_is_a_bad_signature() -> None:
    trust = TrustList((own_trusted_key(KEY, uuid.uuid4(), "03127"),))
    assert verify(encode_slip(realistic_record(), KEY), trust).failure is Failure.BAD_SIGNATURE


@pytest.mark.parametrize(
    ("text", "failure"),
    [
        ("HS2:ABCDEF", Failure.WRONG_VERSION),
        ("HS0:ABCDEF", Failure.WRONG_VERSION),
        ("", Failure.MALFORMED),
        ("hello", Failure.MALFORMED),
        ("HS1:", Failure.MALFORMED),
        ("HS1:abc", Failure.MALFORMED),
        ("HS1:" + "A" * 20, Failure.MALFORMED),
        ("https://example.com", Failure.MALFORMED),
    ],
)
def test_failures_have_distinct_reasons(text: str, failure: Failure) -> None:
    result = verify(text, TRUST)
    assert result.failure is failure
    assert result.reason


def test_signed_payload_of_another_version_is_wrong_version() -> None:
    import cbor2

    from kiosk_records.codec import signed_message

    payload = cbor2.dumps([2, "future"])
    signature = KEY.sign(signed_message(KIOSK_ID, payload))
    tag = bytes.fromhex(KEY.key_id)[:4]
    result = verify(PREFIX + b45encode(tag + signature + payload), TRUST)
    assert result.failure is Failure.WRONG_VERSION


def test_signed_garbage_is_malformed() -> None:
    from kiosk_records.codec import signed_message

    tag = bytes.fromhex(KEY.key_id)[:4]
    for payload in (b"\xff\x00", b"\x81\x01", b"\x8a\x01" + b"\x00" * 9):
        signature = KEY.sign(signed_message(KIOSK_ID, payload))
        result = verify(PREFIX + b45encode(tag + signature + payload), TRUST)
        assert result.failure is Failure.MALFORMED, payload


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
names = (
    st.text(
        alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " ꪀꪁ'"), min_size=1, max_size=60
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(
    name=names,
    scores=st.lists(st.integers(0, 100), min_size=1, max_size=12),
    codes=st.integers(0, 0xFFFF),
    version=st.integers(0, 255),
    serial=st.integers(0, 2**32 - 1),
    birth_year=st.integers(1900, 2100),
    commune=st.integers(0, 99999),
    day=st.dates(date(2020, 1, 1), date(2199, 12, 31)),
    group=st.sampled_from(TargetGroup),
    sealed=st.booleans(),
)
def test_any_valid_record_round_trips(
    name: str,
    scores: list[int],
    codes: int,
    version: int,
    serial: int,
    birth_year: int,
    commune: int,
    day: date,
    group: TargetGroup,
    sealed: bool,
) -> None:
    record = CompletionRecord(
        kiosk_id=KIOSK_ID,
        serial=serial,
        learner_ref="0123456789abcdef",
        learner_name=" ".join(name.split()),
        birth_year=birth_year,
        commune_code=f"{commune:05d}",
        lessons=tuple(
            LessonResult((codes + i) % 0x10000, version, s) for i, s in enumerate(scores)
        ),
        completed_on=day,
        target_group=group,
        sealed_citizen_id=seal_citizen_id("011190000001", bytes(HUB.public_key))
        if sealed
        else None,
    )
    result = verify(encode_slip(record, KEY), TRUST)
    assert result.ok, result.reason
    assert result.record == record


@pytest.mark.parametrize(
    "change",
    [
        {"learner_ref": "011158012345"},
        {"learner_name": " "},
        {"learner_name": "A" * 61},
        {"birth_year": 1899},
        {"commune_code": "3127"},
        {"lessons": ()},
        {"serial": -1},
        {"sealed_citizen_id": b"x"},
    ],
)
def test_invalid_records_are_refused(change: dict[str, object]) -> None:
    fields = {**realistic_record().__dict__, **change}
    with pytest.raises(ValueError):
        CompletionRecord(**fields)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        LessonResult(1, 1, 101)


def test_slips_package_does_not_import_reportlab_or_qt(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, kiosk.slips.cli, kiosk_records.codec, kiosk.vietqr.cli, kiosk.vietqr.payload;"
        "bad = [m for m in sys.modules if m.startswith(('reportlab', 'PySide6'))];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
