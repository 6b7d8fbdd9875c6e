"""The one rule set for what a person types about themselves: name, phone, citizen ID.

The register screen, the registry, staff renames, the set-up wizard and the slip and
outbox records all check and cut names here, so they cannot drift apart.
"""

from __future__ import annotations

import re

from kiosk.learners.citizen_id import CitizenIdProblem, check_citizen_id, last_four
from kiosk.spreadsheet import looks_like_formula
from kiosk_records.record import MAX_NAME_LENGTH

__all__ = [
    "NAME_MAX",
    "NAME_MIN",
    "CitizenIdProblem",
    "check_citizen_id",
    "clean_name",
    "clean_phone",
    "last_four",
    "learner_name_ok",
    "name_on_record",
    "phone_ok",
    "place_name_ok",
]

NAME_MIN = 2
NAME_MAX = 120
_PHONE = re.compile(r"0[0-9]{9}")  # a Vietnamese mobile number: 0 and nine digits


def clean_name(name: str) -> str:
    """The name as stored: outer spaces gone, inner runs of spaces made one."""
    return " ".join(name.split())


def place_name_ok(name: str) -> bool:
    """A learning point's name: 2 to 120 characters once cleaned."""
    return NAME_MIN <= len(clean_name(name)) <= NAME_MAX


def learner_name_ok(name: str) -> bool:
    """A learner's full name: like a place name, no digits (a year typed by mistake), and not
    starting like a spreadsheet formula (the rule the hub's and the kiosk's exports use)."""
    return (
        place_name_ok(name)
        and not any(ch.isdigit() for ch in name)
        and not looks_like_formula(clean_name(name))
    )


def name_on_record(name: str) -> str:
    """The name as a signed record carries it: cut to the record's limit, no outer spaces.

    Cutting can leave a space at the end (when the limit falls between two words); the
    record refuses outer spaces, so it is stripped after the cut.
    """
    return clean_name(name)[:MAX_NAME_LENGTH].rstrip()


def clean_phone(phone: str) -> str:
    return phone.replace(" ", "")


def phone_ok(phone: str) -> bool:
    """A mobile number as villagers write it: 0 then nine digits (spaces allowed)."""
    return _PHONE.fullmatch(clean_phone(phone)) is not None
