"""Where the kiosk finds its shipped resources and keeps its data.

Resources live in the top-level ``resources/`` folder of the source tree, or
next to the executable inside a PyInstaller bundle. The data folder defaults
to the platform's user data directory; ``--data-dir`` overrides it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "HocSoKiosk"
APP_AUTHOR = "DienBien"


def resources_dir() -> Path:
    """The folder holding fonts, translations and data files."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


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
