"""The PyInstaller one-folder bundle builds, fits, migrates and starts.

Built once per module into a temporary folder (``--distpath``/``--workpath``) so
the repository's ``dist/`` and ``build/`` are left alone. About 30 s on 2 cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Builds the bundle (slow), then runs it as a process (e2e).
pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parent.parent
# About 220 MB before local voices; PyAV (FFmpeg with libopus, the one Opus encoder with
# Windows wheels: Qt's own FFmpeg cannot encode Opus) adds about 105 MB on Linux.
SIZE_LIMIT_MB = 340


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The built ``kiosk`` folder (same spec and flags as ``make bundle``)."""
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "build"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    folder = out / "dist" / "kiosk"
    assert (folder / executable_name()).is_file()
    yield folder


def executable_name() -> str:
    return "kiosk.exe" if sys.platform == "win32" else "kiosk"


def run_bundle(bundle: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [str(bundle / executable_name()), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=bundle.parent,  # not the source tree: nothing may be found from there
    )


def folder_size_mb(folder: Path) -> float:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink())
    return total / 1_000_000


def test_bundle_stays_under_size_limit(bundle: Path) -> None:
    size = folder_size_mb(bundle)
    assert size < SIZE_LIMIT_MB, f"bundle is {size:.0f} MB"


def test_bundle_ships_migrations_and_resources_as_files(bundle: Path) -> None:
    internal = bundle / "_internal"
    migrations = internal / "kiosk" / "db" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    source = {p.name for p in (ROOT / "kiosk" / "db" / "migrations" / "versions").glob("*.py")}
    assert shipped == source
    assert list((internal / "kiosk" / "resources" / "fonts").glob("*.ttf"))
    assert (internal / "kiosk" / "resources" / "i18n" / "vi.yaml").is_file()
    assert (internal / "kiosk_records" / "data" / "dien-bien-units.csv").is_file()


def test_selftest_migrates_a_new_database_then_opens_it_again(bundle: Path, tmp_path: Path) -> None:
    for _ in range(2):  # first start creates and migrates, second finds it at head
        result = run_bundle(bundle, "--selftest", "--data-dir", str(tmp_path / "data"))
        assert result.returncode == 0, result.stderr
        assert "selftest ok" in result.stdout
    assert (tmp_path / "data" / "kiosk.sqlite3").is_file()


def test_corrupt_database_gives_a_clear_failure(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = data / "kiosk.sqlite3"
    database.write_bytes(b"this is not a database\n" * 100)
    result = run_bundle(bundle, "--selftest", "--data-dir", str(data))
    assert result.returncode != 0
    assert "corrupt" in result.stderr
    assert str(database) in result.stderr
    assert database.read_bytes() == b"this is not a database\n" * 100  # left for staff


def test_help_and_staff_commands_run_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    result = run_bundle(bundle, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: kiosk" in result.stdout
    if not (ROOT / "kiosk" / "content" / "cli.py").exists():
        return
    # A subcommand imported by name through importlib, reading packs shipped as data.
    result = run_bundle(bundle, "content", "list", "--json", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lessons = json.loads(result.stdout)
    assert lessons, "no lessons found in the bundle"
    assert all(str(bundle) in lesson["file"] for lesson in lessons)


def test_a_phone_recording_becomes_a_voice_clip_in_the_bundle(bundle: Path, tmp_path: Path) -> None:
    """PyAV's FFmpeg (decode, Opus) ships: a template's WAV is imported and counted."""
    import wave

    data, script = tmp_path / "data", tmp_path / "script"
    made = run_bundle(
        bundle, "voices", "template", "--lang", "hmn", "--out", str(script), "--data-dir", str(data)
    )
    assert made.returncode == 0, made.stderr
    wav = script / "clips" / "_screens" / "welcome.greeting.wav"
    assert wav.parent.is_dir()
    with wave.open(str(wav), "wb") as out:  # a tone, test data: never a real voice
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(
            b"".join(
                (8000 if (i // 20) % 2 else -8000).to_bytes(2, "little", signed=True)
                for i in range(8000)
            )
        )
    imported = run_bundle(
        bundle, "voices", "import", str(script), "--lang", "hmn", "--data-dir", str(data)
    )
    assert imported.returncode == 0, imported.stderr
    assert (data / "voices" / "hmn" / "_screens" / "welcome.greeting.opus").read_bytes()[
        :4
    ] == b"OggS"
