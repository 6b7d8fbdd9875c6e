"""The hub's one-decode check agrees with `kiosk_records.codec.verify` on every text."""

from __future__ import annotations

import hashlib
import random

from kiosk_hub.checking import check_texts
from kiosk_records.base45 import b45decode, b45encode
from kiosk_records.codec import split_slip, verify
from kiosk_records.keys import TrustedKey, TrustList
from tests.helpers.hub_helpers import FakeKiosk

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def test_check_texts_gives_verify_s_answer_and_the_payload_digest() -> None:
    kiosk, stranger = FakeKiosk("k1"), FakeKiosk("stranger")
    trust = TrustList((TrustedKey(kiosk.key.key_id, kiosk.key.public_key, kiosk.id, "03127"),))
    genuine = kiosk.text(1, lessons=(101, 102))
    blob = bytearray(b45decode(genuine[4:]))
    blob[10] ^= 0x01  # inside the signature
    rng = random.Random(5)
    texts = [genuine, f"  {genuine}\n", stranger.text(1), "HS1:" + b45encode(bytes(blob))]
    texts += ["", "hello", "HS1:???", "HS9:ABC", "HS1:", "HS01:" + genuine[4:]]
    texts += [genuine[:n] for n in range(4, len(genuine), 7)]
    for _ in range(200):
        at = rng.randrange(4, len(genuine))
        texts.append(genuine[:at] + rng.choice(BASE45) + genuine[at + 1 :])
    for text, checked in zip(texts, check_texts(texts, trust), strict=True):
        expected = verify(text, trust)
        assert checked.text == text.strip()
        assert checked.record == expected.record, text
        if expected.record is None:
            assert expected.failure is not None
            assert (checked.failure, checked.detail) == (expected.failure.value, expected.reason)
        else:
            assert expected.key is not None and checked.key_id == expected.key.key_id
            payload = split_slip(text.strip())[2]
            assert checked.digest == hashlib.sha256(payload).hexdigest()


def test_two_keys_on_one_key_tag_are_both_tried() -> None:
    kiosk, twin = FakeKiosk("k1"), FakeKiosk("twin")
    twin_entry = TrustedKey(
        kiosk.key.key_id[:8] + "ffffffff", twin.key.public_key, twin.id, "03127"
    )
    trust = TrustList(
        (twin_entry, TrustedKey(kiosk.key.key_id, kiosk.key.public_key, kiosk.id, "03127"))
    )
    checked = check_texts([kiosk.text(n) for n in range(40)], trust)
    assert [c.record.serial if c.record else None for c in checked] == list(range(40))
    assert {c.key_id for c in checked} == {kiosk.key.key_id}
