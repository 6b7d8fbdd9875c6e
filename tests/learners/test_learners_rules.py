"""The one name / phone / citizen-ID rule set."""

from __future__ import annotations

from kiosk.learners.rules import (
    CitizenIdProblem,
    check_citizen_id,
    clean_name,
    learner_name_ok,
    name_on_record,
    phone_ok,
    place_name_ok,
)
from kiosk_records.record import MAX_NAME_LENGTH


def test_names_are_cleaned_and_checked() -> None:
    assert clean_name("  Lò   Thị  Hoa ") == "Lò Thị Hoa"
    assert learner_name_ok("Lò Thị Hoa") and not learner_name_ok("Hoa 1975")
    assert not learner_name_ok(" A ") and not learner_name_ok("x" * 121)
    assert place_name_ok("Nhà văn hoá bản 3") and not place_name_ok("  ")


def test_a_name_whose_cut_falls_on_a_space_has_no_trailing_space() -> None:
    name = "A" * (MAX_NAME_LENGTH - 1) + " Văn Dài"  # the 60th character is a space
    assert name[MAX_NAME_LENGTH - 1] == " "
    cut = name_on_record(name)
    assert cut == "A" * (MAX_NAME_LENGTH - 1) and len(cut) <= MAX_NAME_LENGTH
    assert name_on_record("Lò Thị Hoa") == "Lò Thị Hoa"


def test_phone_numbers() -> None:
    assert phone_ok("0912 345 678") and phone_ok("0912345678")
    assert not phone_ok("912345678") and not phone_ok("09123456789") and not phone_ok("")


def test_citizen_id_rule_is_part_of_the_set() -> None:
    assert check_citizen_id("011080001234", 1980) is None
    assert check_citizen_id("011080001234", 1981) is CitizenIdProblem.BIRTH_YEAR
