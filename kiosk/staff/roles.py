"""Staff roles (kept apart from the database code so screens can name them cheaply)."""

from __future__ import annotations

import enum


class Role(enum.Enum):
    STAFF = "staff"
    ADMIN = "admin"
    VOICE = "voice"  # records narration ("Ghi âm lời đọc"), nothing else
