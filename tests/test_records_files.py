"""Private files never take a shared folder like /tmp away from everyone else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk_records.files import write_atomic


def test_a_key_written_into_a_shared_sticky_folder_leaves_the_folder_shared(tmp_path: Path) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    assert write_atomic(shared / "kiosk.key", b"secret", private=True)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "kiosk.key").stat().st_mode) == 0o600


def test_a_private_files_own_folder_is_kept_for_this_user(tmp_path: Path) -> None:
    folder = tmp_path / "secrets"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    write_atomic(folder / "kiosk.key", b"secret", private=True)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
