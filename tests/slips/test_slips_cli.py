import json
import subprocess
import uuid
from pathlib import Path

import pytest

from kiosk.slips import cli, keys_cli
from kiosk.slips.identity import PRACTICE_IDENTITY, kiosk_identity


@pytest.fixture
def kiosk_dir(tmp_path: Path) -> Path:
    data = tmp_path / "kiosk"
    data.mkdir()
    (data / "kiosk.json").write_text(
        json.dumps(
            {"kiosk_id": str(uuid.uuid4()), "commune_code": "03158", "learning_point": "Bản Mới"}
        )
    )
    return data


def test_identity_defaults_to_practice(tmp_path: Path, kiosk_dir: Path) -> None:
    assert kiosk_identity(tmp_path) == PRACTICE_IDENTITY
    assert kiosk_identity(kiosk_dir).commune_code == "03158"
    (tmp_path / "kiosk.json").write_text("{}")
    with pytest.raises(ValueError, match=r"kiosk\.json"):
        kiosk_identity(tmp_path)


def test_export_writes_a_trust_list(kiosk_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "keys.json"
    assert keys_cli.main(["export", "--out", str(out)], kiosk_dir) == 0
    doc = json.loads(out.read_text())
    assert doc["format"] == "hocso-slip-trust"
    (entry,) = doc["keys"]
    assert entry["commune_code"] == "03158"
    assert set(entry) == {"key_id", "public_key", "kiosk_id", "commune_code"}
    assert "secrets" not in out.read_text()


@pytest.mark.parametrize("layout", ["roll80", "a6", "a4x4"])
def test_sample_verifies_here_and_elsewhere_only_with_trust(
    layout: str, kiosk_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "sample.pdf"
    assert cli.main(["sample", "--out", str(pdf), "--layout", layout], kiosk_dir) == 0
    assert cli.main(["verify", str(pdf)], kiosk_dir) == 0
    assert "GENUINE" in capsys.readouterr().out

    hub = tmp_path / "hub"
    assert cli.main(["verify", str(pdf)], hub) == 1
    assert "not in the trust list" in capsys.readouterr().out
    keys_file = tmp_path / "keys.json"
    assert keys_cli.main(["export", "--out", str(keys_file)], kiosk_dir) == 0
    assert cli.main(["verify", str(pdf), "--trust", str(keys_file)], hub) == 0
    assert keys_cli.main(["import", str(keys_file)], hub) == 0
    capsys.readouterr()
    assert cli.main(["verify", str(pdf), "--json"], hub) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["slips"][0]["record"]["learner_name"] == "Người Học Thử"


def test_verify_png_and_text_and_tampering(
    kiosk_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "sample.pdf"
    cli.main(["sample", "--out", str(pdf), "--layout", "a6"], kiosk_dir)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "scan")], check=True)
    (png,) = tmp_path.glob("scan*.png")
    capsys.readouterr()
    assert cli.main(["verify", str(png), "--json"], kiosk_dir) == 0
    text = json.loads(capsys.readouterr().out)
    assert text["ok"]

    from kiosk.slips.scan import slip_texts

    (slip,) = slip_texts(str(png))
    assert cli.main(["verify", slip], kiosk_dir) == 0
    tampered = slip[:-3] + ("A" if slip[-3] != "A" else "B") + slip[-2:]
    assert cli.main(["verify", slip, tampered], kiosk_dir) == 1
    out = capsys.readouterr().out
    assert "GENUINE" in out and "REJECTED" in out


def test_unreadable_inputs_are_reported_not_raised(
    kiosk_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8 not really")
    assert cli.main(["verify", str(junk), "HS9:XYZ", "hello"], kiosk_dir) == 1
    out = capsys.readouterr().out
    assert out.count("REJECTED") == 3
    assert "version" in out


def test_bad_arguments_exit_2(
    kiosk_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([], kiosk_dir) == 2
    assert cli.main(["sample", "--out", "x.pdf", "--layout", "a3"], kiosk_dir) == 2
    assert cli.main(["verify", "x", "--trust", str(tmp_path / "missing.json")], kiosk_dir) == 2
    assert keys_cli.main(["import", str(tmp_path / "missing.json")], kiosk_dir) == 2
    assert "error" in capsys.readouterr().err
