"""Text helpers for Vietnamese: search that ignores tone marks and case."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """'Sín Thầu' -> 'sin thau': for search keys, never for display."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
