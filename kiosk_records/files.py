"""Atomic file writes (a reader sees the old file or the new one, never half) and files and
folders kept for their owner only."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, private: bool = False, replace: bool = True) -> bool:
    """Write data to path through a temporary file in the same folder.

    Args:
        path: Destination.
        data: Bytes to write.
        private: Create the file with mode 0600 and its folder with 0700 (where the OS
            supports it): for keys.
        replace: If False and path exists, leave it and return False.

    Returns:
        True if path now holds data.
    """
    if private:
        private_folder(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        if private:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o600)  # mkstemp already uses 0600 on POSIX
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # fails if another process won the race
        except FileExistsError:
            return False
        except OSError:  # no hard links on this file system
            if path.exists():
                return False
            os.replace(tmp, path)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def private_folder(folder: Path) -> Path:
    """Make ``folder`` (and missing parents) and keep it for this user only.

    On Linux the folder gets mode 0700, an existing one too, so other local users cannot
    read the database, the keys or the logs inside. On Windows the data folder under
    ``%LOCALAPPDATA%`` is the user's own already; docs/windows-bundle.md shows the ACL.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and not folder.stat().st_mode & stat.S_ISVTX:
        # A sticky folder is a shared one like /tmp (a file written straight into it):
        # taking it to 0700 as root would lock every other user and service out of it.
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
