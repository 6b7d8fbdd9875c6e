"""Where the kiosk finds its shipped resources and keeps its data.

Resources (fonts, translations) ship inside the package as ``kiosk/resources/``
and are found through ``importlib.resources``, in a source checkout, an installed
wheel and the PyInstaller bundle alike. The data folder defaults to the platform's
user data directory; ``--data-dir`` overrides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

APP_NAME = "HocSoKiosk"
APP_AUTHOR = "DienBien"


def resources_dir() -> Path:
    """The folder holding fonts and translations."""
    # Installed from a wheel or bundled by PyInstaller, the package is a folder on disk,
    # so the traversable is a real path (fonts are handed to Qt and reportlab by name).
    return Path(str(files("kiosk") / "resources"))


def default_data_dir() -> Path:
    """The per-user data folder (e.g. ``%LOCALAPPDATA%\\DienBien\\HocSoKiosk``)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


@dataclass(frozen=True)
class DataPaths:
    """Files inside one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "kiosk.sqlite3"

    @property
    def log(self) -> Path:
        return self.root / "kiosk.log"

    @property
    def secrets(self) -> Path:
        """Folder for key material (kiosk signing key, learner-data key)."""
        return self.root / "secrets"
