"""Registration and sign-in: minimum data, consent per purpose, no ID in clear."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text

from kiosk.db.models import Consent, Learner
from kiosk.learners.citizen_id import CitizenIdProblem, check_citizen_id
from kiosk.learners.registry import (
    Purpose,
    Registration,
    RegistrationError,
    SignInOutcome,
    register,
    sign_in,
)
from kiosk.learners.vault import LearnerVault, VaultError

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
KIOSK = uuid.uuid4()
# Practice ID: Điện Biên (011), woman born 1990 (1), year 90, made-up serial.
PRACTICE_ID = "011190000123"


def reg(**overrides):  # type: ignore[no-untyped-def]
    values = dict(
        full_name="  Lò Thị   Mẫu ",
        birth_year=1990,
        village="Bản Him Lam",
        target_group="adults",
        consents={Purpose.SLIP: True},
    )
    values.update(overrides)
    return Registration(**values)


@pytest.fixture
def vault(tmp_path) -> LearnerVault:  # type: ignore[no-untyped-def]
    return LearnerVault.open(tmp_path / "secrets")


def test_citizen_id_rules() -> None:
    assert check_citizen_id(PRACTICE_ID, 1990) is None
    assert check_citizen_id("011190000123", 1991) is CitizenIdProblem.BIRTH_YEAR
    assert check_citizen_id("011290000123", 1990) is CitizenIdProblem.BIRTH_YEAR  # 2090
    assert check_citizen_id("003190000123", 1990) is CitizenIdProblem.PROVINCE
    assert check_citizen_id("011790000123", 1990) is CitizenIdProblem.CENTURY
    assert check_citizen_id("01119000012", 1990) is CitizenIdProblem.LENGTH
    assert check_citizen_id("01119000012a", 1990) is CitizenIdProblem.LENGTH
    assert check_citizen_id("011305000123", 2005) is None  # 2000s woman


@given(st.text(max_size=14))
def test_citizen_id_check_never_crashes(number: str) -> None:
    result = check_citizen_id(number, 1990)
    assert result is None or isinstance(result, CitizenIdProblem)


def test_citizen_id_is_stored_encrypted_with_last_four_only(services, vault) -> None:  # type: ignore[no-untyped-def]
    consents = {Purpose.SLIP: True, Purpose.VNEID_CONFIRM: True}
    with services.database.transaction() as s:
        view = register(s, vault, reg(citizen_id=PRACTICE_ID, consents=consents), KIOSK, NOW)
    assert view.citizen_id_last4 == "0123"
    assert view.full_name == "Lò Thị Mẫu"
    raw = services.database.path.read_bytes()
    for wal in services.database.path.parent.glob("*-wal"):
        raw += wal.read_bytes()
    assert PRACTICE_ID.encode() not in raw
    with services.database.transaction() as s:
        row = s.scalars(select(Learner)).one()
        assert vault.decrypt(row.citizen_id_encrypted) == PRACTICE_ID
        granted = {c.purpose: c.granted for c in s.scalars(select(Consent))}
    assert granted == {"slip": True, "phone": False, "vneid_confirm": True}


def test_another_kiosk_secret_cannot_read_the_id(tmp_path, vault) -> None:  # type: ignore[no-untyped-def]
    sealed = vault.encrypt(PRACTICE_ID)
    other = LearnerVault.open(tmp_path / "other")
    with pytest.raises(VaultError):
        other.decrypt(sealed)
    assert other.lookup_hash(PRACTICE_ID) != vault.lookup_hash(PRACTICE_ID)


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"consents": {}}, "register.error.consent_slip"),
        ({"full_name": "A"}, "register.error.name"),
        ({"full_name": '=HYPERLINK("http://x.example/?"&E2;"Xem")'}, "register.error.name"),
        ({"full_name": "@Lò Văn"}, "register.error.name"),
        ({"birth_year": 2025}, "register.error.birth_year"),
        ({"target_group": "tourists"}, "register.error.group"),
        ({"phone": "0912345678"}, "register.error.consent_phone"),
        (
            {"phone": "12345", "consents": {Purpose.SLIP: True, Purpose.PHONE: True}},
            "register.error.phone",
        ),
        ({"citizen_id": PRACTICE_ID}, "register.error.consent_citizen_id"),
        (
            {
                "citizen_id": "011190000123",
                "birth_year": 1991,
                "consents": {Purpose.SLIP: True, Purpose.VNEID_CONFIRM: True},
            },
            "register.error.citizen_id.birth_year",
        ),
    ],
)
def test_refusals_name_a_message(services, vault, overrides, key) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RegistrationError) as info, services.database.transaction() as s:
        register(s, vault, reg(**overrides), KIOSK, NOW)
    assert info.value.key == key
    assert services.catalogue.text("vi", key) != key
    with services.database.transaction() as s:
        assert s.execute(text("SELECT count(*) FROM learner")).scalar() == 0


def test_same_citizen_id_twice_is_refused(services, vault) -> None:  # type: ignore[no-untyped-def]
    consents = {Purpose.SLIP: True, Purpose.VNEID_CONFIRM: True}
    with services.database.transaction() as s:
        register(s, vault, reg(citizen_id=PRACTICE_ID, consents=consents), KIOSK, NOW)
    with pytest.raises(RegistrationError) as info, services.database.transaction() as s:
        register(s, vault, reg(citizen_id=PRACTICE_ID, consents=consents), KIOSK, NOW)
    assert info.value.key == "register.error.already_registered"


def test_sign_in_by_name_and_year_then_village(services, vault) -> None:  # type: ignore[no-untyped-def]
    with services.database.transaction() as s:
        register(s, vault, reg(), KIOSK, NOW)
        register(s, vault, reg(village="Bản Noong Bua"), KIOSK, NOW)
        register(s, vault, reg(full_name="Giàng A Mẫu", birth_year=1975), KIOSK, NOW)
    with services.database.transaction() as s:
        one = sign_in(s, "giang a mau", 1975)
        assert one.outcome is SignInOutcome.FOUND and one.learner.full_name == "Giàng A Mẫu"
        assert sign_in(s, "Lò Thị Mẫu", 1990).outcome is SignInOutcome.NEEDS_VILLAGE
        found = sign_in(s, "LÒ THỊ MẪU", 1990, village="ban noong bua")
        assert found.learner.village == "Bản Noong Bua"
        assert sign_in(s, "Lò Thị Mẫu", 1991).outcome is SignInOutcome.NOT_FOUND


def test_province_table_has_the_63_codes() -> None:
    from kiosk.learners.citizen_id import PROVINCE_CODES

    assert len(PROVINCE_CODES) == 63
    assert {"001", "011", "079", "096"} <= PROVINCE_CODES
    assert all(len(code) == 3 for code in PROVINCE_CODES)
