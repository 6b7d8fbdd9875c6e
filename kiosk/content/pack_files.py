"""What a content pack folder may hold: plain files and folders, nothing else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.content.loader import display_name
from kiosk.content.problems import Problem

LINK_MESSAGE = "is a symbolic link; a pack may hold only plain files and folders"
SPECIAL_MESSAGE = "is a special file (FIFO, device or socket); a pack may hold only plain files"


def unsafe_entries(folder: Path) -> list[Problem]:
    """Symbolic links and special files (FIFO, device, socket) anywhere under ``folder``.

    A pack holds only plain files and folders: a link could bring in any file of the
    kiosk (or ``/dev/zero``, which passes a size check and never ends), and a FIFO blocks
    the reader. Checked without following links, before anything is read.
    """
    found: list[Problem] = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(parent, name)
            shown = f"{display_name(Path(parent))}{os.sep}{name}"
            try:
                mode = path.lstat().st_mode
            except OSError as exc:
                found.append(Problem(shown, f"cannot be read: {exc.strerror or exc}"))
                continue
            if stat.S_ISLNK(mode):
                found.append(Problem(shown, LINK_MESSAGE, code="link"))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append(Problem(shown, SPECIAL_MESSAGE, code="special"))
    return found
