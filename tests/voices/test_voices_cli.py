"""``kiosk voices``: run through the real ``kiosk`` command with real data folders and files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.voices.store import VoiceStore

from .conftest import write_wav

LESSON = "vneid-levels"  # the lesson with the fewest lines


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["voices", *args, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def record(script: Path, lesson: str) -> int:
    """Fill a template folder's lines of ``lesson`` with generated tones (test data)."""
    with (script / "script.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = [row for row in csv.DictReader(fh) if row["lesson"] == lesson]
    for n, row in enumerate(rows):
        write_wav(script / row["file"], 220 + 10 * n)
    return len(rows)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A template for hmn with one lesson recorded."""
    script = tmp_path_factory.mktemp("cli") / "hmn-script"
    assert main(["voices", "template", "--lang", "hmn", "--out", str(script)]) == 0
    return script, record(script, LESSON)


def test_template_and_its_refusals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, recorded: tuple[Path, int]
) -> None:
    code, out, _ = run(capsys, tmp_path, "template", "--lang", "hmn", "--out", str(tmp_path / "s"))
    assert code == 0 and "lines to record in 'hmn'" in out
    assert (tmp_path / "s" / "clips" / LESSON).is_dir()
    assert (tmp_path / "s" / "clips" / "_screens").is_dir()
    code, _, err = run(capsys, tmp_path, "template", "--lang", "H M", "--out", str(tmp_path / "t"))
    assert code == 1 and "'H M' is not a language code" in err
    code, _, err = run(capsys, tmp_path, "template", "--lang", "hmn", "--out", str(tmp_path / "s"))
    assert code == 1 and "not an empty folder" in err


def test_import_export_list_rollback_remove(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, recorded: tuple[Path, int]
) -> None:
    script, count = recorded
    first, second = tmp_path / "first", tmp_path / "second"
    code, _, err = run(capsys, first, "import", str(script))
    assert code == 2 and "--lang" in err
    code, out, _ = run(capsys, first, "import", str(script), "--lang", "hmn", "--test-data")
    assert code == 0 and f"OK: {count} recordings in 'hmn'" in out
    code, out, _ = run(capsys, first, "list", "--json")
    [row] = json.loads(out)
    assert (row["lang"], row["clips"], row["current"], row["out_of_date"]) == (
        "hmn",
        count,
        count,
        [],
    )
    assert row["test_data"] is True and row["pack_version"] == 0

    pack = tmp_path / "hmn.hocso-voice"
    code, out, _ = run(capsys, first, "export", "--lang", "hmn", "--out", str(pack))
    assert code == 0 and "version 1" in out and pack.is_file()

    # The second kiosk trusts the first one's key only once it is imported.
    code, _, err = run(capsys, second, "import", str(pack))
    assert code == 1 and "does not trust" in err
    keys = tmp_path / "first-key.json"
    assert main(["keys", "export", "--out", str(keys), "--data-dir", str(first)]) == 0
    assert main(["keys", "import", str(keys), "--data-dir", str(second)]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, second, "import", str(pack), "--lang", "blt")
    assert code == 1 and "for 'hmn', not 'blt'" in err
    code, out, _ = run(capsys, second, "import", str(pack))
    assert code == 0 and f"version 1 (test data) installed: {count} new" in out
    code, _, err = run(capsys, second, "import", str(pack))
    assert code == 1 and "not newer" in err and "--force" in err
    code, out, _ = run(capsys, second, "import", str(pack), "--force")
    assert code == 0 and f"{count} replaced" in out

    code, out, _ = run(capsys, second, "rollback", "--lang", "hmn")
    assert code == 0 and f"{count} recordings, pack version 1" in out
    code, out, _ = run(capsys, second, "remove", "--lang", "hmn")
    assert code == 0 and f"removed {count} recordings" in out
    assert VoiceStore(second).clips("hmn") == {}
    code, _, err = run(capsys, second, "remove", "--lang", "hmn")
    assert code == 1 and "no recordings in 'hmn'" in err
    code, _, err = run(capsys, second, "rollback", "--lang", "hmn")
    assert code == 1 and "no earlier recordings" in err
    code, out, _ = run(capsys, second, "list")
    assert code == 0 and "no recordings on this kiosk" in out


def test_bad_files_are_refused_plainly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.hocso-voice"
    junk.write_text("not a pack")
    code, _, err = run(capsys, tmp_path, "import", str(junk))
    assert code == 1 and "not a voice pack" in err
    code, _, err = run(capsys, tmp_path, "import", str(tmp_path / "missing.hocso-voice"))
    assert code == 1 and "cannot be read" in err
    code, _, err = run(capsys, tmp_path, "export", "--lang", "hmn", "--out", str(tmp_path / "x"))
    assert code == 1 and "no recordings in 'hmn'" in err
    code, _, _ = run(capsys, tmp_path, "export", "--lang", "hmn")
    assert code == 2
