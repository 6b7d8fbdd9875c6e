"""Nothing outside kiosk/ui/ (and the composition root) imports PySide6: not the kiosk's core,
not the hub, not the shared record format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_ALLOWED = ("kiosk.ui", "kiosk.app", "kiosk.__main__")
PACKAGES = ("kiosk", "kiosk_hub", "kiosk_records")


def core_modules() -> list[str]:
    names = []
    paths = (path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py")))
    for path in paths:
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if "migrations" in parts:
            continue  # run by Alembic, not importable as plain modules
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if not name.startswith(QT_ALLOWED):
            names.append(name)
    return names


def test_core_modules_import_with_pyside6_blocked() -> None:
    modules = core_modules()
    assert "kiosk.db.models" in modules and "kiosk.services" in modules
    assert "kiosk_hub.app" in modules and "kiosk_records.codec" in modules
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith(('PySide6.', 'shiboken6')):\n"
        "            raise ImportError('core must not import ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print('ok', len(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")
