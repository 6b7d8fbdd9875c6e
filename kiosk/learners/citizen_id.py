"""The 12-digit citizen ID number (Circular 07/2016/TT-BCA art. 7): PPP G YY NNNNNN.

PPP: province where the birth was registered; G: century and gender
(1900s 0/1, 2000s 2/3, 2100s 4/5); YY: last two digits of the birth year.
"""

from __future__ import annotations

import enum

# Province codes of the circular (63 provinces as numbered for ID cards; Điện Biên = 011).
PROVINCE_CODES = frozenset(
    " ".join(
        (
            "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025",
            "026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048",
            "049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075",
            "077 079 080 082 083 084 086 087 089 091 092 093 094 095 096",
        )
    ).split()
)
CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100}


class CitizenIdProblem(enum.Enum):
    """Why a number was refused; each maps to a plain message on screen."""

    LENGTH = "length"  # not exactly 12 digits
    PROVINCE = "province"  # digits 1-3 are not a province code
    CENTURY = "century"  # digit 4 is not 0-5
    BIRTH_YEAR = "birth_year"  # digits 4-6 do not match the birth year


def check_citizen_id(number: str, birth_year: int) -> CitizenIdProblem | None:
    """None when ``number`` is a well-formed ID for someone born in ``birth_year``."""
    digits = number.strip()
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return CitizenIdProblem.LENGTH
    if digits[:3] not in PROVINCE_CODES:
        return CitizenIdProblem.PROVINCE
    century = CENTURY_BY_DIGIT.get(int(digits[3]))
    if century is None:
        return CitizenIdProblem.CENTURY
    if century + int(digits[4:6]) != birth_year:
        return CitizenIdProblem.BIRTH_YEAR
    return None


def last_four(number: str) -> str:
    return number.strip()[-4:]
