"""The services the screens use, built once by the composition root (no Qt)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.db.base import utcnow
from kiosk.db.database import Database, DatabaseUnavailable, open_database
from kiosk.i18n import SOURCE_LANGUAGE, Catalogue, Translator, load_catalogue
from kiosk.paths import DataPaths, resources_dir
from kiosk.settings import KioskSettings, load_settings, save_settings
from kiosk.staff.setup import KioskIdentity, identity
from kiosk.units import Unit, load_units, unit_by_code

log = logging.getLogger(__name__)


@dataclass
class Services:
    paths: DataPaths
    catalogue: Catalogue
    translator: Translator
    units: tuple[Unit, ...]
    database: Database | None
    failure: DatabaseUnavailable | None = None
    settings: KioskSettings = field(default_factory=KioskSettings)
    identity: KioskIdentity | None = None
    clock: Callable[[], datetime] = utcnow
    default_language: str = SOURCE_LANGUAGE

    def reload_identity(self) -> None:
        if self.database is not None:
            with self.database.transaction() as session:
                self.identity = identity(session)

    def place_label(self) -> str | None:
        """'Learning point — Commune' for the welcome screen; None before set-up."""
        if self.identity is None:
            return None
        unit = unit_by_code(self.units, self.identity.commune_code)
        commune = unit.label_vi if unit else self.identity.commune_code
        return f"{self.identity.learning_point} — {commune}"

    def update_settings(self, changes: dict[str, object]) -> list[str]:
        """Validate and store changed settings (admin only: the caller checks)."""
        from kiosk import audit

        new = dataclasses.replace(self.settings, **changes)  # type: ignore[arg-type]
        new.validate()
        assert self.database is not None
        with self.database.transaction() as session:
            changed = save_settings(session, new)
            if changed:
                audit.record(session, "admin", "settings_changed", fields=changed)
        self.settings = new
        return changed

    def close(self) -> None:
        if self.database is not None:
            self.database.dispose()


def build_services(paths: DataPaths) -> Services:
    """Open everything the kiosk needs. A database failure is kept, not raised:
    the kiosk then shows why on screen instead of crashing in a loop."""
    res = resources_dir()
    catalogue = load_catalogue(res / "i18n")
    units = load_units(res / "data" / "dien-bien-units.csv")
    services = Services(
        paths=paths,
        catalogue=catalogue,
        translator=Translator(catalogue),
        units=units,
        database=None,
    )
    try:
        services.database = open_database(paths.database)
    except DatabaseUnavailable as exc:
        log.error("database unavailable (%s): %s", exc.reason.value, exc)
        services.failure = exc
        return services
    with services.database.transaction() as session:
        services.settings = load_settings(session)
        services.identity = identity(session)
    return services
