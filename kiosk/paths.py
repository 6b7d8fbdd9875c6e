"""Where the kiosk finds its shipped resources and keeps its data.

Resources live in the top-level ``resources/`` folder of the source tree, or
next to the executable inside a PyInstaller bundle. The data folder defaults
to the platform's user data directory; ``--data-dir`` overrides it.
"""

from __future__ import annotations

import contextlib
import os
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


def private_folder(folder: Path) -> Path:
    """Make ``folder`` (and missing parents) and keep it for this user only.

    On Linux the folder gets mode 0700, an existing one too, so other local users cannot
    read the database, the keys or the logs inside. On Windows the data folder under
    ``%LOCALAPPDATA%`` is the user's own already; docs/windows-bundle.md shows the ACL.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        with contextlib.suppress(OSError):  # a folder of another owner: left as it is
            os.chmod(folder, 0o700)
    return folder


def private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if missing, or take an existing one to 0600.

    For files another library creates (SQLite makes its ``-wal`` and ``-shm`` files with
    the mode of the database file, so creating that one first is enough).
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
    else:
        os.close(fd)


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
