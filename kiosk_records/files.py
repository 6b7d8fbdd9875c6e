"""Atomic file writes: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, private: bool = False, replace: bool = True) -> bool:
    """Write data to path through a temporary file in the same folder.

    Args:
        path: Destination.
        data: Bytes to write.
        private: Create the file with mode 0600 (where the OS supports it).
        replace: If False and path exists, leave it and return False.

    Returns:
        True if path now holds data.
    """
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
