"""The services the screens use, built once by the composition root (no Qt).

Start-up is two-phase: ``start_services`` reads what the welcome screen needs with
plain sqlite3 (fast), the window paints, then ``connect`` opens the database fully
(SQLAlchemy, migrations, checks). When the quick read is not possible (first start,
an older schema, a damaged file) the full open happens at once instead.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.clock import utcnow
from kiosk.formatting import commune_label
from kiosk.i18n import SOURCE_LANGUAGE, MessageCatalogue, Translator, load_catalogue
from kiosk.identity import KioskIdentity
from kiosk.paths import DataPaths, resources_dir
from kiosk.settings import KioskSettings, settings_from_stored
from kiosk_records.communes import Unit, load_units

if TYPE_CHECKING:
    from kiosk.content.loader import LoadResult
    from kiosk.db.database import Database, DatabaseUnavailable
    from kiosk.learners.vault import LearnerVault
    from kiosk.voices.languages import HearingLanguage
    from kiosk.voices.store import VoiceStore

log = logging.getLogger(__name__)


@dataclass
class Services:
    paths: DataPaths
    catalogue: MessageCatalogue
    translator: Translator
    units: tuple[Unit, ...]
    database: Database | None = None
    failure: DatabaseUnavailable | None = None
    settings: KioskSettings = field(default_factory=KioskSettings)
    identity: KioskIdentity | None = None
    clock: Callable[[], datetime] = utcnow
    default_language: str = SOURCE_LANGUAGE
    _content: LoadResult | None = field(default=None, repr=False)
    _vault: LearnerVault | None = field(default=None, repr=False)
    _voices: VoiceStore | None = field(default=None, repr=False)

    def content(self) -> LoadResult:
        """The lesson catalogue of the active packs (built-in and installed), loaded on first use.

        Every consumer of lessons uses this one; problems are logged, good lessons kept.
        """
        if self._content is None:
            from kiosk.content.install import load_active

            self._content = load_active(self.paths.root)
            for problem in self._content.problems:
                log.warning("content problem: %s", problem)
        return self._content

    def reload_content(self) -> None:
        """Content packs changed (installed or rolled back): load them again on next use."""
        self._content = None

    @property
    def voices(self) -> VoiceStore:
        """The narration recorded on this kiosk or installed from voice packs."""
        if self._voices is None:
            from kiosk.folder_swap import finish_swaps
            from kiosk.voices.store import VoiceStore, voices_dir

            # A voice pack install a power cut interrupted is finished first (without the
            # pack-reading code: this runs as the welcome screen first speaks).
            finish_swaps(voices_dir(self.paths.root))
            self._voices = VoiceStore(self.paths.root)
        return self._voices

    def hearing_languages(self) -> list[HearingLanguage]:
        """The languages a learner may hear: the kiosk's own and those packs brought
        (read each time: a pack installed or a language removed shows at once)."""
        from kiosk.voices.languages import load_languages, shipped_languages_dir

        return load_languages([shipped_languages_dir(), self.voices.root])

    def vault(self) -> LearnerVault:
        """Encryption for learners' citizen IDs (key made on first use)."""
        if self._vault is None:
            from kiosk.learners.vault import LearnerVault

            self._vault = LearnerVault.open(self.paths.secrets)
        return self._vault

    @property
    def connected(self) -> bool:
        return self.database is not None

    @property
    def db(self) -> Database:
        """The open database. Learner and staff screens are reached only once it is open
        (else the kiosk shows its "database unavailable" screen), so this is a wiring bug."""
        if self.database is None:
            raise RuntimeError("the database is not open")
        return self.database

    @property
    def kiosk_id(self) -> uuid.UUID:
        """This kiosk's id; set-up comes before any learner or staff screen."""
        if self.identity is None:
            raise RuntimeError("the kiosk is not set up")
        return self.identity.kiosk_id

    def connect(self) -> bool:
        """Open and migrate the database; on failure keep the reason. True when usable."""
        from kiosk.db.database import DatabaseUnavailable, open_database
        from kiosk.settings import load_settings
        from kiosk.staff.setup import identity

        if self.database is not None:
            return True
        try:
            self.database = open_database(self.paths.database)
        except DatabaseUnavailable as exc:
            log.error("database unavailable (%s): %s", exc.reason.value, exc)
            self.failure = exc
            return False
        with self.database.transaction() as session:
            self.settings = load_settings(session)
            self.identity = identity(session)
        self._adopt_bundled_profile()
        return True

    def _adopt_bundled_profile(self) -> None:
        """A province profile built into the bundle: seal consenting learners' IDs at once."""
        if not (resources_dir() / "province-profile.json").is_file():
            return  # most bundles: no need to import the sync modules at start
        from kiosk.sync.profile import ProfileError, adopt_bundled_profile

        assert self.database is not None
        try:
            with self.database.transaction() as session:
                adopt_bundled_profile(session, resources_dir(), self.clock())
        except ProfileError as exc:
            log.error("the built-in province profile is not used: %s", exc)

    def reload_identity(self) -> None:
        from kiosk.staff.setup import identity

        if self.database is not None:
            with self.database.transaction() as session:
                self.identity = identity(session)

    def place_label(self) -> str | None:
        """'Learning point — Commune' for the welcome screen; None before set-up."""
        if self.identity is None:
            return None
        commune = commune_label(self.units, self.identity.commune_code)
        return f"{self.identity.learning_point} — {commune}"

    def update_settings(self, changes: dict[str, object]) -> list[str]:
        """Validate and store changed settings (admin only: the caller checks)."""
        from kiosk import audit
        from kiosk.settings import save_settings

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


def start_services(paths: DataPaths) -> Services:
    """Services able to paint the welcome screen; call ``connect`` next if not connected."""
    from kiosk.db.quick import read_startup
    from kiosk.db.revision import HEAD

    res = resources_dir()
    catalogue = load_catalogue(res / "i18n")
    services = Services(
        paths=paths,
        catalogue=catalogue,
        translator=Translator(catalogue),
        units=load_units(),
    )
    facts = read_startup(paths.database, HEAD)
    if facts is None:
        services.connect()
        return services
    services.identity = facts.identity
    try:
        services.settings = settings_from_stored(facts.stored_settings)
    except (TypeError, ValueError):
        services.connect()
    return services


def build_services(paths: DataPaths) -> Services:
    """Fully connected services (tests, tools, the self-test)."""
    services = start_services(paths)
    services.connect()
    return services
