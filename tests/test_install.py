"""``pip install '.[hub]'`` from a copy of the source (not editable) gives working commands.

The copy is deleted once installed and every command runs in an empty folder, so the
kiosk and the hub can only find their resources, lesson packs, migrations and the
communes list inside the installed packages. About a minute on 2 cores (pip reuses its
cache and the machine's wheels).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.web_helpers import log_in

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mat-khau-tinh"


def source_files() -> list[Path]:
    """The files a fresh clone of this working tree would hold (tracked and new)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with ``.[hub]`` installed from a deleted copy."""
    root = tmp_path_factory.mktemp("install")
    src = root / "src"
    for rel in source_files():
        (src / rel.parent).mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    env_dir = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True, timeout=300)
    subprocess.run(
        [str(bin_path(env_dir, "python")), "-m", "pip", "install", "-q", f"{src}[hub]"],
        check=True, timeout=900, env=clean_env(),
    )  # fmt: skip
    shutil.rmtree(src)
    return env_dir


def bin_path(env_dir: Path, name: str) -> Path:
    if sys.platform == "win32":
        return env_dir / "Scripts" / f"{name}.exe"
    return env_dir / "bin" / name


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that could point Python at the source tree."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def test_packages_come_from_the_environment(venv: Path, empty_folder: Path) -> None:
    script = "import kiosk, kiosk_hub, kiosk_records; print(kiosk.__file__, kiosk_hub.__file__)"
    done = subprocess.run(
        [str(bin_path(venv, "python")), "-c", script],
        cwd=empty_folder, env=clean_env(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert all(Path(p).is_relative_to(venv) for p in done.stdout.split())


@pytest.fixture
def hub(venv: Path, empty_folder: Path) -> Iterator[str]:
    """``kiosk-hub serve`` in an empty folder with one province user; its base URL."""
    env = clean_env(KIOSK_HUB_DATA_DIR=str(empty_folder))
    hub_cmd = str(bin_path(venv, "kiosk-hub"))
    added = subprocess.run(
        [hub_cmd, "user", "add", "tinh", "--role", "province"],
        input=PASSWORD + "\n", cwd=empty_folder, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    port = free_port()
    log = (empty_folder / "serve.log").open("w")
    process = subprocess.Popen(
        [hub_cmd, "serve", "--port", str(port)],
        cwd=empty_folder, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (empty_folder / "serve.log").read_text()
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the hub did not answer within 60 s"
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_hub_answers_health_and_lists_the_45_communes_after_login(hub: str) -> None:
    assert httpx.get(f"{hub}/api/v1/health").json() == {"status": "ok", "database": "ok"}
    with httpx.Client(base_url=hub) as client:
        closed = client.get("/")
        assert closed.status_code == 303 and closed.headers["location"] == "/login"
        log_in(client, "tinh", PASSWORD)
        page = client.get("/")
    assert page.status_code == 200
    listed = re.findall(r'data-commune="(\d{5})"', page.text)
    with (ROOT / "kiosk_records" / "data" / "dien-bien-units.csv").open(encoding="utf-8") as fh:
        expected = [row["code"] for row in csv.DictReader(fh)]
    assert len(listed) == 45 and sorted(listed) == sorted(expected)
    assert "Phường Điện Biên Phủ" in page.text


def test_kiosk_selftest_and_lessons_from_the_installed_package(
    venv: Path, empty_folder: Path
) -> None:
    kiosk = str(bin_path(venv, "kiosk"))
    env = clean_env(QT_QPA_PLATFORM="offscreen")
    data = empty_folder / "data"
    done = subprocess.run(
        [kiosk, "--selftest", "--data-dir", str(data)],
        cwd=empty_folder, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "selftest ok" in done.stdout
    listed = subprocess.run(
        [kiosk, "content", "list", "--json", "--data-dir", str(data)],
        cwd=empty_folder, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    lessons = json.loads(listed.stdout)
    assert len(lessons) >= 23
    assert all(Path(lesson["file"]).is_relative_to(venv) for lesson in lessons)
