"""Kiosk settings: typed defaults, stored per key in the database."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.clock import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TEXT_SIZES = ("normal", "large", "extra_large")


@dataclass(frozen=True)
class KioskSettings:
    idle_timeout_s: int = 120
    idle_countdown_s: int = 20
    languages: tuple[str, ...] = ("vi", "en")
    text_size: str = "normal"
    high_contrast: bool = False
    narration_volume: int = 80  # percent
    villages: tuple[str, ...] = field(default_factory=tuple)
    printer: str = ""
    slip_layout: str = "roll80"
    learning_point_target: int = 0
    voice_downloads: bool = True  # fetch new voice packs from the hub after each sync

    def validate(self) -> None:
        if not 15 <= self.idle_timeout_s <= 3600:
            raise ValueError("idle timeout must be 15 to 3600 seconds")
        if not 5 <= self.idle_countdown_s <= 120:
            raise ValueError("idle countdown must be 5 to 120 seconds")
        if self.text_size not in TEXT_SIZES:
            raise ValueError(f"text size must be one of {TEXT_SIZES}")
        if not 0 <= self.narration_volume <= 100:
            raise ValueError("narration volume is a percentage")
        if "vi" not in self.languages:
            raise ValueError("Vietnamese must stay offered")


def _decode(name: str, raw: Any) -> Any:
    default = getattr(KioskSettings(), name)
    return tuple(raw) if isinstance(default, tuple) else raw


def settings_from_stored(stored: dict[str, str]) -> KioskSettings:
    """Settings from stored key -> JSON text pairs; unknown keys are ignored."""
    names = {f.name for f in dataclasses.fields(KioskSettings)}
    values = {k: _decode(k, json.loads(v)) for k, v in stored.items() if k in names}
    return KioskSettings(**values)


def load_settings(session: Session) -> KioskSettings:
    from sqlalchemy import select

    from kiosk.db.models import Setting

    return settings_from_stored({s.key: s.value_json for s in session.scalars(select(Setting))})


def save_settings(session: Session, settings: KioskSettings) -> list[str]:
    """Store every changed field; return the names that changed."""
    from kiosk.db.models import Setting

    settings.validate()
    current = load_settings(session)
    changed = []
    for f in dataclasses.fields(KioskSettings):
        value = getattr(settings, f.name)
        if value == getattr(current, f.name):
            continue
        changed.append(f.name)
        encoded = json.dumps(list(value) if isinstance(value, tuple) else value)
        row = session.get(Setting, f.name)
        if row is None:
            session.add(Setting(key=f.name, value_json=encoded))
        else:
            row.value_json = encoded
            row.updated_at = utcnow()
    return changed
