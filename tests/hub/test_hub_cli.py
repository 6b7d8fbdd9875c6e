"""``kiosk-hub`` commands: clear messages, exit codes, no tracebacks."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk_hub.cli import main


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KIOSK_HUB_DATABASE_URL", raising=False)
    return tmp_path / "hub"


def test_enroll_code_user_and_revoke(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "enroll-code", "--commune", "03127"]) == 0
    code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert (data_dir / "hub_x25519.key").stat().st_mode & 0o777 == 0o600
    assert main([*base, "enroll-code", "--commune", "99999"]) == 1
    assert "not one of the 45 commune codes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert main([*base, "user", "add", "xa", "--role", "commune", "--commune", "03158"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main([*base, "user", "add", "tinh", "--role", "province"]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert (
        main([*base, "revoke", "5d0c2a4e-7b1f-4c39-9a5e-0f1d4b8e6a21", "--from", "2026-03-01"]) == 1
    )
    assert "no enrolled kiosk" in capsys.readouterr().err


def test_bad_database_url_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk_hub.cli", "--data-dir", str(tmp_path), "enroll-code",
         "--commune", "03127"],
        capture_output=True, text=True, check=False,
        env={"KIOSK_HUB_DATABASE_URL": "postgresql://nobody@/x?host=/nonexistent", "PATH": ""},
    )  # fmt: skip
    assert result.returncode == 1
    assert "the hub database is not available" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_zero_workers(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "serve", "--workers", "0"]) == 1
    assert "--workers must be 1 or more" in capsys.readouterr().err
