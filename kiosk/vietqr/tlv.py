"""EMVCo tag-length-value fields: two-digit tag, two-digit length, value."""

from __future__ import annotations


class VietQRError(ValueError):
    """A VietQR payload or input is not acceptable."""


class CRCError(VietQRError):
    """The CRC field is missing or does not match."""


class LengthError(VietQRError):
    """A field's length is wrong (the fields do not tile their container)."""


class FieldError(VietQRError):
    """A field is missing, repeated or has a value outside the VietQR rules."""


def field(tag: str, value: str) -> str:
    """One TLV field; raise FieldError if value has more than 99 characters."""
    if len(value) > 99:
        raise FieldError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def parse_fields(text: str, where: str) -> dict[str, str]:
    """Split text into fields that must tile it exactly, in ascending tag order.

    Banking apps write fields in ascending order; insisting on it also catches a
    wrong length that happens to tile (e.g. a shortened field 62 whose tail
    would otherwise read as a new top-level field).

    Args:
        text: The characters of one container (the payload, or a nested value).
        where: Name of the container for messages, e.g. "payload" or "field 38".
    """
    fields: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        head = text[pos : pos + 4]
        if len(head) < 4:
            raise LengthError(f"{where}: {len(text) - pos} stray characters at position {pos}")
        tag, length = head[:2], head[2:]
        if not (tag.isascii() and tag.isdigit()):
            raise LengthError(f"{where}: expected a two-digit tag at position {pos}, got {tag!r}")
        if not (length.isascii() and length.isdigit()):
            raise LengthError(f"{where}: field {tag} has a non-numeric length {length!r}")
        end = pos + 4 + int(length)
        if end > len(text):
            raise LengthError(
                f"{where}: field {tag} declares {int(length)} characters "
                f"but only {len(text) - pos - 4} remain"
            )
        if tag in fields:
            raise FieldError(f"{where}: field {tag} appears twice")
        if fields and tag < list(fields)[-1]:
            raise LengthError(f"{where}: field {tag} comes after field {list(fields)[-1]}")
        fields[tag] = text[pos + 4 : end]
        pos = end
    return fields
