"""A located problem in a content file, and turning pydantic errors into them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kiosk.content.schema import ELEMENT_TYPES, STEP_KINDS
from kiosk.content.schema.common import ID_PATTERN

_UNION_LISTS = frozenset({"steps", "elements"})
_TAGS = STEP_KINDS | ELEMENT_TYPES


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file. ``str()`` gives the line the validator prints.

    ``code`` names the kind of problem for screens that explain it in the learner's
    language (the message ``content.problem.<code>`` with ``values``); empty for rare
    problems, which keep the validator's English words.
    """

    file: str
    message: str
    lesson: str | None = None
    step: str | None = None
    field: str | None = None
    code: str = ""
    values: Mapping[str, object] = dataclasses.field(
        default_factory=dict, compare=False, hash=False
    )

    def __str__(self) -> str:
        where = []
        if self.lesson:
            where.append(f"lesson {self.lesson}")
        if self.step:
            where.append(f"step {self.step}")
        if self.field:
            where.append(self.field)
        place = ", ".join(where)
        return f"{self.file}: {place}: {self.message}" if place else f"{self.file}: {self.message}"


def _is_tag(loc: Sequence[int | str], i: int) -> bool:
    part = loc[i]
    if not isinstance(part, str):
        return False
    if i >= 2 and loc[i - 2] in _UNION_LISTS and isinstance(loc[i - 1], int):
        return part in _TAGS
    return i >= 1 and loc[i - 1] == "screen" and part in ("inline", "ref")


def _label(item: Any, index: int) -> str:
    item_id = item.get("id") if isinstance(item, dict) else None
    return item_id if isinstance(item_id, str) and item_id else str(index + 1)


def locate(loc: Sequence[int | str], raw: Any) -> tuple[str | None, str | None]:
    """(step id, field path) for a pydantic error location, using ids from the raw data."""
    step: str | None = None
    parts: list[str] = []
    node = raw
    for i, part in enumerate(loc):
        if _is_tag(loc, i):
            continue
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            label = _label(item, part)
            if i == 1 and loc[0] == "steps":
                step = label if label != str(part + 1) else f"#{part + 1}"
                parts = []
            elif parts:
                parts[-1] += f"[{label}]"
            else:
                parts.append(f"[{label}]")
            node = item
        else:
            parts.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return step, ".".join(parts) or None


def _message(error: Any) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return "must be text: put the value in quotes"
    if kind == "string_type" and value is None:
        return (
            "has no text (in {vi: a, b} a comma splits the text: put text that holds "
            "a comma in quotes)"
        )
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return (
            f"unknown {str(ctx.get('discriminator', 'kind')).strip(chr(39))} "
            f"'{ctx.get('tag')!s}'; "
            f"use one of: {ctx.get('expected_tags')}"
        )
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == ID_PATTERN:
        return "must be an id: lower-case letters, digits, '-', '_' or '.', like 'vneid-login'"
    if kind == "union_tag_not_found":
        return f"needs a {error.get('ctx', {}).get('discriminator', 'kind')}"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def problems_from_error(file: str, raw: Any, exc: ValidationError) -> list[Problem]:
    """One problem per pydantic error, located by lesson, step and field."""
    lesson = raw.get("id") if isinstance(raw, dict) else None
    lesson = lesson if isinstance(lesson, str) and lesson else None
    found = []
    for error in exc.errors(include_url=False):
        step, field = locate(error["loc"], raw)
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            tag = str(error.get("ctx", {}).get("discriminator", "kind")).strip("'")
            field = f"{field}.{tag}" if field else tag
        missing = error["type"] == "missing"
        found.append(
            Problem(
                file,
                _message(error),
                lesson,
                step,
                field,
                code="field_missing" if missing else "",
                values={"field": field or ""} if missing else {},
            )
        )
    return found
