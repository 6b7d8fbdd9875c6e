"""Dates and revocation as offline verifiers judge them, from a trust list file."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from kiosk_records.keys import KioskKey, TrustedKey, TrustList, TrustListError
from kiosk_records.trust_rules import Revocation, date_problem, revocation_problem

KEY = KioskKey(bytes(range(32)))
ENTRY = TrustedKey(KEY.key_id, KEY.public_key, uuid.UUID(int=7), "03127")
DAY = date(2026, 6, 1)


def test_a_revoked_key_vouches_only_for_serials_the_hub_had_before() -> None:
    revoked = Revocation(DAY, last_serial=40)
    before = date(2026, 5, 20)
    assert revocation_problem(revoked, 39, before, today=DAY) is None  # a late, lost one
    assert "serial 41 is after" in (revocation_problem(revoked, 41, before, DAY) or "")
    assert "revoked from 2026-06-01" in (revocation_problem(revoked, 3, DAY, DAY) or "")
    not_yet = Revocation(DAY)  # a list written before the day: only the date counts until it
    assert revocation_problem(not_yet, 99, before, today=date(2026, 5, 31)) is None
    assert "get a newer one" in (revocation_problem(not_yet, 1, before, today=DAY) or "")


def test_dates_between_the_movement_start_and_tomorrow() -> None:
    assert date_problem(date(2026, 12, 6), received_on=date(2026, 12, 5)) is None
    assert date_problem(date(2026, 12, 7), date(2026, 12, 5))[0] == "date_ahead"  # type: ignore[index]
    assert date_problem(date(2025, 3, 25), date(2026, 12, 5))[0] == "date_too_early"  # type: ignore[index]


def test_trust_list_carries_revocation_and_a_later_list_revokes_a_known_key() -> None:
    revoked = TrustedKey(*ENTRY.__dict__.values())  # same key, as the hub's list says it
    doc = json.loads(TrustList((ENTRY,)).to_json_bytes())
    doc["keys"][0] |= {"revoked_from": "2026-06-01", "last_serial": 12}
    from_hub = TrustList.from_json_bytes(json.dumps(doc).encode())
    assert from_hub.keys[0].revocation == Revocation(DAY, 12)
    merged = TrustList((revoked,)).merged(from_hub.keys)  # own key first, the hub's after
    assert merged.keys[0].revocation == Revocation(DAY, 12)
    assert TrustList.from_json_bytes(merged.to_json_bytes()) == merged
    doc["keys"][0]["last_serial"] = "12"
    with pytest.raises(TrustListError, match="last_serial"):
        TrustList.from_json_bytes(json.dumps(doc).encode())
