"""The kiosk as a real X11 window: Xvfb, a window manager, xdotool.

Kiosk mode must cover the whole screen and survive Escape and Alt+F4. Xvfb,
matchbox-window-manager and xdotool come from tools/system-packages.txt; when
they are missing this test fails rather than skips.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# The real kiosk process in a real window (x11 comes with the display fixture).
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1366, 768


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb screen of 1366×768 with matchbox managing its windows."""
    for tool in ("Xvfb", "matchbox-window-manager", "xdotool"):
        assert shutil.which(tool), f"{tool} missing: run tools/install-system-deps.sh"
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it to the pipe.
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{WIDTH}x{HEIGHT}x24",
         "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    wm: subprocess.Popen[bytes] | None = None
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        name = f":{number}"
        wm = subprocess.Popen(
            ["matchbox-window-manager", "-use_titlebar", "no"],
            env=dict(os.environ, DISPLAY=name),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        yield name
    finally:
        if wm is not None:
            stop(wm)
        stop(xvfb)


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=15,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def geometry(display: str, window: str) -> dict[str, int]:
    """``xdotool getwindowgeometry --shell``: X, Y, WIDTH, HEIGHT (empty if gone)."""
    out = xdotool(display, "getwindowgeometry", "--shell", window)
    pairs = (line.split("=", 1) for line in out.splitlines() if "=" in line)
    return {key: int(value) for key, value in pairs if key in ("X", "Y", "WIDTH", "HEIGHT")}


def kiosk_windows(display: str, pid: int) -> list[str]:
    return xdotool(display, "search", "--onlyvisible", "--pid", str(pid)).split()


@pytest.fixture
def kiosk_window(display: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """``python -m kiosk`` in kiosk mode on ``display``, and its X window id."""
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    log = tmp_path / "kiosk.stderr"
    with log.open("wb") as stderr:
        kiosk = subprocess.Popen(
            # the app itself (its windows carry its pid), not the launcher around it
            [sys.executable, "-m", "kiosk", "--no-restart", "--data-dir", str(tmp_path / "data")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        wait_for(lambda: bool(kiosk_windows(display, kiosk.pid)), 30, "the kiosk window")
        time.sleep(0.5)  # let the window manager settle the first configure
        yield kiosk, kiosk_windows(display, kiosk.pid)[0]
    finally:
        stop(kiosk)


FULL_SCREEN = {"X": 0, "Y": 0, "WIDTH": WIDTH, "HEIGHT": HEIGHT}


def test_kiosk_window_fills_the_screen(
    display: str, kiosk_window: tuple[subprocess.Popen[bytes], str]
) -> None:
    _, window = kiosk_window
    try:
        wait_for(lambda: geometry(display, window) == FULL_SCREEN, 5, "full screen")
    except AssertionError:
        raise AssertionError(f"window geometry {geometry(display, window)}") from None


def test_kiosk_window_ignores_escape_and_alt_f4(
    display: str, kiosk_window: tuple[subprocess.Popen[bytes], str], tmp_path: Path
) -> None:
    kiosk, window = kiosk_window
    assert xdotool(display, "getwindowname", window) == "Học Số"
    shot = grab(display, tmp_path / "real-window.png")
    assert len(shot.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 10, "nothing drawn"
    before = geometry(display, window)

    xdotool(display, "windowfocus", "--sync", window)
    xdotool(display, "key", "--clearmodifiers", "Escape")
    xdotool(display, "key", "--clearmodifiers", "alt+F4")
    time.sleep(1)

    assert kiosk.poll() is None, (tmp_path / "kiosk.stderr").read_text()
    assert window in kiosk_windows(display, kiosk.pid)
    assert geometry(display, window) == before


def grab(display: str, path: Path):  # type: ignore[no-untyped-def]
    """A screenshot of the whole X screen (kept under tmp_path for a failing run)."""
    from PIL import ImageGrab

    image = ImageGrab.grab(xdisplay=display).convert("RGB")
    image.save(path)
    assert image.size == (WIDTH, HEIGHT)
    return image
